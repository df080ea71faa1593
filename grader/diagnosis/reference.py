"""The reference of one graded function, instrumented: record a case, or run it again with
one of its intermediate values replaced.

Runs happen in the grader's process, on deep copies of the grader's own case inputs (never on
a learner's values), under the references' lock (some references seed numpy's global random
numbers), and each within a budget of values passed. Recordings depend only on the case, so
they are kept, like the expected answers.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import numpy as np

from grader.expected import Expected
from grader.diagnosis.instrument import (
    Instrumented,
    NotApplicable,
    OverBudget,
    Site,
    Substitution,
    Tape,
    instrument,
)
from grader.spec import Case

RECORD_LIMIT = 200_000  # values passed in one recording run


@dataclass(frozen=True)
class Recording:
    """What the reference computed on one case: the first value at each site it reached, how
    often each site was passed, how many values passed in all, and its output."""

    first: dict[int, Any]
    counts: dict[int, int]
    passed: int
    output: Expected


class Reference:
    """An instrumented reference function, with its recordings kept per case."""

    def __init__(self, instrumented: Instrumented, lock: threading.RLock) -> None:
        self.instrumented = instrumented
        self.lock = lock
        self._kept: dict[int, tuple[Case, Recording | None]] = {}

    @classmethod
    def of(cls, function: Callable[..., Any], module: ModuleType,
           lock: threading.RLock) -> Reference | None:
        instrumented = instrument(function, module)
        return None if instrumented is None else cls(instrumented, lock)

    @property
    def sites(self) -> tuple[Site, ...]:
        return self.instrumented.sites

    @property
    def defaults(self) -> dict[str, Any]:
        return dict(self.instrumented.defaults)

    def record(self, index: int, case: Case) -> Recording | None:
        """The recording of `case` (kept for as long as `case` is this index's case)."""
        with self.lock:
            kept = self._kept.get(index)
            if kept is not None and kept[0] is case:
                return kept[1]
            tape = Tape(RECORD_LIMIT, keep=True)
            output = self._run(case, tape)
            recording = None if output is None else Recording(
                tape.first, tape.counts, tape.passed, output)
            self._kept[index] = (case, recording)
            return recording

    def rerun(self, case: Case, substitution: Substitution, limit: int
              ) -> tuple[Expected | None, int]:
        """The reference's output on `case` with `substitution` made, and the values passed;
        None when the substitution does not apply or the run goes over `limit`."""
        with self.lock:
            tape = Tape(limit, substitution)
            return self._run(case, tape), tape.passed

    def _run(self, case: Case, tape: Tape) -> Expected | None:
        args, kwargs = copy.deepcopy(case.args), copy.deepcopy(dict(case.kwargs))
        if case.seed is not None:
            np.random.seed(case.seed)
        try:
            with np.errstate(all="ignore"):
                return Expected(self.instrumented.run(tape, args, kwargs))
        except (NotApplicable, OverBudget):
            return None
        except Exception as error:  # noqa: BLE001 - what the reference raises, changed
            return Expected(error=(type(error).__name__, str(error)))
