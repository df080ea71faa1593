"""`grade WEEK [SUBMISSION]`: grade one submission against one week and print the report.

`grade auto [SUBMISSION]` grades the week the submission looks like (default: this folder).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from grader.cli.app import AUTO, EPILOG, EXIT_BELOW
from grader.errors import ConfigError
from grader.render import FORMATS, render
from grader.results import Report
from grader.sandbox import SandboxLimits

SEED_VARIABLE = "GRADE_SEED"
SUMMARY_VARIABLE = "GITHUB_STEP_SUMMARY"
STDOUT = Path("-")

Command = TypeVar("Command", bound=Callable[..., Any])

# The options of every verb that grades; applied in this order, so listed as --help shows them.
OPTIONS = (
    click.option("--format", "formats", type=click.Choice(FORMATS), multiple=True,
                 help="Report format; repeat for several (default: text)."),
    click.option("--output", "outputs", type=click.Path(path_type=Path), multiple=True,
                 help="Write the report to FILE ('-': standard output); one per --format."),
    click.option("--seed", type=int, envvar=SEED_VARIABLE,
                 help=f"Secret seed for hidden cases (or ${SEED_VARIABLE}); default: the public "
                      "cases."),
    click.option("--fail-under", type=click.FloatRange(0, 100), metavar="PCT",
                 help="Exit with code 1 when the score is below PCT percent."),
    click.option("--timeout", type=click.FloatRange(0.1, 3600), default=10.0, show_default=True,
                 help="Seconds allowed per call of a learner's function."),
    click.option("--memory", type=click.IntRange(64, 1 << 20), default=1024, show_default=True,
                 help="Memory (MiB) a learner's code may allocate."),
    click.option("--output-limit", type=click.IntRange(1, 1 << 20), default=64,
                 show_default=True, help="KiB of printed output kept per function."),
)


def grading_options(command: Command) -> Command:
    """Add the options every grading verb takes: formats, outputs, seed, threshold, limits."""
    for option in reversed(OPTIONS):
        command = option(command)
    return command


def grade_command(week: str) -> click.Command:
    """The command that grades `week` (or, for `auto`, the week the submission looks like)."""
    if week == AUTO:
        help_text = ("Grade SUBMISSION (default: this folder) as the week whose graded functions "
                     "it defines.")
    else:
        help_text = f"Grade {week} in SUBMISSION (default: ./assignments/{week}/)."

    @click.command(name=week, epilog=EPILOG, help=help_text)
    @click.argument("submission", required=False, type=click.Path(path_type=Path))
    @grading_options
    def command(submission: Path | None, formats: tuple[str, ...], outputs: tuple[Path, ...],
                seed: int | None, fail_under: float | None, timeout: float, memory: int,
                output_limit: int) -> None:
        from grader.grading import grade

        formats = formats or ("text",)
        check_outputs(formats, outputs)  # before grading, not after
        path = submission or (Path(".") if week == AUTO else Path("assignments") / week)
        if submission is None and not path.exists():
            raise ConfigError(f"no submission given, and ./{path} does not exist here")
        report = grade(path, () if week == AUTO else (week,), seed=seed,
                       limits=limits(timeout, memory, output_limit))
        if week == AUTO:
            click.echo(f"grade: {path} looks like {report.weeks[0].week}", err=True)
        finish(report, formats, outputs, fail_under)

    return command


def limits(timeout: float, memory: int, output_limit: int) -> SandboxLimits:
    """The sandbox limits from the command line's options."""
    return SandboxLimits(seconds_per_call=timeout, memory_mib=memory, output_kib=output_limit)


def finish(report: Report, formats: tuple[str, ...], outputs: tuple[Path, ...],
           fail_under: float | None) -> None:
    """Print or write the report; exit 1 when its score is below `fail_under` percent."""
    emit(report, formats or ("text",), outputs)
    if fail_under is not None and report.percent < fail_under:
        raise SystemExit(EXIT_BELOW)


def emit(report: Report, formats: tuple[str, ...], outputs: tuple[Path, ...]) -> None:
    """Print or write the report in each format (one --output per --format, or none).

    The `github` format also appends the Markdown report to $GITHUB_STEP_SUMMARY, when set.
    """
    check_outputs(formats, outputs)
    for index, name in enumerate(formats):
        target = outputs[index] if outputs else STDOUT
        encoding = (getattr(sys.stdout, "encoding", None) or "ascii").lower()
        text = render(report, name, colour=target == STDOUT and _colour(),
                      unicode=target != STDOUT or "utf" in encoding)
        if target == STDOUT:
            click.echo(text, nl=False)
        else:
            _write(target, text, append=False)
        summary = os.environ.get(SUMMARY_VARIABLE)
        if name == "github" and summary:
            _write(Path(summary), render(report, "markdown") + "\n", append=True)


def check_outputs(formats: tuple[str, ...], outputs: tuple[Path, ...]) -> None:
    """Refuse a number of --output that does not match the number of --format."""
    if outputs and len(outputs) != len(formats):
        raise click.UsageError("give one --output per --format")


def _write(path: Path, text: str, *, append: bool) -> None:
    try:
        with path.open("a" if append else "w", encoding="utf-8") as file:
            file.write(text)
    except OSError as error:
        raise ConfigError(f"cannot write the report: {error.strerror or error}",
                          path=path) from error


def _colour() -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set and not empty (no-color.org)."""
    return (sys.stdout.isatty() and not os.environ.get("NO_COLOR")
            and os.environ.get("TERM") != "dumb")
