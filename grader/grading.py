"""Grade one submission path against one or more weeks (assignments): the library's entry point.

A week is named as commands name it (`week4`, `regularization`, `improving:regularization`)
among the courses of a `Catalog` (by default, those found from the current folder); each
week's answers come from its own course's references or cases (`grader.sources`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from grader import verdict
from grader.answers import Source
from grader.courses.infer import infer_week
from grader.courses.registry import Catalog
from grader.engine import Grading, grade_week
from grader.errors import SubmissionError
from grader.results import PartReport, Report, Status, WeekReport
from grader.sandbox import Sandbox, SandboxLimits
from grader.sources import default_source
from grader.spec import Week
from grader.submission import Submission, load_submission


def grade(
    path: Path,
    weeks: tuple[str, ...],
    *,
    seed: int | None = None,
    limits: SandboxLimits | None = None,
    references: Source | None = None,
    sandbox: Sandbox | None = None,
    catalog: Catalog | None = None,
) -> Report:
    """Grade the submission at `path` against `weeks`; raise `GraderError` if it cannot be read.

    No `weeks`: the one week the submission looks like (`ConfigError` if that is unclear).
    Pass a running `sandbox` to reuse it; otherwise one is started and stopped here.
    `references` replaces every week's own source of answers.
    """
    catalog = catalog or Catalog.discover()
    catalog.check(weeks)
    with _running(sandbox, limits) as running:
        specs = [catalog.week(name) for name in weeks]
        submission = load_submission(path, running)
        if not specs:
            every = {name: catalog.week(name) for name in catalog.names()}
            specs = [every[infer_week(submission, every)]]
        gradings = _gradings(running, specs, references, seed, catalog)
        reports = tuple(grade_week(submission, week, grading)
                        for week, grading in zip(specs, gradings))
        if weeks:
            reports = tuple(_with_week_note(submission, report, catalog) for report in reports)
        return Report(reports)


def _with_week_note(submission: Submission, report: WeekReport, catalog: Catalog) -> WeekReport:
    """The report, with a problem saying which week the submission looks like when it is not
    the week graded (asked only when most of the week's functions are missing: reading every
    week's spec costs time a submission of this week should not pay)."""
    missing = sum(f.status is Status.MISSING for f in report.functions)
    if missing * 2 <= len(report.functions):  # most of the week is there: it is this week
        return report
    from grader.courses.infer import looks_like

    every = {name: catalog.week(name) for name in catalog.names()}
    other = looks_like(submission, report.week, every)
    return dataclasses.replace(report, problems=(*report.problems, other)) if other else report


def grade_weeks(
    submissions: Mapping[str, Path],
    *,
    seed: int | None = None,
    limits: SandboxLimits | None = None,
    references: Source | None = None,
    sandbox: Sandbox | None = None,
    catalog: Catalog | None = None,
) -> Report:
    """Grade each week (a key of `submissions`) in its own submission path, in one report.

    A path that serves several weeks is read once, and each week takes from it the files that
    define its own functions (`Submission.for_part`). A week whose submission cannot be read,
    or defines none of its functions, is reported with every function missing and the reason
    among its problems; the other weeks are graded all the same. When no week can be graded,
    raise `SubmissionError`.
    """
    catalog = catalog or Catalog.discover()
    catalog.check(submissions)
    with _running(sandbox, limits) as running:
        specs = [catalog.week(name) for name in submissions]
        paths = {week.name: submissions[name] for week, name in zip(specs, submissions)}
        gradings = _gradings(running, specs, references, seed, catalog)
        loaded = {path: _load(path, running) for path in dict.fromkeys(submissions.values())}
        reports, errors = [], []
        for week, grading in zip(specs, gradings):
            path = paths[week.name]
            sharing = [other for other in specs
                       if other is not week and paths[other.name] == path]
            try:
                submission = _narrowed(loaded[path], week, sharing)
                reports.append(grade_week(submission, week, grading))
            except SubmissionError as error:
                errors.append(str(error))
                reports.append(not_graded(week, path, str(error)))
        if len(errors) == len(specs):
            raise SubmissionError("nothing to grade: " + "; ".join(dict.fromkeys(errors)))
        return Report(tuple(reports))


def _gradings(sandbox: Sandbox, weeks: list[Week], references: Source | None,
              seed: int | None, catalog: Catalog) -> list[Grading]:
    """A grading per week, sharing one source of answers per course."""
    sources: dict[Path, Source] = {}
    gradings = []
    for week in weeks:
        course = catalog.course_of(week)
        if references is None and course.root not in sources:
            sources[course.root] = default_source(course)
        gradings.append(Grading(sandbox, references or sources[course.root], seed))
    return gradings


@contextmanager
def _running(sandbox: Sandbox | None, limits: SandboxLimits | None) -> Iterator[Sandbox]:
    """The sandbox given, or one started here and stopped after. Callers start it before any
    week spec is imported, so that its zygote never holds their modules."""
    if sandbox is not None:
        yield sandbox
        return
    with Sandbox.start(limits) as started:
        yield started


def not_graded(week: Week, path: Path, reason: str) -> WeekReport:
    """The report of a week that could not be graded: every function missing, and why."""
    parts = tuple(PartReport(part.name, part.title,
                             tuple(verdict.absent(f, part, None) for f in part.functions))
                  for part in week.parts)
    return WeekReport(week=week.name, title=week.title, submission=str(path), parts=parts,
                      problems=(reason,))


def _load(path: Path, sandbox: Sandbox) -> Submission | SubmissionError:
    try:
        return load_submission(path, sandbox)
    except SubmissionError as error:
        return error


def _narrowed(loaded: Submission | SubmissionError, week: Week,
              sharing: list[Week]) -> Submission:
    """The part of a submission that serves `week`, when other weeks share its path."""
    if isinstance(loaded, SubmissionError):
        raise loaded
    if not sharing:
        return loaded
    narrowed = loaded.for_part(week.names, frozenset().union(*(other.names for other in sharing)))
    shared = sorted(loaded.defined & week.names)
    if shared and not narrowed.defined & week.names:
        verb = "belongs" if len(shared) == 1 else "belong"
        raise SubmissionError(f"defines none of the functions only {week.name} has; its "
                              f"{', '.join(shared)} {verb} to another week here",
                              path=loaded.path)
    return narrowed
