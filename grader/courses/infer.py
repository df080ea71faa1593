"""Tell which week a submission is for, from the graded functions it defines.

Assignments share a few names (two weeks of a course may both grade a cost function): the
week whose graded functions the submission defines most wins; a tie, or no graded function at all, is an error
that asks the learner to name the week.
"""

from __future__ import annotations

from collections.abc import Mapping

from grader.errors import ConfigError
from grader.spec import Week
from grader.submission import Submission


def infer_week(submission: Submission, weeks: Mapping[str, Week] | None = None) -> str:
    """The name of the week `submission` looks like; `ConfigError` when it cannot tell.

    `weeks` defaults to every assignment of every course found from here (by the names
    commands take: `grader.courses.registry.Catalog.names`).
    """
    found = _defined_per_week(submission, weeks)
    best = max((len(names) for names in found.values()), default=0)
    if best == 0:
        known = ", ".join(found) or "none"
        raise ConfigError(f"defines none of the graded functions of any week ({known}); "
                          "name the week instead of auto, e.g. `grade week4 …`",
                          path=submission.path)
    leaders = [week for week, names in found.items() if len(names) == best]
    if len(leaders) > 1:
        raise ConfigError(f"looks like {' and '.join(leaders)} equally ({best} graded "
                          f"function{'s' if best > 1 else ''} of each); name the week instead "
                          f"of auto, e.g. `grade {leaders[0]} {submission.path}`",
                          path=submission.path)
    return leaders[0]


def looks_like(submission: Submission, other_than: str,
               weeks: Mapping[str, Week] | None = None) -> str:
    """A sentence naming the week the submission seems to be for, when it is not `other_than`
    ("" when no other week fits better)."""
    try:
        week = infer_week(submission, weeks)
    except ConfigError:
        return ""
    if week == other_than:
        return ""
    names = _defined_per_week(submission, weeks)[week]
    shown = ", ".join(names[:4]) + (", …" if len(names) > 4 else "")
    return (f"it looks like {week} (it defines {shown}): try `grade {week} "
            f"{submission.path}`")


def _defined_per_week(submission: Submission,
                      weeks: Mapping[str, Week] | None) -> dict[str, list[str]]:
    """For each week, its graded functions the submission defines (or tried to)."""
    if weeks is None:
        from grader.courses.registry import Catalog

        catalog = Catalog.discover()
        weeks = {name: catalog.week(name) for name in catalog.names()}
    defined = submission.defined | {name for unit in submission.units
                                    for name, _ in unit.broken}
    return {name: [f.name for f in week.functions if defined & set(f.names)]
            for name, week in weeks.items()}
