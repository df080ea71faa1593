"""`grade WEEK [SUBMISSION...]`: grade one submission and print its report, or a class of them
into the gradebook (see `grader.batch.discover` for which, and `grader.cli.batch` for a class).

`grade auto [SUBMISSION]` grades the week the submission looks like (default: this folder).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from grader.cli.courses import AUTO, catalog_of
from grader.cli.exits import EPILOG, EXIT_BELOW
from grader.cli.early import take_early
from grader.courses.registry import Catalog
from grader.errors import ConfigError
from grader.render import FORMATS, render
from grader.results import Report
from grader.sandbox import Sandbox, SandboxLimits

SEED_VARIABLE = "GRADE_SEED"
SUMMARY_VARIABLE = "GITHUB_STEP_SUMMARY"
STDOUT = Path("-")
DEFAULT_GRADEBOOK = Path("grades.db")

Command = TypeVar("Command", bound=Callable[..., Any])

# The options of every verb that grades; applied in this order, so listed as --help shows them.
OPTIONS = (
    click.option("--format", "formats", type=click.Choice(FORMATS), multiple=True,
                 help="Report format; repeat for several (default: text)."),
    click.option("--output", "outputs", type=click.Path(path_type=Path), multiple=True,
                 help="Write the report to FILE ('-': standard output); one per --format."),
    click.option("--seed", type=click.IntRange(min=0), envvar=SEED_VARIABLE,
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


# The options of a class: how to tell one from a submission, how to grade it, where it goes.
CLASS_OPTIONS = (
    click.option("--batch", "mode", flag_value="batch",
                 help="Grade each file or sub-folder of the folder as one learner's submission."),
    click.option("--single", "mode", flag_value="single",
                 help="Grade the folder as one submission, whatever it holds."),
    click.option("--jobs", type=click.IntRange(1, 1024), metavar="N",
                 help="Worker processes for a class (default: the number of cores)."),
    click.option("--gradebook", type=click.Path(dir_okay=False, path_type=Path),
                 default=DEFAULT_GRADEBOOK, show_default=True,
                 help="The SQLite gradebook a class is graded into."),
    click.option("--dask", metavar="ADDRESS",
                 help="Grade a class on the Dask cluster whose scheduler is at ADDRESS "
                      "(tcp://host:8786; needs grade[dask])."),
)


def grading_options(command: Command) -> Command:
    """Add the options every grading verb takes: formats, outputs, seed, threshold, limits."""
    for option in reversed(OPTIONS):
        command = option(command)
    return command


def grade_command(week: str) -> click.Command:
    """The command that grades `week` (or, for `auto`, the week the submission looks like):
    one submission, or a class."""
    if week == AUTO:
        help_text = ("Grade SUBMISSION (default: this folder) as the week whose graded functions "
                     "it defines.")
    else:
        help_text = (f"Grade {week} in SUBMISSION (default: ./assignments/"
                     f"{week.rpartition(':')[2]}/), or a class: a folder of learners' "
                     "submissions, or several paths (one learner each), graded into a "
                     "gradebook.")

    @click.command(name=week, epilog=EPILOG, help=help_text)
    @click.argument("submissions", nargs=-1, type=click.Path(path_type=Path))
    @grading_options
    @class_options
    @click.option("--watch", is_flag=True,
                  help="Grade again on every save of SUBMISSION (one), saying first what "
                       "changed; Ctrl-C stops.")
    def command(submissions: tuple[Path, ...], formats: tuple[str, ...],
                outputs: tuple[Path, ...], seed: int | None, fail_under: float | None,
                timeout: float, memory: int, output_limit: int, mode: str | None,
                jobs: int | None, gradebook: Path, dask: str | None, watch: bool) -> None:
        check_outputs(formats or ("text",), outputs)  # before grading, not after
        catalog = catalog_of()
        if week != AUTO:
            catalog.check([week])
        default = Path(".") if week == AUTO else Path("assignments") / week.rpartition(":")[2]
        paths = list(submissions) or [default]
        if not submissions and not default.exists():
            raise ConfigError(f"no submission given, and ./{default} does not exist here")
        sandbox_limits = limits(timeout, memory, output_limit)
        if watch:
            watch_one(week, paths, seed=seed, limits=sandbox_limits, formats=formats,
                      outputs=outputs, fail_under=fail_under, mode=mode, catalog=catalog)
            return
        if week == AUTO and len(paths) > 1:
            raise click.UsageError("grade auto takes one submission")
        # Started first: its zygote (a fresh interpreter) warms up while this process loads.
        with Sandbox.start(sandbox_limits, take_early()) as sandbox:
            if week != AUTO and (len(paths) > 1 or paths[0].is_dir() or mode == "batch"):
                from grader.batch.discover import Mode, plan

                spec = catalog.week(week)
                found = plan(paths, spec, Mode(mode or "auto"), gradebook_files(gradebook),
                             sandbox=sandbox)
                if found.note:
                    click.echo(f"grade: note: {found.note}; graded as one submission (--batch "
                               "grades each entry as a learner)", err=True)
                if found.batch:
                    if formats or outputs or fail_under is not None:
                        raise click.UsageError("--format, --output and --fail-under grade one "
                                               "submission; a class goes to the gradebook "
                                               "(see `grade export` and `grade summary`)")
                    from grader.cli.batch import grade_class

                    grade_class(spec.name, found, seed=seed, limits=sandbox_limits, jobs=jobs,
                                gradebook=gradebook, dask=dask, course=catalog.course_of(spec))
                    return
                paths = [found.learners[0].path]
            elif week == AUTO and paths[0].is_dir():
                paths = [week_folder(paths[0], catalog)]
            grade_one(paths[0], week, sandbox, seed=seed, formats=formats, outputs=outputs,
                      fail_under=fail_under, catalog=catalog)

    return command


def watch_one(week: str, paths: list[Path], *, seed: int | None, limits: SandboxLimits,
              formats: tuple[str, ...], outputs: tuple[Path, ...], fail_under: float | None,
              mode: str | None, catalog: Catalog) -> None:
    """`--watch`: one submission, its text report on standard output, again on every save."""
    if (week == AUTO or len(paths) > 1 or mode == "batch" or set(formats) - {"text"}
            or outputs or fail_under is not None):
        raise click.UsageError("--watch grades one submission of a named week, as text on the "
                               "terminal (no --format, --output, --fail-under or --batch)")
    from grader.cli.watching import watch_submission

    encoding = (getattr(sys.stdout, "encoding", None) or "ascii").lower()
    watch_submission(paths[0], week, seed=seed, limits=limits, catalog=catalog,
                     colour=_colour(), unicode="utf" in encoding)


def week_folder(folder: Path, catalog: Catalog) -> Path:
    """What a learner would submit from `folder` for `grade auto`: its one week folder
    (`<week>/` or `assignments/<week>/`) when it has one, else the folder itself; a folder
    with several (a course repository's root) is a `ConfigError` naming the ways out."""
    names = dict.fromkeys(name.rpartition(":")[2] for name in catalog.names())
    found = [path for name in names for path in (folder / name, folder / "assignments" / name)
             if path.is_dir()]
    if len(found) > 1:
        raise ConfigError(f"holds the assignments of several weeks ({', '.join(map(str, found))})"
                          f": grade one with `grade WEEK`, e.g. `grade {found[-1].name}`, or "
                          "every week with `grade all`", path=folder)
    return found[0] if found else folder


def class_options(command: Command) -> Command:
    """Add the options of grading a class."""
    for option in reversed(CLASS_OPTIONS):
        command = option(command)
    return command


def gradebook_files(path: Path) -> list[Path]:
    """The gradebook and the files SQLite keeps beside it: never a learner's submission."""
    return [path, *(path.with_name(path.name + end) for end in ("-wal", "-shm", "-journal"))]


def grade_one(path: Path, week: str, sandbox: Sandbox, *, seed: int | None,
              formats: tuple[str, ...], outputs: tuple[Path, ...],
              fail_under: float | None, catalog: Catalog | None = None) -> None:
    """Grade one submission and print (or write) its report."""
    from grader.grading import grade

    report = grade(path, () if week == AUTO else (week,), seed=seed, sandbox=sandbox,
                   catalog=catalog)
    if week == AUTO:
        click.echo(f"grade: {path} looks like {report.weeks[0].week}", err=True)
    finish(report, formats, outputs, fail_under)


def limits(timeout: float, memory: int, output_limit: int) -> SandboxLimits:
    """The sandbox limits from the command line's options."""
    return SandboxLimits(seconds_per_call=timeout, memory_mib=memory, output_kib=output_limit)


def finish(report: Report, formats: tuple[str, ...], outputs: tuple[Path, ...],
           fail_under: float | None) -> None:
    """Print or write the report; exit 1 when its score is below `fail_under` percent."""
    emit(report, formats or ("text",), outputs)
    if fail_under is not None and report.percent < fail_under:
        click.echo(f"grade: the score, {report.percent:.1f}%, is below --fail-under "
                   f"{fail_under:g}%", err=True)
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
