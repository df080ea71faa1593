"""Where the expected answers come from, for one graded function.

    Source ─► Answers (per function): cases, expected outputs, mistakes' outputs, numerical
              gradients, helpers served to the learner's code, parameter names

Two sources: the reference solutions run live in this process (`grader.references`), and a
cases file of the public cases with everything precomputed (`grader.casebook`), which is what
a learners' bundle carries instead of the references; `grader.sources` picks one for a course.
The engine and the verdicts only talk to `Answers`.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from grader.sandbox import Answered
from grader.spec import Case, GradedFunction, Mistake, Part


@dataclass(frozen=True)
class Expected:
    """The reference's output on a case, or the exception it raised (type and message)."""

    value: Any = None
    error: tuple[str, str] | None = None


def run_reference(implementation: Callable[..., Any], case: Case) -> Expected:
    """Call a reference (or a catalogued mistake) on pristine copies of the case's inputs."""
    args, kwargs = copy.deepcopy(case.args), copy.deepcopy(dict(case.kwargs))
    if case.seed is not None:
        np.random.seed(case.seed)
    try:
        with np.errstate(all="ignore"):
            return Expected(implementation(*args, **kwargs))
    except Exception as error:  # noqa: BLE001 - a mistake may raise; so may a reference
        return Expected(error=(type(error).__name__, str(error)))


class Answers(Protocol):
    """The answers about one graded function. `live` answers can serve helpers to the
    learner's code and draw cases from any seed; stored ones have the public cases only."""

    live: bool
    parameters: list[str]
    answered: Answered | None  # replies to the learner's helper requests, kept for the next

    def cases(self, rng: np.random.Generator) -> list[Case]: ...

    def expected(self, index: int, case: Case) -> Expected: ...

    def mistaken(self, mistake: Mistake, index: int, case: Case) -> Expected | None: ...

    def gradients(self, index: int, case: Case) -> dict[str, np.ndarray] | None: ...

    def helper(self, name: str, args: list[Any], kwargs: dict[str, Any],
               rng: Any) -> tuple[Any, Any]: ...


class Source(Protocol):
    """Answers for every graded function of the course; `unavailable` says what it cannot do."""

    live: bool
    unavailable: tuple[str, ...]

    def answers(self, week: str, part: Part, function: GradedFunction) -> Answers: ...
