"""The `grade` command: parse options, call the library, render, map outcomes to exit codes.

Exit codes: 0 graded; 1 score below --fail-under; 2 usage error or unreadable submission;
3 internal error.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from grader import __version__
from grader.errors import ConfigError, GraderError
from grader.results import Report
from grader.sandbox import SandboxLimits
from grader.weeks import NAMES as WEEK_NAMES

EXIT_OK, EXIT_BELOW, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
FORMATS = ("text", "json")
SEED_VARIABLE = "GRADE_SEED"

EPILOG = """\b
Exit codes:
  0  graded (whatever the score)
  1  the score is below --fail-under
  2  usage error, or a submission that cannot be read
  3  internal error of the grader
"""


class _Commands(click.Group):
    """Week names (`week4`) are commands too, each grading that week."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [*WEEK_NAMES, *super().list_commands(ctx)]

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in WEEK_NAMES:
            return _grade_command(name)
        return super().get_command(ctx, name)


@click.group(cls=_Commands, epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="grade")
def cli() -> None:
    """Grade the course's numpy assignments: `grade week4 [SUBMISSION]`.

    SUBMISSION is a .py file, a notebook or a folder; without one, the learner's working copy
    ./assignments/<week>/ is graded.
    """


def _grade_command(week: str) -> click.Command:
    @click.command(name=week, epilog=EPILOG, help=f"Grade {week} in SUBMISSION (default: "
                   f"./assignments/{week}/).")
    @click.argument("submission", required=False, type=click.Path(path_type=Path))
    @click.option("--format", "formats", type=click.Choice(FORMATS), multiple=True,
                  help="Report format; repeat for several (default: text).")
    @click.option("--output", "outputs", type=click.Path(path_type=Path), multiple=True,
                  help="Write the report to FILE instead of standard output (one per --format).")
    @click.option("--seed", type=int, envvar=SEED_VARIABLE,
                  help=f"Secret seed for hidden cases (or ${SEED_VARIABLE}); default: the "
                       "public cases.")
    @click.option("--fail-under", type=click.FloatRange(0, 100), metavar="PCT",
                  help="Exit with code 1 when the score is below PCT percent.")
    @click.option("--timeout", type=click.FloatRange(0.1, 3600), default=10.0, show_default=True,
                  help="Seconds allowed per call of a learner's function.")
    @click.option("--memory", type=click.IntRange(64, 1 << 20), default=1024, show_default=True,
                  help="Memory (MiB) a learner's code may allocate.")
    @click.option("--output-limit", type=click.IntRange(1, 1 << 20), default=64,
                  show_default=True, help="KiB of printed output kept per function.")
    def command(submission: Path | None, formats: tuple[str, ...], outputs: tuple[Path, ...],
                seed: int | None, fail_under: float | None, timeout: float, memory: int,
                output_limit: int) -> None:
        from grader.grading import grade

        path = submission or Path("assignments") / week
        if submission is None and not path.exists():
            raise ConfigError(f"no submission given, and ./{path} does not exist here")
        limits = SandboxLimits(seconds_per_call=timeout, memory_mib=memory,
                               output_kib=output_limit)
        report = grade(path, (week,), seed=seed, limits=limits)
        _emit(report, formats or ("text",), outputs)
        if fail_under is not None and report.percent < fail_under:
            raise SystemExit(EXIT_BELOW)

    return command


@cli.command()
@click.argument("weeks", nargs=-1)
@click.option("--solutions", type=click.Path(file_okay=False, path_type=Path),
              help="The instructor's sources (default: the solutions/ folder of this project).")
@click.option("--assignments", type=click.Path(file_okay=False, path_type=Path),
              help="Where the learners' copy goes (default: assignments/ beside solutions/).")
@click.option("--check", is_flag=True,
              help="Write nothing; exit 1 when the learners' copy is not what release makes.")
def release(weeks: tuple[str, ...], solutions: Path | None, assignments: Path | None,
            check: bool) -> None:
    """Make the learners' notebooks of WEEKS (default: all) from the instructor's sources."""
    from grader import release as releasing
    from grader.references import default_root
    from grader.weeks import get_week

    solutions = solutions or default_root()
    assignments = assignments or solutions.parent / "assignments"
    files: dict[Path, str] = {}
    for name in weeks or WEEK_NAMES:
        files.update(releasing.release(get_week(name), solutions, assignments))
    stale = releasing.stale(files)
    if check:
        for path in stale:
            click.echo(f"out of date: {path}")
        if stale:
            raise SystemExit(EXIT_BELOW)
        click.echo(f"up to date: {len(files)} files")
        return
    for path in releasing.write(files):
        click.echo(f"wrote {path}")


def _emit(report: Report, formats: tuple[str, ...], outputs: tuple[Path, ...]) -> None:
    if outputs and len(outputs) != len(formats):
        raise click.UsageError("give one --output per --format")
    for index, name in enumerate(formats):
        target = outputs[index] if outputs else None
        text = _render(report, name, colour=target is None and _colour())
        if target is None:
            click.echo(text, nl=False)
        else:
            target.write_text(text, encoding="utf-8")


def _render(report: Report, name: str, *, colour: bool) -> str:
    if name == "json":
        from grader.render import json_report

        return json_report.render(report)
    from grader.render import text

    encoding = (getattr(sys.stdout, "encoding", None) or "ascii").lower()
    return text.render(report, colour=colour, unicode="utf" in encoding)


def _colour() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def main(argv: list[str] | None = None) -> Any:
    """Run the CLI; turn a `GraderError` into one line and its exit code."""
    try:
        return cli.main(args=argv, prog_name="grade", standalone_mode=False)
    except click.exceptions.Exit as done:
        raise SystemExit(done.exit_code) from None
    except click.ClickException as error:
        error.show()
        raise SystemExit(EXIT_USAGE) from None
    except click.exceptions.Abort:
        click.echo("grade: aborted", err=True)
        raise SystemExit(EXIT_INTERNAL) from None
    except GraderError as error:
        click.secho(f"grade: error: {error}", err=True, fg="red")
        raise SystemExit(error.exit_code) from None
    except SystemExit:
        raise
    except Exception as error:  # a bug in the grader: say so, with the one line that matters
        click.secho(f"grade: internal error: {type(error).__name__}: {error}", err=True, fg="red")
        raise SystemExit(EXIT_INTERNAL) from None
