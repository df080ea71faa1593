"""Whether a function whose code regions are empty did nothing of its own, once it was run.

A function is never judged unimplemented from its source alone: learners write their code
above an empty pair of markers, or on a marker's own line. A function whose regions hold no
statement (`is_stub`) is run like any other, passes when what it does is right, and is failed
on what it does when that is wrong. It is reported `not_implemented` only when every call did
nothing of its own: raised NotImplementedError, stopped at a name the empty region should have
defined, tripped over a `None` placeholder, returned None (or a placeholder, or an empty
container, where the answer has content), or gave one of its inputs back unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from grader.compare import compare
from grader.expected import Observed


NOTHING_RAISED = frozenset({"NotImplementedError", "NameError", "UnboundLocalError"})


def did_nothing(records: Sequence[Observed]) -> bool:
    """True when every call (there was at least one) did nothing of its own."""
    return bool(records) and all(_nothing(record) for record in records)


def _nothing(record: Observed) -> bool:
    outcome = record.outcome
    if outcome.crash is not None:
        return False
    if outcome.error is not None:
        return outcome.error.type in NOTHING_RAISED or "NoneType" in outcome.error.message
    value = outcome.value
    if _placeholder(value, None if record.expected.error else record.expected.value):
        return True
    return any(compare(value, argument) is None for argument in record.case.args
               if argument is not None)


def _placeholder(value: Any, expected: Any) -> bool:
    """`value` is None, or holds a None or an empty container where `expected` has content."""
    if value is None:
        return expected is not None
    if isinstance(expected, (tuple, list)) and isinstance(value, (tuple, list)):
        return (not value and bool(expected)) or any(
            _placeholder(v, e) for v, e in zip(value, expected))
    if isinstance(expected, dict) and isinstance(value, dict):
        return (not value and bool(expected)) or any(
            _placeholder(value[key], expected[key]) for key in expected if key in value)
    return False
