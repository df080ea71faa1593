"""Where the expected answers come from, for one graded function.

    Source ─► Answers (per function): cases, expected outputs, mistakes' outputs, numerical
              gradients, helpers served to the learner's code, parameter names

Two sources: the reference solutions run live in this process (`grader.references`), and a
cases file of the public cases with everything precomputed (`grader.casebook`), which is what
a learners' bundle carries instead of the references; `grader.sources` picks one for a course.
The engine and the verdicts only talk to `Answers`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

import numpy as np

from grader.expected import Expected, run_reference
from grader.sandbox import Served
from grader.spec import Case, GradedFunction, Mistake, Part

if TYPE_CHECKING:
    from grader.diagnosis.reference import Reference

__all__ = ["Answers", "Expected", "Source", "run_reference"]


class Answers(Protocol):
    """The answers about one graded function. `live` answers draw cases from any seed, and
    have `served`: the reference code that answers the learner's helper requests (in a helper
    child: see `grader.sandbox.helpers`); stored ones have the public cases only."""

    live: bool
    parameters: list[str]
    served: Served | None

    def cases(self, rng: np.random.Generator) -> list[Case]: ...

    def expected(self, index: int, case: Case) -> Expected: ...

    def mistaken(self, mistake: Mistake, index: int, case: Case) -> Expected | None: ...

    def gradients(self, index: int, case: Case) -> dict[str, np.ndarray] | None: ...

    def internals(self) -> Reference | None:
        """The reference, instrumented for the generic diagnosis; None without references."""

    def template(self) -> str | None:
        """The digest of this function as released to learners (its code regions emptied:
        `grader.release.stub`), None when unknown: a learner's function with this digest is
        the untouched stub."""


class Source(Protocol):
    """Answers for every graded function of the course; `unavailable` says what it cannot do."""

    live: bool
    unavailable: tuple[str, ...]

    def answers(self, week: str, part: Part, function: GradedFunction) -> Answers: ...
