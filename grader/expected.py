"""What a reference answered on a case (its output, or the exception it raised), and what a
verdict knows of one call (`Observed`: the case, the learner's outcome, the expected answer).

Kept apart from `grader.answers` (where answers come from), which the diagnosis, the engine
and both sources of answers import.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from grader.spec import Case

if TYPE_CHECKING:
    from grader.sandbox import CallOutcome


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


class Observed(Protocol):
    """One case as the verdict records it (`grader.verdict.Record`)."""

    @property
    def case(self) -> Case: ...

    @property
    def outcome(self) -> CallOutcome: ...

    @property
    def expected(self) -> Expected: ...
