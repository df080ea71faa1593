"""Compare a learner's output with the expected one: structure → type → shape → values.

Each level is checked over the whole output before the next, and the first level that fails is
the one reported, with figures computed here: counts, largest differences, a few positions.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from grader.results import Level, Mismatch, Position
from grader.sandbox.wire import Opaque

MAX_POSITIONS = 5


@dataclass(frozen=True)
class Tolerance:
    """How close values must be: |yours - expected| <= atol + rtol * |expected|."""

    rtol: float = 1e-5
    atol: float = 1e-8


@dataclass(frozen=True)
class Leaf:
    """A pair of leaves (non-containers) met during the walk, with its display path."""

    path: str
    yours: Any
    expected: Any


def compare(
    yours: Any, expected: Any, *, name: str = "output", names: tuple[str, ...] = (),
    tolerance: Tolerance = Tolerance(), strict_types: bool = False,
) -> Mismatch | None:
    """Return the first mismatch by level, or None when the outputs agree."""
    structural = _structure(yours, expected, name, names)
    if structural is not None:
        return structural
    leaves = list(_leaves(yours, expected, name, names))
    for check in (_type_of, _shape_of):
        for leaf in leaves:
            found = check(leaf, strict_types)
            if found is not None:
                return found
    for leaf in leaves:
        found = _values_of(leaf, tolerance)
        if found is not None:
            return found
    return None


# --- walking -------------------------------------------------------------------------------


def _child_path(path: str, key: Any, names: tuple[str, ...], top: bool) -> str:
    if top and isinstance(key, int) and key < len(names):
        return names[key]
    return f"{path}[{key!r}]"


def _structure(yours: Any, expected: Any, path: str, names: tuple[str, ...],
               top: bool = True) -> Mismatch | None:
    if isinstance(expected, (tuple, list)):
        if not isinstance(yours, (tuple, list)):
            return _mismatch(Level.STRUCTURE, path,
                             f"{path} is {describe(yours)}; expected {describe(expected)}",
                             yours, expected)
        if len(yours) != len(expected):
            return _mismatch(
                Level.STRUCTURE, path,
                f"{path} has {len(yours)} entries; expected {len(expected)}"
                + (f" ({', '.join(names)})" if top and names else ""), yours, expected)
        for i, (a, b) in enumerate(zip(yours, expected)):
            found = _structure(a, b, _child_path(path, i, names, top), names, False)
            if found is not None:
                return found
        return None
    if isinstance(expected, dict):
        if not isinstance(yours, dict):
            return _mismatch(Level.STRUCTURE, path,
                             f"{path} is {describe(yours)}; expected {describe(expected)}",
                             yours, expected)
        missing = [k for k in expected if k not in yours]
        extra = [k for k in yours if k not in expected]
        if missing or extra:
            parts = []
            if missing:
                parts.append("is missing " + ", ".join(map(repr, missing)))
            if extra:
                parts.append("has unexpected " + ", ".join(map(repr, extra)))
            return _mismatch(Level.STRUCTURE, path, f"{path} " + " and ".join(parts),
                             yours, expected)
        for key in expected:
            found = _structure(yours[key], expected[key], f"{path}[{key!r}]", names, False)
            if found is not None:
                return found
        return None
    if isinstance(yours, (tuple, list, dict)):
        return _mismatch(Level.STRUCTURE, path,
                         f"{path} is {describe(yours)}; expected {describe(expected)}",
                         yours, expected)
    return None


def _leaves(yours: Any, expected: Any, path: str, names: tuple[str, ...],
            top: bool = True) -> Iterator[Leaf]:
    """Pairs of leaves, once `_structure` found the two trees alike."""
    if isinstance(expected, (tuple, list)):
        if expected and all(_is_number(e) for e in expected) and all(
            _is_number(y) for y in yours
        ):
            yield Leaf(path, yours, expected)  # a list of numbers compares as one array
            return
        for i, (a, b) in enumerate(zip(yours, expected)):
            yield from _leaves(a, b, _child_path(path, i, names, top), names, False)
    elif isinstance(expected, dict):
        for key in expected:
            yield from _leaves(yours[key], expected[key], f"{path}[{key!r}]", names, False)
    else:
        yield Leaf(path, yours, expected)


# --- types and shapes ----------------------------------------------------------------------


def _is_number(value: Any) -> bool:
    return (isinstance(value, (int, float, np.number, np.bool_)) and not isinstance(value, bool)
            and (type(value) in (int, float) or type(value).__module__ == "numpy"))


def _is_scalar(value: Any) -> bool:
    return _is_number(value) or (type(value) is np.ndarray and value.ndim == 0
                                 and value.dtype.kind in "biuf")


def _type_of(leaf: Leaf, strict: bool) -> Mismatch | None:
    yours, expected, path = leaf.yours, leaf.expected, leaf.path
    if isinstance(expected, list):  # a list of numbers: the list itself was checked
        if isinstance(yours, tuple):
            return _mismatch(Level.TYPE, path, f"{path} is a tuple; expected a list",
                             yours, expected)
        return None
    if isinstance(yours, Opaque):
        return _mismatch(Level.TYPE, path,
                         f"{path} is an object of type {yours.type_name}; expected "
                         f"{describe(expected)} (only plain Python and numpy values are "
                         "accepted)", yours, expected)
    if type(expected) is np.ndarray and expected.ndim > 0:
        if type(yours) is not np.ndarray:
            return _mismatch(Level.TYPE, path,
                             f"{path} is {describe(yours)}; expected {describe(expected)}",
                             yours, expected)
        if _kind_clash(yours.dtype, expected.dtype):
            return _mismatch(Level.TYPE, path, f"{path} has dtype {yours.dtype}; expected "
                             f"{expected.dtype}", yours, expected)
        return None
    if _is_scalar(expected):
        if not _is_scalar(yours) or (np.iscomplexobj(yours) and not np.iscomplexobj(expected)):
            return _mismatch(Level.TYPE, path,
                             f"{path} is {describe(yours)}; expected {describe(expected)}",
                             yours, expected)
        if strict and not _same_scalar_type(yours, expected):
            return _mismatch(Level.TYPE, path,
                             f"{path} is {describe(yours)}; expected {describe(expected)}",
                             yours, expected)
        return None
    if type(yours) is not type(expected):
        return _mismatch(Level.TYPE, path,
                         f"{path} is {describe(yours)}; expected {describe(expected)}",
                         yours, expected)
    return None


def _kind_clash(yours: np.dtype[Any], expected: np.dtype[Any]) -> bool:
    """Numbers where other things are expected or the reverse, and complex numbers where real
    ones are expected (their real parts may match: the answer is still not real)."""
    numeric = "biufc"
    return ((yours.kind in numeric) != (expected.kind in numeric)
            or (yours.kind == "c" and expected.kind != "c"))


def _same_scalar_type(yours: Any, expected: Any) -> bool:
    """Strict scalars: a Python float accepts np.float64 (a float subclass), nothing else."""
    if type(expected) is float:
        return isinstance(yours, float)
    if type(expected) is int:
        return type(yours) is int
    if type(expected) is np.ndarray:
        return type(yours) is np.ndarray
    return type(yours) is type(expected) or (isinstance(expected, np.floating)
                                             and type(yours) is float)


def _shape_of(leaf: Leaf, strict: bool) -> Mismatch | None:
    yours, expected, path = leaf.yours, leaf.expected, leaf.path
    if type(expected) is not np.ndarray or type(yours) is not np.ndarray:
        return None
    if yours.shape == expected.shape:
        return None
    message = f"{path} has shape {yours.shape}; expected {expected.shape}"
    if yours.ndim == 1 and expected.ndim == 2 and yours.size == expected.size:
        message = (f"{path} is a rank-1 array of shape {yours.shape}; expected "
                   f"{expected.shape} (use keepdims=True, or reshape to {expected.shape})")
    elif sorted(yours.shape) == sorted(expected.shape) and yours.ndim == 2:
        message += " (transposed?)"
    return _mismatch(Level.SHAPE, path, message, yours, expected)


# --- values --------------------------------------------------------------------------------


def _values_of(leaf: Leaf, tolerance: Tolerance) -> Mismatch | None:
    yours, expected, path = leaf.yours, leaf.expected, leaf.path
    if isinstance(expected, list) or _is_scalar(expected) or type(expected) is np.ndarray:
        a = np.asarray(yours)
        b = np.asarray(expected)
        if a.dtype.kind in "biufc" and b.dtype.kind in "biufc":
            return _numeric(path, a, b, tolerance)
        equal = a.shape == b.shape and bool(np.all(a == b))
    else:
        equal = yours == expected
    if equal:
        return None
    return _mismatch(Level.VALUES, path, f"{path} is {_short(yours)}; expected {_short(expected)}",
                     yours, expected)


def _numeric(path: str, a: np.ndarray, b: np.ndarray, tol: Tolerance) -> Mismatch | None:
    exact = (a.dtype.kind in "biu" and b.dtype.kind in "biu") or a.dtype.kind == "b"
    af = a.astype(np.complex128 if "c" in (a.dtype.kind, b.dtype.kind) else np.float64,
                  copy=False)
    bf = b.astype(af.dtype, copy=False)
    if exact:
        close = af == bf
    elif af.shape == bf.shape and bool((af == bf).all()):
        return None  # bit for bit equal, as most right answers are: isclose costs 10x more
    else:
        with np.errstate(invalid="ignore", over="ignore"):
            close = np.isclose(af, bf, rtol=tol.rtol, atol=tol.atol, equal_nan=True)
    if bool(np.all(close)):
        return None
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        diff = np.abs(af - bf)
        rel = diff / np.maximum(np.abs(bf), np.finfo(np.float64).tiny)
    bad = ~close
    differing, total = int(bad.sum()), int(close.size)
    counted = bad & ~np.isnan(diff)  # (np.nanmax would warn on a slice of NaNs only)
    max_abs = float(diff[counted].max()) if counted.any() else 0.0
    max_rel = float(rel[counted].max()) if counted.any() else 0.0
    if bool(np.any(bad & np.isnan(diff))):
        max_abs = max_rel = float("nan")
    positions = tuple(
        Position(tuple(int(i) for i in index), _num(af[tuple(index)]), _num(bf[tuple(index)]))
        for index in np.argwhere(bad)[:MAX_POSITIONS]
    )
    share = 100.0 * differing / total
    if total == 1:
        summary = f"{path} is {_num(af.reshape(-1)[0])}; expected {_num(bf.reshape(-1)[0])}"
    else:
        summary = f"{path}: {differing} / {total} values differ ({share:.0f}%)"
    return Mismatch(
        Level.VALUES, path, summary, _short(a), _short(b), differing, total, max_abs, max_rel,
        positions, None if exact else tol.rtol, None if exact else tol.atol,
    )


# --- words ---------------------------------------------------------------------------------


def describe(value: Any) -> str:
    """A value's kind in words: 'an ndarray of shape (3, 1)', 'a tuple of 2 values', …"""
    if value is None:
        return "None"
    if isinstance(value, Opaque):
        return f"an object of type {value.type_name}"
    if type(value) is np.ndarray:
        if value.ndim == 0:
            return f"a 0-d ndarray ({value.dtype})"
        return f"an ndarray of shape {value.shape}"
    if isinstance(value, np.generic):
        return f"a numpy {type(value).__name__} scalar"
    if isinstance(value, tuple):
        return f"a tuple of {_count(len(value), 'value')}"
    if isinstance(value, list):
        return f"a list of {_count(len(value), 'value')}"
    if isinstance(value, dict):
        return f"a dict with {_count(len(value), 'key')}"
    name = type(value).__name__
    return f"an {name}" if name[0] in "aeiou" else f"a {name}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _num(value: Any) -> str:
    if isinstance(value, complex) or np.iscomplexobj(value):
        return f"{complex(value):.8g}"
    return f"{float(value):.8g}"


def _short(value: Any, limit: int = 80) -> str:
    if type(value) is np.ndarray:
        text = np.array2string(value, precision=6, threshold=8, edgeitems=2,
                               max_line_width=limit).replace("\n", "")
    else:
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _mismatch(level: Level, path: str, summary: str, yours: Any, expected: Any) -> Mismatch:
    return Mismatch(level, path, summary, describe(yours), describe(expected))

