"""Computation: the other activation, a reduction over the wrong axis or without keepdims, a
product elementwise where a matrix one belongs (or the reverse), a constant output, draws from
the wrong distribution.

On an output (`relations`): yours = g(u) where expected = f(u) for a named value u and two
activations f, g; yours is the expected without an axis of size 1; yours is constant where
the expected is not; yours is never negative where the expected is.

At a site of the reference (`changes`): an activation (or its backward step) swapped for the
other, "relu" for "sigmoid", a sum over another axis, over everything, without keepdims, a mean
for a sum, np.dot for * and * for np.dot, np.dot's factors swapped, zeros or ones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from grader.diagnosis.claims import Claim, number
from grader.diagnosis.context import Change, Context, SiteContext
from grader.diagnosis.evidence import Leaf, close, numeric
from grader.diagnosis.instrument import NotApplicable, Site, SiteKind, Tape

FAMILY = "computation"
ACTIVATIONS: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "sigmoid": lambda z: 1 / (1 + np.exp(-z)),
    "relu": lambda z: np.maximum(0, z),
    "tanh": np.tanh,
}
SWAPS = {"sigmoid": ("relu", "tanh"), "relu": ("sigmoid",), "tanh": ("sigmoid", "relu"),
         "relu_backward": ("sigmoid_backward",), "sigmoid_backward": ("relu_backward",)}
ORDERED: dict[str, Callable[..., Any]] = {"np.divide": np.divide, "np.subtract": np.subtract,
                                          "np.power": np.power, "np.matmul": np.matmul}
FILLED = ("np.zeros", "np.ones", "np.full")
UNARY = ("np.abs", "np.sqrt", "np.square", "np.exp", "np.log", "np.squeeze", "float",
         "np.array")
REDUCTIONS: dict[str, Callable[..., Any]] = {"np.sum": np.sum, "np.mean": np.mean,
                                             "np.linalg.norm": np.linalg.norm,
                                             "np.max": np.max}


def relations(leaf: Leaf, context: Context) -> Iterator[Claim]:
    """Computational relations between one output's values and the expected ones."""
    if all(_axis_lost(y, e, context) for y, e in zip(leaf.yours, leaf.expected)):
        yield Claim(FAMILY, "keepdims", leaf.path, "{be} the expected values as a rank-1 "
                    "array, without the axis of size 1, on every case", "is keepdims=True "
                    "missing, or a shape given without its 1?", rank=15)
    yield from _activation(leaf, context)
    if _nan_only_yours(leaf):
        yield Claim(FAMILY, "nan", leaf.path, "{be} nan (not a number) on every case, where the "
                    "expected is a number", "an operation outside its domain, such as the log "
                    "of a negative number?", rank=30)
    constant = _constant(leaf, context)
    if constant is not None:
        yield constant
    if context.draws and _never_negative(leaf):
        yield Claim(FAMILY, "uniform", leaf.path, "{be} never negative on any case, where the "
                    "expected has negative values", "np.random.rand (uniform on [0, 1)) where "
                    "np.random.randn (normal) belongs?", ("rand", "randn"), rank=40)


def _axis_lost(yours: Any, expected: Any, context: Context) -> bool:
    y, e = numeric(yours), numeric(expected)
    if y is None or e is None or y.ndim >= e.ndim or 1 not in e.shape:
        return False
    return y.size == e.size and close(y, e.reshape(y.shape), context.tolerance)


def _activation(leaf: Leaf, context: Context) -> Iterator[Claim]:
    """yours = g(u) and expected = f(u) for a named value u, on every case."""
    for value in context.values:
        inputs = [numeric(v) for v in value.values]
        if any(u is None or u.shape != np.shape(e) for u, e in zip(inputs, leaf.expected)):
            continue
        pre = [u for u in inputs if u is not None]
        expected = _which(pre, leaf.expected, context)
        yours = _which(pre, leaf.yours, context)
        if expected is None or yours is None or yours == expected:
            continue
        got = f"{yours}({value.name})" if yours != "identity" else value.name
        yield Claim(FAMILY, "activation", leaf.path,
                    f"{{be}} exactly {got} on every case, where {expected}({value.name}) is "
                    "expected", "the other activation?" if yours != "identity" else
                    "is the activation not applied?", (yours, expected), rank=15)
        return


def _which(inputs: list[np.ndarray], outputs: tuple[Any, ...], context: Context) -> str | None:
    """The activation (or "identity") that turns `inputs` into `outputs` on every case."""
    for name, function in (*ACTIVATIONS.items(), ("identity", lambda z: z)):
        with np.errstate(all="ignore"):
            if all(close(o, function(u), context.tolerance) for u, o in zip(inputs, outputs)):
                return name
    return None


def _constant(leaf: Leaf, context: Context) -> Claim | None:
    """yours holds one value everywhere, on every case, where the expected does not."""
    values = [v for v in (numeric(y) for y in leaf.yours) if v is not None and v.size > 1]
    if len(values) < len(leaf.yours):
        return None
    first = float(values[0].ravel()[0])
    if not all(close(v, np.full(v.shape, first), context.tolerance) for v in values):
        return None
    if all(close(e, np.full(np.shape(e), first), context.tolerance) for e in leaf.expected):
        return None
    word = {0.0: "zeros", 1.0: "ones"}.get(first, f"{number(first)}s")
    return Claim(FAMILY, "constant", leaf.path, f"{{be}} all {word} on every case",
                 "is it never computed, or filled with the wrong constant?", (number(first),),
                 rank=20)


def _nan_only_yours(leaf: Leaf) -> bool:
    yours = [numeric(y) for y in leaf.yours]
    expected = [numeric(e) for e in leaf.expected]
    return all(y is not None and e is not None and bool(np.any(np.isnan(y))) and
               bool(np.all(np.isfinite(e))) for y, e in zip(yours, expected))


def _never_negative(leaf: Leaf) -> bool:
    yours = [v for v in (numeric(y) for y in leaf.yours) if v is not None]
    expected = [v for v in (numeric(e) for e in leaf.expected) if v is not None]
    if len(yours) + len(expected) < 2 * len(leaf.yours) or any(
            y.shape != e.shape for y, e in zip(yours, expected)):
        return False
    return all(np.all(y >= 0) for y in yours if y is not None) and \
        any(np.any(e < 0) for e in expected if e is not None) and \
        sum(y.size for y in yours if y is not None) >= 4


# --- substitutions ---------------------------------------------------------------------------


def changes(site: Site, value: Any, context: SiteContext) -> Iterator[Change]:
    """Computational substitutions at one site of the reference."""
    if site.kind is SiteKind.TEXT:
        yield from _text_swap(site, value, context)
    elif site.kind is SiteKind.CALL:
        yield from _swapped_activation(site, context)
        yield from _reductions(site)
        if site.call in UNARY and len(site.arguments) == 1 and site.arguments[0] >= 0:
            argument = context.text(site.arguments[0])
            yield Change(FAMILY, "missing", (site.call,), 25,
                         _call_of(lambda x: x, site.arguments),
                         f"{argument} in place of {site.text}", f"is {site.call} missing?")
        if site.call == "np.dot" and len(site.arguments) == 2 and min(site.arguments) >= 0:
            yield from _dot_changes(site, context)
        elif site.call in ORDERED and len(site.arguments) == 2 and min(site.arguments) >= 0:
            a, b = (context.text(n) for n in site.arguments)
            yield Change(FAMILY, "order", (site.call,), 15,
                         _call_of(ORDERED[site.call], tuple(reversed(site.arguments))),
                         f"{site.call}({b}, {a}) in place of {site.text}",
                         "are its two arguments swapped?")
    elif site.kind is SiteKind.OPERATION and site.operator == "Mult" and \
            min(site.operands, default=-1) >= 0:
        a, b = (context.text(n) for n in site.operands)
        yield Change(FAMILY, "matrix product", ("np.dot", "*"), 15,
                     _call_of(np.dot, site.operands), f"np.dot({a}, {b}) in place of "
                     f"{site.text}", "an elementwise product (*) where np.dot is used?")
    x = numeric(value)
    if x is not None and site.kind is SiteKind.CALL and (x.size > 1 or site.call in FILLED):
        for fill, word in ((0.0, "zeros"), (1.0, "ones")):
            if not np.all(x == fill):
                yield Change(FAMILY, "constant", (number(fill),), 40, _filled(fill),
                             f"{site.text} filled with {word}",
                             "is it never computed, or filled with the wrong constant?")


def _text_swap(site: Site, value: Any, context: SiteContext) -> Iterator[Change]:
    name = value if isinstance(value, str) else ""
    for other in SWAPS.get(name, ())[:1]:
        parent = context.parent(site)
        where = ""
        if parent is not None:
            where = (f" in {parent.call}(..., '{name}')" if parent.call and len(parent.text) > 40
                     else f" in {parent.text}")
        yield Change(FAMILY, "activation", (other, name), 15, _replaced_by(other),
                     f"'{other}' in place of '{name}'{where}", "the other activation?")


def _replaced_by(new: Any) -> Any:
    def apply(value: Any, tape: Tape, case: int) -> Any:
        return new
    return apply


def _swapped_activation(site: Site, context: SiteContext) -> Iterator[Change]:
    name = site.call.rsplit(".", 1)[-1]
    if name not in SWAPS or not site.arguments or min(site.arguments) < 0:
        return
    if name in ACTIVATIONS and len(site.arguments) == 1:
        argument = context.text(site.arguments[0])
        yield Change(FAMILY, "activation", ("none", name), 15,
                     _call_of(lambda z: z, site.arguments, same_type=True),
                     f"{argument} in place of {site.text}", "is the activation not applied?")
    for other in SWAPS[name]:
        function = context.functions.get(other) or (np.tanh if other == "tanh" else None)
        if function is None:
            continue
        yield Change(FAMILY, "activation", (other, name), 15,
                     _call_of(function, site.arguments, same_type=True),
                     f"{other} in place of {name} in {site.text}", "the other activation?")


def _call_of(function: Callable[..., Any], arguments: tuple[int, ...],
             same_type: bool = False, **keywords: Any) -> Any:
    def apply(value: Any, tape: Tape, case: int) -> Any:
        if any(n not in tape.latest for n in arguments):
            raise NotApplicable
        # what this raises is what a learner's code making the same change raises
        result = function(*(tape.latest[n] for n in arguments), **keywords)
        if same_type and type(result) is not type(value):
            raise NotApplicable
        return result
    return apply


def _reductions(site: Site) -> Iterator[Change]:
    function = REDUCTIONS.get(site.call)
    if function is None or len(site.arguments) != 1 or site.arguments[0] < 0:
        return
    keywords = dict(site.keywords)
    axis = keywords.get("axis")
    for other in (0, 1, None):
        if other == axis or (axis is None and other is None):
            continue
        changed = {**keywords, "axis": other}
        words = f"{site.text} over every element" if other is None else \
            f"{site.text} over axis {other}"
        yield Change(FAMILY, "axis", (f"axis={other}",), 15,
                     _call_of(function, site.arguments, **changed), words,
                     "a reduction over the wrong axis?")
        if other is None and keywords.get("keepdims") is True:
            plain = {k: v for k, v in changed.items() if k != "keepdims"}
            yield Change(FAMILY, "axis", ("axis=None",), 15,
                         _call_of(function, site.arguments, **plain),
                         f"{site.text} over every element, to one number",
                         "a reduction over the wrong axis?")
    if keywords.get("keepdims") is True:
        changed = {k: v for k, v in keywords.items() if k != "keepdims"}
        yield Change(FAMILY, "keepdims", ("keepdims",), 15,
                     _call_of(function, site.arguments, **changed),
                     f"{site.text} without keepdims=True", "is keepdims=True missing?")
    other_name = {"np.sum": "np.mean", "np.mean": "np.sum"}.get(site.call)
    if other_name is not None:
        yield Change(FAMILY, "reduction", (other_name, site.call), 20,
                     _call_of(REDUCTIONS[other_name], site.arguments, **keywords),
                     f"{other_name} in place of {site.call} in {site.text}",
                     f"{other_name} where {site.call} belongs?")


def _dot_changes(site: Site, context: SiteContext) -> Iterator[Change]:
    a, b = (context.text(n) for n in site.arguments)
    yield Change(FAMILY, "elementwise", ("*", "np.dot"), 15,
                 _call_of(np.multiply, site.arguments), f"{a} * {b} (elementwise) in place of "
                 f"{site.text}", "np.dot, the matrix product, where * is used?")
    yield Change(FAMILY, "order", ("np.dot",), 15,
                 _call_of(np.dot, tuple(reversed(site.arguments))),
                 f"np.dot({b}, {a}) in place of {site.text}",
                 "are the factors of the product in the wrong order?")


def _filled(fill: float) -> Any:
    def apply(value: Any, tape: Tape, case: int) -> Any:
        if not isinstance(value, np.ndarray):
            raise NotApplicable
        return np.full_like(value, fill)
    return apply
