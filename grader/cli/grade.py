"""`grade WEEK [SUBMISSION...]`: grade one submission and print its report, or a class of them
(see `grader.batch.discover` for which, and `grader.cli.batch` for a class)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from grader.cli.app import EPILOG, EXIT_BELOW
from grader.errors import ConfigError
from grader.render import FORMATS, render
from grader.results import Report
from grader.sandbox import SandboxLimits

SEED_VARIABLE = "GRADE_SEED"
DEFAULT_GRADEBOOK = Path("grades.db")


def grade_command(week: str) -> click.Command:
    """The command that grades `week`: one submission, or a class."""

    @click.command(name=week, epilog=EPILOG, help=f"Grade {week} in SUBMISSION (default: "
                   f"./assignments/{week}/), or a class: a folder of learners' submissions, "
                   "or several paths (one learner each), graded into a gradebook.")
    @click.argument("submissions", nargs=-1, type=click.Path(path_type=Path))
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
    @click.option("--batch", "mode", flag_value="batch",
                  help="Grade each file or sub-folder of the folder as one learner's submission.")
    @click.option("--single", "mode", flag_value="single",
                  help="Grade the folder as one submission, whatever it holds.")
    @click.option("--jobs", type=click.IntRange(1, 1024), metavar="N",
                  help="Worker processes for a class (default: the number of cores).")
    @click.option("--gradebook", type=click.Path(dir_okay=False, path_type=Path),
                  default=DEFAULT_GRADEBOOK, show_default=True,
                  help="The SQLite gradebook a class is graded into.")
    @click.option("--dask", metavar="ADDRESS",
                  help="Grade a class on the Dask cluster whose scheduler is at ADDRESS "
                       "(tcp://host:8786; needs grade[dask]).")
    def command(submissions: tuple[Path, ...], formats: tuple[str, ...],
                outputs: tuple[Path, ...], seed: int | None, fail_under: float | None,
                timeout: float, memory: int, output_limit: int, mode: str | None,
                jobs: int | None, gradebook: Path, dask: str | None) -> None:
        from grader.batch.discover import Mode, plan
        from grader.weeks import get_week

        paths = list(submissions) or [Path("assignments") / week]
        if not submissions and not paths[0].exists():
            raise ConfigError(f"no submission given, and ./{paths[0]} does not exist here")
        limits = SandboxLimits(seconds_per_call=timeout, memory_mib=memory,
                               output_kib=output_limit)
        found = plan(paths, get_week(week), Mode(mode or "auto"), gradebook_files(gradebook))
        if found.batch:
            if formats or outputs or fail_under is not None:
                raise click.UsageError("--format, --output and --fail-under grade one "
                                       "submission; a class goes to the gradebook (see "
                                       "`grade export` and `grade summary`)")
            from grader.cli.batch import grade_class

            grade_class(week, found, seed=seed, limits=limits, jobs=jobs, gradebook=gradebook,
                        dask=dask)
            return
        grade_one(found.learners[0].path, week, seed=seed, limits=limits,
                  formats=formats or ("text",), outputs=outputs, fail_under=fail_under)

    return command


def gradebook_files(path: Path) -> list[Path]:
    """The gradebook and the files SQLite keeps beside it: never a learner's submission."""
    return [path, *(path.with_name(path.name + end) for end in ("-wal", "-shm", "-journal"))]


def grade_one(path: Path, week: str, *, seed: int | None, limits: SandboxLimits,
              formats: tuple[str, ...], outputs: tuple[Path, ...],
              fail_under: float | None) -> None:
    """Grade one submission and print (or write) its report."""
    from grader.grading import grade

    report = grade(path, (week,), seed=seed, limits=limits)
    emit(report, formats, outputs)
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
