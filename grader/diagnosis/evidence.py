"""What the diagnosis works from, case by case: the learner's outcome, the expected output,
the inputs, and (with live references) the reference's intermediate values.

    Trial (one case) ─► Leaf (one array or number of the output, over every case)
                    ─► Value (a named value: an input, an intermediate, an expected output)
                    ─► Quantity (a named number: m, learning_rate, X.shape[1])

Every relation is checked with `close`: the same tolerance the values check uses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from grader.compare import Tolerance
from grader.diagnosis.reference import Recording
from grader.spec import Case

SCALAR_TYPES = (int, float, np.integer, np.floating)


@dataclass(frozen=True)
class Trial:
    """One case: what the learner's function gave (a value, or the exception it raised) and
    what was expected, with the inputs; `recording` holds the reference's intermediate
    values on the case, when the references are here."""

    index: int
    case: Case
    yours: Any
    error: tuple[str, str] | None
    expected: Any
    inputs: tuple[tuple[str, Any], ...]
    recording: Recording | None = None


@dataclass(frozen=True)
class Leaf:
    """One array or number of the output, over the cases that have it (`cases`, by index; a
    deeper network's case has more layers): the learner's and the expected."""

    path: str
    yours: tuple[Any, ...]
    expected: tuple[Any, ...]
    cases: tuple[int, ...] = ()

    def wrong(self, tolerance: Tolerance) -> bool:
        return not all(close(y, e, tolerance) for y, e in zip(self.yours, self.expected))


@dataclass(frozen=True)
class Value:
    """A value with a name the learner knows, on every case: an input ("dZ", "cache[0]"), an
    intermediate of the reference ("Z"), or another part of the expected output."""

    name: str
    values: tuple[Any, ...]
    origin: str  # "input", "intermediate", "expected"


@dataclass(frozen=True)
class Quantity:
    """A named number, on every case: m, L, learning_rate, X.shape[1]. `shown` holds its
    values on every case of the function, to tell the learner (`values` may be a subset)."""

    name: str
    values: tuple[float, ...]
    shown: tuple[float, ...] = ()

    @property
    def told(self) -> tuple[float, ...]:
        return self.shown or self.values


def numeric(value: Any) -> np.ndarray | None:
    """`value` as an array of floats, when it is a number or a numeric array (not a bool)."""
    if isinstance(value, (bool, np.bool_)):
        return None
    if isinstance(value, SCALAR_TYPES):
        return np.asarray(value, dtype=np.float64)
    if isinstance(value, np.ndarray) and value.dtype.kind in "iuf":
        return value.astype(np.float64)
    if isinstance(value, (tuple, list)) and _numbers(value):
        return np.asarray(value, dtype=np.float64)
    return None


def close(a: Any, b: Any, tolerance: Tolerance) -> bool:
    """Equal within the tolerance of the values check: same shape, every element close."""
    x, y = numeric(a), numeric(b)
    if x is None or y is None:
        if isinstance(a, np.ndarray) and isinstance(b, np.ndarray):
            return a.shape == b.shape and bool(np.array_equal(a, b))
        return type(a) is type(b) and _plain_equal(a, b)
    if x.shape != y.shape:
        return False
    finite = np.isfinite(x)
    if not np.array_equal(finite, np.isfinite(y)) or np.any(np.isnan(x) | np.isnan(y)):
        return False  # infinities must sit at the same places; a nan equals nothing
    if not np.array_equal(x[~finite], y[~finite]):
        return False
    return bool(np.allclose(x[finite], y[finite], rtol=tolerance.rtol, atol=tolerance.atol))


def _plain_equal(a: Any, b: Any) -> bool:
    try:
        return bool(a == b)
    except (TypeError, ValueError):
        return False


def inputs_of(case: Case, parameters: Sequence[str], defaults: dict[str, Any] | None = None
              ) -> tuple[tuple[str, Any], ...]:
    """The case's inputs by parameter name, with the defaults of those it leaves out."""
    names = list(parameters) + [f"argument {i + 1}" for i in range(len(parameters),
                                                                      len(case.args))]
    given = (*zip(names, case.args), *case.kwargs.items())
    taken = {name for name, _ in given}
    return (*given, *((name, value) for name, value in (defaults or {}).items()
                      if name not in taken))


# --- walking outputs -------------------------------------------------------------------------


def leaves(value: Any, path: str, names: tuple[str, ...] = (), top: bool = True
           ) -> Iterator[tuple[str, Any]]:
    """Every array or number in `value`, with its path as the values check names it."""
    if isinstance(value, (tuple, list)) and not _numbers(value):
        for i, item in enumerate(value):
            child = names[i] if top and i < len(names) else f"{path}[{i}]"
            yield from leaves(item, child, names, False)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, f"{path}[{key!r}]", names, False)
    else:
        yield path, value


def _numbers(value: Sequence[Any]) -> bool:
    return bool(value) and all(isinstance(v, SCALAR_TYPES) and not isinstance(v, bool)
                               for v in value)


def same_structure(a: Any, b: Any) -> bool:
    """Whether two outputs have the same containers, lengths and keys all the way down."""
    if isinstance(b, (tuple, list)) and not _numbers(b):
        return isinstance(a, (tuple, list)) and len(a) == len(b) and all(
            same_structure(x, y) for x, y in zip(a, b))
    if isinstance(b, dict):
        return isinstance(a, dict) and set(a) == set(b) and all(
            same_structure(a[k], b[k]) for k in b)
    return not isinstance(a, (tuple, list, dict)) or (not isinstance(a, dict) and _numbers(a))


def output_leaves(trials: Sequence[Trial], root: str, names: tuple[str, ...]) -> list[Leaf]:
    """The output's leaves, each over the cases that have it; empty unless each case's output
    has the same structure as the expected one (then the leaves line up)."""
    if not trials or not all(t.error is None and same_structure(t.yours, t.expected)
                             for t in trials):
        return []
    per_trial = [(dict(leaves(t.yours, root, names)), dict(leaves(t.expected, root, names)))
                 for t in trials]
    paths = list(dict.fromkeys(path for _, expected in per_trial for path in expected))
    found = []
    for path in paths:
        cases = tuple(i for i, (_, expected) in enumerate(per_trial) if path in expected)
        found.append(Leaf(path, tuple(per_trial[i][0][path] for i in cases),
                          tuple(per_trial[i][1][path] for i in cases), cases))
    return found


# --- named values and quantities ------------------------------------------------------------


def input_values(trials: Sequence[Trial]) -> list[Value]:
    """The inputs, and the arrays inside tuple or dict inputs, by the learner's names (None
    on a case that lacks one: a network with fewer layers)."""
    per_trial = [dict(leaf for name, arg in t.inputs for leaf in leaves(arg, name))
                 for t in trials]
    names = dict.fromkeys(name for p in per_trial for name in p)
    return [Value(name, tuple(p.get(name) for p in per_trial), "input") for name in names]


def quantities(values: Sequence[Value]) -> list[Quantity]:
    """Named numbers over every case: whole numbers among `values` (m, L) and numbers given
    as inputs (learning_rate), then the sizes of their arrays (X.shape[1]). A number already
    named is not named twice; one that is 1 or 0 on every case names nothing; a fraction the
    computation made (a cost, a probability) is a value, not a quantity."""
    found: list[Quantity] = []
    seen: set[tuple[float, ...]] = set()

    def add(name: str, numbers: tuple[float, ...]) -> None:
        if numbers in seen or all(n in (0.0, 1.0) for n in numbers):
            return
        seen.add(numbers)
        found.append(Quantity(name, numbers))

    for value in values:
        if all(isinstance(v, SCALAR_TYPES) and not isinstance(v, bool) and np.isfinite(v)
               for v in value.values) and (value.origin == "input" or all(
                   float(v).is_integer() for v in value.values)):
            add(value.name, tuple(float(v) for v in value.values))
    for value in values:
        if all(isinstance(v, np.ndarray) and v.ndim >= 1 for v in value.values):
            ndim = min(v.ndim for v in value.values)
            for axis in sorted(range(ndim), reverse=True):
                add(f"{value.name}.shape[{axis}]",
                    tuple(float(v.shape[axis]) for v in value.values))
    return found


def ratio(yours: Any, expected: Any) -> float | None:
    """The k of yours = k * expected, fitted by least squares (None when expected is 0)."""
    y, e = numeric(yours), numeric(expected)
    if y is None or e is None or y.shape != e.shape:
        return None
    if not (np.all(np.isfinite(y)) and np.all(np.isfinite(e))):
        return None
    scale = float(np.sum(e * e))
    if scale == 0.0:
        return None
    return float(np.sum(e * y)) / scale


def holds(relation: Callable[[int], bool], count: int) -> bool:
    """Whether `relation(i)` is true for every case i."""
    return all(relation(i) for i in range(count))
