"""Grade the mutants of the references, and say how the checks and the hints did on them.

Each mutant is spliced into its part's reference module (as `grade selfcheck` splices a
catalogued mistake) and graded in the sandbox like a learner's submission, on the public cases.
A mutant that passes is graded again on the cases of a few other seeds: if it passes those too
it behaves like the reference and is dropped (`equivalent`); if not, the public cases let it
through (`missed`). A mutant that fails is `caught`; its hint is judged against the edit that
made it (`grader.mutation.judge`).
"""

from __future__ import annotations

import enum
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from grader.engine import Grading, grade_week
from grader.mutation.generate import Mutant, mutants
from grader.mutation.judge import Judgement, judge
from grader.references import References
from grader.results import CheckStatus, FunctionResult, Status
from grader.sandbox import Sandbox
from grader.selfcheck import spliced
from grader.spec import GradedFunction, Part, Week
from grader.submission import load_submission

OTHER_SEEDS = (1, 2)


class Outcome(str, enum.Enum):
    """What grading made of a mutant."""

    CAUGHT = "caught"
    MISSED = "missed"
    EQUIVALENT = "equivalent"


@dataclass(frozen=True)
class MutantCheck:
    """How the grader did on one mutant."""

    part: str
    mutant: Mutant
    outcome: Outcome
    status: Status
    hint: str | None = None
    basis: tuple[str, ...] = ()
    judgement: Judgement | None = None

    @property
    def hinted(self) -> bool:
        return self.outcome is Outcome.CAUGHT and self.hint is not None


@dataclass(frozen=True)
class MutantsCheck:
    """The mutants of one week, graded."""

    week: str
    checks: tuple[MutantCheck, ...]


def week_mutants(week: Week, references: References,
                 functions: Iterable[str] = ()) -> list[tuple[Part, GradedFunction, Mutant]]:
    """Every mutant of every graded function of `week` (or only of `functions`)."""
    wanted = set(functions)
    found = []
    for part in week.parts:
        text = references.path(week.name, part.reference).read_text(encoding="utf-8")
        for function in part.functions:
            if wanted and function.name not in wanted:
                continue
            found += [(part, function, m) for m in mutants(text, function.name)]
    return found


def sample(items: list[tuple[Part, GradedFunction, Mutant]], every: int
           ) -> list[tuple[Part, GradedFunction, Mutant]]:
    """Every `every`-th mutant: a small, deterministic sample spread over the functions."""
    return items[::max(1, every)]


def check_mutants(week: Week, sandbox: Sandbox, references: References,
                  chosen: list[tuple[Part, GradedFunction, Mutant]]) -> MutantsCheck:
    """Grade each mutant in `chosen` (from `week_mutants`)."""
    public = Grading(sandbox, references)
    others = [Grading(sandbox, references, seed) for seed in OTHER_SEEDS]
    checks = []
    with tempfile.TemporaryDirectory(prefix="grade-mutants-") as folder:
        for number, (part, function, mutant) in enumerate(chosen):
            path = Path(folder) / str(number)
            path.mkdir()
            text = spliced(references, week, part, function.name, mutant.source)
            (path / f"{part.reference}.py").write_text(text, encoding="utf-8")
            alone = week.only(part, function)
            result = _graded(path, alone, public)
            checks.append(_check(part, mutant, result, path, alone, others))
    return MutantsCheck(week.name, tuple(checks))


def _graded(path: Path, week: Week, grading: Grading) -> FunctionResult:
    return grade_week(load_submission(path, grading.sandbox), week, grading).functions[0]


def _check(part: Part, mutant: Mutant, result: FunctionResult, path: Path, week: Week,
           others: list[Grading]) -> MutantCheck:
    if result.status is Status.PASS:
        for grading in others:
            if _graded(path, week, grading).status is not Status.PASS:
                return MutantCheck(part.name, mutant, Outcome.MISSED, result.status)
        return MutantCheck(part.name, mutant, Outcome.EQUIVALENT, result.status)
    failing = next((c for c in result.checks if c.status is not CheckStatus.PASS and c.hint),
                   None)
    if failing is None:
        return MutantCheck(part.name, mutant, Outcome.CAUGHT, result.status)
    assert failing.hint is not None
    return MutantCheck(part.name, mutant, Outcome.CAUGHT, result.status, failing.hint,
                       failing.hint_basis, judge(mutant, failing.hint_basis))
