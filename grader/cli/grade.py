"""`grade WEEK [SUBMISSION]`: grade one submission against one week and print the report."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from grader.cli.app import EPILOG, EXIT_BELOW
from grader.errors import ConfigError
from grader.render import FORMATS, render
from grader.results import Report
from grader.sandbox import SandboxLimits

SEED_VARIABLE = "GRADE_SEED"

Command = TypeVar("Command", bound=Callable[..., Any])

# The options of every verb that grades; applied in this order, so listed as --help shows them.
OPTIONS = (
    click.option("--format", "formats", type=click.Choice(FORMATS), multiple=True,
                 help="Report format; repeat for several (default: text)."),
    click.option("--output", "outputs", type=click.Path(path_type=Path), multiple=True,
                 help="Write the report to FILE instead of standard output (one per --format)."),
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
    """The command that grades `week`."""

    @click.command(name=week, epilog=EPILOG, help=f"Grade {week} in SUBMISSION (default: "
                   f"./assignments/{week}/).")
    @click.argument("submission", required=False, type=click.Path(path_type=Path))
    @grading_options
    def command(submission: Path | None, formats: tuple[str, ...], outputs: tuple[Path, ...],
                seed: int | None, fail_under: float | None, timeout: float, memory: int,
                output_limit: int) -> None:
        from grader.grading import grade

        path = submission or Path("assignments") / week
        if submission is None and not path.exists():
            raise ConfigError(f"no submission given, and ./{path} does not exist here")
        report = grade(path, (week,), seed=seed, limits=limits(timeout, memory, output_limit))
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
    """Print or write the report in each format (one --output per --format, or none)."""
    if outputs and len(outputs) != len(formats):
        raise click.UsageError("give one --output per --format")
    for index, name in enumerate(formats):
        target = outputs[index] if outputs else None
        encoding = (getattr(sys.stdout, "encoding", None) or "ascii").lower()
        text = render(report, name, colour=target is None and _colour(),
                      unicode=target is not None or "utf" in encoding)
        if target is None:
            click.echo(text, nl=False)
        else:
            target.write_text(text, encoding="utf-8")


def _colour() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ
