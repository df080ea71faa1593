"""`grade all [SUBMISSION]`: grade every week (assignment) of the course and print one report
per week. The course is the selected one (`--course`, $GRADE_COURSE, or found from here), else
the built-in course.

Where each week's submission is:
- no SUBMISSION: `./assignments/<week>/` for each week (the learner's working copy);
- a folder with a `<week>/` subfolder for any week: `SUBMISSION/<week>/` for each week;
- anything else (a file, or a folder of notebooks): the same SUBMISSION for every week, each
  week taking the files that define its own functions.

A week whose submission is missing or defines none of its functions is reported as such (every
function missing, and the reason); the others are graded all the same. When no week has a
submission at all, that is a usage error (exit 2).
"""

from __future__ import annotations

from pathlib import Path

import click

from grader.cli.courses import catalog_of
from grader.cli.exits import EPILOG
from grader.cli.grade import finish, grading_options, limits
from grader.errors import ConfigError


@click.command(name="all", epilog=EPILOG)
@click.argument("submission", required=False, type=click.Path(path_type=Path))
@grading_options
def grade_all(submission: Path | None, formats: tuple[str, ...], outputs: tuple[Path, ...],
              seed: int | None, fail_under: float | None, timeout: float, memory: int,
              output_limit: int) -> None:
    """Grade every week of the course: one report per week, and a total.

    Each week is graded in SUBMISSION/<week>/ when such folders exist, else in SUBMISSION
    itself (each week taking the files that define its own functions); without SUBMISSION,
    in ./assignments/<week>/. A week with nothing to grade is reported as such.
    """
    from grader.cli.early import take_early
    from grader.grading import grade_weeks
    from grader.sandbox import Sandbox

    with Sandbox.start(limits(timeout, memory, output_limit), take_early()) as sandbox:
        catalog = catalog_of()
        paths = week_paths(submission, catalog.names(catalog.primary))
        report = grade_weeks(paths, seed=seed, sandbox=sandbox, catalog=catalog)
    finish(report, formats, outputs, fail_under)


def week_paths(submission: Path | None, weeks: tuple[str, ...]) -> dict[str, Path]:
    """Each week's submission path (see the module docstring)."""
    root = submission or Path("assignments")
    if submission is not None and not submission.is_dir():
        return {week: submission for week in weeks}
    by_week = {week: root / week for week in weeks}
    if any(path.exists() for path in by_week.values()):
        return by_week
    if submission is None:
        raise ConfigError(f"no submission given, and ./{root} holds none of "
                          f"{', '.join(f'{week}/' for week in weeks)}")
    return {week: submission for week in weeks}
