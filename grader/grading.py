"""Grade one submission path against one or more weeks: the library's entry point."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from grader import verdict
from grader.engine import Grading, grade_week
from grader.errors import SubmissionError
from grader.answers import Source, default_source
from grader.results import PartReport, Report, Status, WeekReport
from grader.sandbox import Sandbox, SandboxLimits
from grader.spec import Week
from grader.submission import Submission, load_submission
from grader.weeks import check, get_week
from grader.weeks.infer import infer_week


def grade(
    path: Path,
    weeks: tuple[str, ...],
    *,
    seed: int | None = None,
    limits: SandboxLimits | None = None,
    references: Source | None = None,
    sandbox: Sandbox | None = None,
) -> Report:
    """Grade the submission at `path` against `weeks`; raise `GraderError` if it cannot be read.

    No `weeks`: the one week the submission looks like (`ConfigError` if that is unclear).
    Pass a running `sandbox` to reuse it; otherwise one is started and stopped here.
    """
    check(weeks)
    with _running(sandbox, limits) as running:
        specs = [get_week(name) for name in weeks]
        submission = load_submission(path, running)
        specs = specs or [get_week(infer_week(submission))]
        grading = Grading(running, references or default_source(), seed)
        reports = tuple(grade_week(submission, week, grading) for week in specs)
        if weeks:
            reports = tuple(_with_week_note(submission, report) for report in reports)
        return Report(reports)


def _with_week_note(submission: Submission, report: WeekReport) -> WeekReport:
    """The report, with a problem saying which week the submission looks like when it is not
    the week graded (asked only when a function is missing: a complete week pays nothing)."""
    if not any(f.status is Status.MISSING for f in report.functions):
        return report
    from grader.weeks.infer import looks_like

    other = looks_like(submission, report.week)
    return dataclasses.replace(report, problems=(*report.problems, other)) if other else report


def grade_weeks(
    submissions: Mapping[str, Path],
    *,
    seed: int | None = None,
    limits: SandboxLimits | None = None,
    references: Source | None = None,
    sandbox: Sandbox | None = None,
) -> Report:
    """Grade each week (a key of `submissions`) in its own submission path, in one report.

    A path that serves several weeks is read once, and each week takes from it the files that
    define its own functions (`Submission.for_part`). A week whose submission cannot be read,
    or defines none of its functions, is reported with every function missing and the reason
    among its problems; the other weeks are graded all the same. When no week can be graded,
    raise `SubmissionError`.
    """
    check(list(submissions))
    with _running(sandbox, limits) as running:
        specs = [get_week(name) for name in submissions]
        grading = Grading(running, references or default_source(), seed)
        loaded = {path: _load(path, running) for path in dict.fromkeys(submissions.values())}
        reports, errors = [], []
        for week in specs:
            path = submissions[week.name]
            sharing = [other for other in specs
                       if other is not week and submissions[other.name] == path]
            try:
                submission = _narrowed(loaded[path], week, sharing)
                reports.append(grade_week(submission, week, grading))
            except SubmissionError as error:
                errors.append(str(error))
                reports.append(not_graded(week, path, str(error)))
        if len(errors) == len(specs):
            raise SubmissionError("nothing to grade: " + "; ".join(dict.fromkeys(errors)))
        return Report(tuple(reports))


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
