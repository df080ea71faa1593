"""Exact scalar relations: a sign, a constant ratio or offset, named by the quantity it matches.

On an output (`relations`): yours = -expected; yours = k * expected with k a round constant or
a named quantity on every case (m, learning_rate); for an update, (yours - input) = k *
(expected - input); yours = expected ± a named value; yours = 1 / expected.

At a site of the reference (`changes`): the value with the opposite sign, times or divided by
a quantity or a round constant, upside down, without one of its operands, or with + and -
exchanged.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from grader.diagnosis.claims import Claim, number, values_of
from grader.diagnosis.context import Change, Context, SiteContext
from grader.diagnosis.evidence import Leaf, Quantity, Value, close, numeric, ratio
from grader.diagnosis.instrument import NotApplicable, Site, SiteKind, Tape

FAMILY = "scalar"
ROUND = (2.0, 0.5, 10.0, 0.1, 100.0, 0.01, 3.0, 4.0, 1000.0, 0.001)


def relations(leaf: Leaf, context: Context) -> Iterator[Claim]:
    """Scalar relations between one output's values and the expected ones."""
    ratios = _ratios(leaf.yours, leaf.expected, context)
    if ratios is not None:
        yield from _scale_claims(leaf.path, ratios, context, "{be} exactly", "the expected",
                                 dims=_dims(leaf))
    yield from _step(leaf, context)
    yield from _offset(leaf, context)
    if all(_reciprocal(y, e, context) for y, e in zip(leaf.yours, leaf.expected)):
        yield Claim(FAMILY, "reciprocal", leaf.path,
                    "{be} exactly 1 / the expected on every case",
                    "are the two sides of a division swapped?", rank=30)


def _ratios(yours: tuple[Any, ...], expected: tuple[Any, ...], context: Context
            ) -> list[float | None] | None:
    """k per case with yours = k * expected exactly (None: both zero); None if no such k."""
    ratios: list[float | None] = []
    for y, e in zip(yours, expected):
        k = ratio(y, e)
        if k is None:
            if numeric(y) is None or numeric(e) is None or not close(y, e, context.tolerance):
                return None
            ratios.append(None)
            continue
        ne = numeric(e)
        assert ne is not None
        if not close(y, k * ne, context.tolerance):
            return None
        ratios.append(k)
    return ratios if any(k is not None and not _near(k, 1.0) for k in ratios) else None


def _near(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(b))


def _scale_claims(subject: str, ratios: list[float | None], context: Context, lead: str,
                  base: str, step: bool = False, dims: Sequence[Quantity] = ()
                  ) -> Iterator[Claim]:
    """What the ratios per case are: -1, a round constant, a named quantity (m), or a round
    constant times a quantity's square root (100 / sqrt(W1.shape[1])). The claim reads
    `subject lead <ratio> base on every case`."""
    known = [k for k in ratios if k is not None]
    kind = "step-" if step else ""
    if all(_near(k, -1.0) for k in known):
        question = ("does the update go up the gradient (+ where - belongs)?" if step else
                    "is a sign flipped?")
        yield Claim(FAMILY, kind + "sign", subject, f"{lead} -1 times {base} on every case",
                    question, ("-1",), rank=10)
        return
    if all(_near(k, known[0]) for k in known) and _round(known[0]) is not None:
        constant = _round(known[0])
        assert constant is not None
        yield Claim(FAMILY, kind + "scale", subject,
                    f"{lead} {number(constant)} times {base} on every case",
                    f"is a factor {number(1 / constant)} missing?", (number(constant),),
                    rank=25)
        return
    for quantity in (*context.quantities, *dims):
        for power in (1, -1):
            if all(k is None or _near(k, q ** power) for k, q in zip(ratios, quantity.values)):
                yield _quantity_claim(subject, quantity, power, lead, base, step)
                return
    for quantity in (*context.quantities, *dims):
        found = _rooted(ratios, quantity)
        if found is not None:
            yield _root_claim(subject, quantity, found, lead, base, kind)
            return


def _quantity_claim(subject: str, quantity: Quantity, power: int, lead: str, base: str,
                    step: bool) -> Claim:
    name = quantity.name
    values = "" if name.startswith("its ") else f" ({name} = {values_of(quantity.told)})"
    kind = "step-scale" if step else "scale"
    if power > 0:
        question = (f"is the step multiplied by {name} once too often?" if step else
                    f"is a division by {name} missing?")
        return Claim(FAMILY, kind, subject, f"{lead} {name} times {base} on every case"
                     f"{values}", question, (name,), rank=20)
    question = (f"is {name} missing from the step?" if step else
                f"is it divided by {name} once too often, or is a factor {name} missing?")
    return Claim(FAMILY, kind, subject, f"{lead} {base} divided by {name} on every case"
                 f"{values}", question, (f"1 / {name}",), rank=20)


def _rooted(ratios: list[float | None], quantity: Quantity) -> tuple[float, float] | None:
    """(c, p) with ratio = c * q ** p on every case, c round and p = ±1/2 (a scale such as
    1 / sqrt(n_prev)); None when there is none."""
    for power in (0.5, -0.5):
        scaled = [k / q ** power for k, q in zip(ratios, quantity.values)
                  if k is not None and q > 0]
        if len(scaled) < 2 or not all(_near(c, scaled[0]) for c in scaled):
            continue
        constant = 1.0 if _near(scaled[0], 1.0) else _round(scaled[0])
        if constant is not None and len(set(quantity.values)) > 1:
            return constant, power
    return None


def _root_claim(subject: str, quantity: Quantity, found: tuple[float, float], lead: str,
                base: str, kind: str) -> Claim:
    constant, power = found
    root = f"sqrt({quantity.name})"
    factor = (f"{number(constant)} * {root}" if power > 0 else f"{number(constant)} / {root}")
    factor = factor.replace("1 * ", "")
    told = "" if quantity.name.startswith("its ") else \
        f" ({quantity.name} = {values_of(quantity.told)})"
    return Claim(FAMILY, kind + "scale", subject, f"{lead} {factor} times {base} on every "
                 f"case{told}",
                 "is the scale of the values wrong (a factor such as 0.01 or 1 / sqrt(n))?",
                 (factor,), rank=25)


def _dims(leaf: Leaf) -> list[Quantity]:
    """The sizes of an output's own array (its columns: n_prev for a weight matrix)."""
    shapes = [np.shape(e) for e in leaf.expected]
    if not shapes or any(len(shape) != 2 for shape in shapes):
        return []
    return [Quantity(f"its number of {what}", tuple(float(s[axis]) for s in shapes))
            for axis, what in ((1, "columns"), (0, "rows"))]


def _round(k: float) -> float | None:
    """k when it is a round number (2, 0.5, 100, 0.01, ...), up to its sign."""
    for candidate in ROUND:
        if _near(abs(k), candidate):
            return candidate if k > 0 else -candidate
    return None


# --- an update's step ------------------------------------------------------------------------


def _step(leaf: Leaf, context: Context) -> Iterator[Claim]:
    """For an output that updates an input of the same name: how its step compares."""
    start = _input_at(leaf, context)
    if start is None:
        return
    yours = tuple(_minus(y, x) for y, x in zip(leaf.yours, start.values))
    expected = tuple(_minus(e, x) for e, x in zip(leaf.expected, start.values))
    if any(v is None for v in yours + expected):
        return
    if all(close(y, 0.0 * np.asarray(e), context.tolerance) for y, e in zip(yours, expected)):
        yield Claim(FAMILY, "unchanged", leaf.path, "{be} exactly as given (the input) on "
                    "every case", "is the update not applied?", rank=15)
        return
    ratios = _ratios(yours, expected, context)
    if ratios is None:
        return
    found = list(_scale_claims(leaf.path, ratios, context,
                               "{be} moved from the input by exactly", "the expected step",
                               step=True))
    yield from found
    if not found:
        yield from _rate(leaf, ratios, context)


def _rate(leaf: Leaf, ratios: list[float | None], context: Context) -> Iterator[Claim]:
    """A step made with a fixed learning rate: ratio * rate is the same on every case."""
    for quantity in context.quantities:
        scaled = [k * q for k, q in zip(ratios, quantity.values) if k is not None]
        if scaled and all(_near(s, scaled[0]) for s in scaled) and \
                not all(_near(q, quantity.values[0]) for q in quantity.values):
            fixed = number(scaled[0])
            yield Claim(FAMILY, "step-fixed", leaf.path,
                        f"{{be}} moved as if {quantity.name} were {fixed} on every case "
                        f"({quantity.name} = {values_of(quantity.told)})",
                        f"is {quantity.name} fixed at {fixed} instead of the argument?",
                        (quantity.name, fixed), rank=20)
            return


def _input_at(leaf: Leaf, context: Context) -> Value | None:
    """The input with the same key as the output (parameters['W1'] for parameters['W1'], w
    for params['w']), when it has the same shape on every case."""
    key = leaf.path.rsplit("[", 1)[-1].strip("]'\"")
    for value in context.values:
        if value.origin != "input":
            continue
        other = value.name.rsplit("[", 1)[-1].strip("]'\"")
        if other == key and all(np.shape(v) == np.shape(y) for v, y in zip(value.values,
                                                                              leaf.expected)):
            return value
    return None


def _minus(a: Any, b: Any) -> np.ndarray | None:
    x, y = numeric(a), numeric(b)
    if x is None or y is None or x.shape != y.shape:
        return None
    difference: np.ndarray = x - y
    return difference


# --- an offset -------------------------------------------------------------------------------


def _offset(leaf: Leaf, context: Context) -> Iterator[Claim]:
    """yours = expected + s * w for a named value (or quantity) w and s in ±1, ±2."""
    differences = [_minus(y, e) for y, e in zip(leaf.yours, leaf.expected)]
    if any(d is None for d in differences) or all(
            not np.any(d) for d in differences if d is not None):
        return
    for value in context.values:
        if value.name == leaf.path:
            continue
        for sign in (-1, 1, -2, 2):
            if all(_offset_by(d, w, sign, context) for d, w in zip(differences, value.values)):
                yield _offset_claim(leaf.path, value.name, sign)
                return


def _offset_by(difference: np.ndarray | None, value: Any, sign: int, context: Context) -> bool:
    w = numeric(value)
    if difference is None or w is None:
        return False
    try:
        target = np.broadcast_to(sign * w, difference.shape)
    except ValueError:
        return False
    return close(difference, target, context.tolerance)


def _offset_claim(subject: str, name: str, sign: int) -> Claim:
    if sign == -1:
        return Claim(FAMILY, "offset", subject, f"{{be}} exactly the expected minus {name} on "
                     "every case", f"is {name} missing?", (name,), rank=20)
    if sign == -2:
        return Claim(FAMILY, "offset", subject, f"{{be}} exactly the expected minus twice {name}"
                     " on every case", f"is {name} subtracted where it should be added?",
                     (name,), rank=20)
    times = "" if sign == 1 else "twice "
    return Claim(FAMILY, "offset", subject, f"{{be}} exactly the expected plus {times}{name} on "
                 "every case", f"is {name} added where it should not be?", (name,), rank=20)


def _reciprocal(yours: Any, expected: Any, context: Context) -> bool:
    y, e = numeric(yours), numeric(expected)
    if y is None or e is None or y.shape != e.shape or not np.all(e):
        return False
    with np.errstate(all="ignore"):
        return not close(y, e, context.tolerance) and close(y, 1.0 / e, context.tolerance)


# --- substitutions ---------------------------------------------------------------------------


def changes(site: Site, value: Any, context: SiteContext) -> Iterator[Change]:
    """Scalar substitutions at one site of the reference, for the value it holds."""
    if site.kind is SiteKind.OPERATION and numeric(value) is not None:
        yield from _operand_changes(site, context)
    if numeric(value) is None or site.index:
        return  # an index: structure changes it
    described = context.described(site)
    if np.any(numeric(value)):
        yield Change(FAMILY, "sign", ("-1",), 10, _negated,
                     f"{described} with the opposite sign", "is a sign flipped?")
    if isinstance(value, (int, np.integer)):
        return  # a count or a counter: scaling it is no learner's slip
    for quantity in context.quantities:
        if quantity.name == site.text:
            continue
        yield Change(FAMILY, "scale", (quantity.name,), 20, _times(quantity, 1),
                     f"{described} multiplied by {quantity.name}",
                     f"is a division by {quantity.name} missing?")
        yield Change(FAMILY, "scale", (f"1 / {quantity.name}",), 20, _times(quantity, -1),
                     f"{described} divided by {quantity.name}",
                     f"is it divided by {quantity.name} once too often, or is a factor "
                     f"{quantity.name} missing?")
    for constant in ROUND:
        yield Change(FAMILY, "scale", (number(constant),), 30, _scaled(constant),
                     f"{described} multiplied by {number(constant)}",
                     f"is a factor {number(1 / constant)} missing?")
    yield Change(FAMILY, "reciprocal", (), 30, _inverted, f"1 / ({described})",
                 "are the two sides of a division swapped?")


def _negated(value: Any, tape: Tape, case: int) -> Any:
    return -value


def _inverted(value: Any, tape: Tape, case: int) -> Any:
    return 1.0 / value


def _times(quantity: Quantity, power: int) -> Any:
    def apply(value: Any, tape: Tape, case: int) -> Any:
        return value * quantity.values[case] ** power
    return apply


def _scaled(constant: float) -> Any:
    def apply(value: Any, tape: Tape, case: int) -> Any:
        return value * constant
    return apply


def _operand_changes(site: Site, context: SiteContext) -> Iterator[Change]:
    """Without one operand of +, -, *, /; with + and - exchanged; ** turned around."""
    literals = dict(site.literals)
    if len(site.operands) != 2 or any(n < 0 and i not in literals
                                      for i, n in enumerate(site.operands)):
        return
    left: Operand = (site.operands[0], literals.get(0))
    right: Operand = (site.operands[1], literals.get(1))
    a, b = (context.text(n) if n >= 0 else repr(v) for n, v in (left, right))
    if site.operator == "Pow":
        yield Change(FAMILY, "order", ("**",), 30, _combined(right, left, 0),
                     f"{b} ** {a} in place of {site.text}", "are the sides of ** swapped?")
    if site.operator in ("Add", "Sub", "Mult", "Div"):
        yield Change(FAMILY, "missing", (b,), 25, _operand(left), f"{a} in place of "
                     f"{site.text}", f"is {b} missing?")
    if site.operator in ("Add", "Mult"):
        yield Change(FAMILY, "missing", (a,), 25, _operand(right), f"{b} in place of "
                     f"{site.text}", f"is {a} missing?")
    if site.operator == "Add":
        yield Change(FAMILY, "sign", (b,), 15, _combined(left, right, -1),
                     f"{a} - {b} in place of {site.text}", f"is {b} subtracted where it "
                     "should be added?")
    if site.operator == "Sub":
        yield Change(FAMILY, "sign", (b,), 15, _combined(left, right, 1),
                     f"{a} + {b} in place of {site.text}", f"is {b} added where it should "
                     "be subtracted?")


Operand = tuple[int, Any]
"""An operand: its site, or (-1, its constant value)."""


def _value(operand: Operand, tape: Tape) -> Any:
    number_, literal = operand
    if number_ < 0:
        return literal
    if number_ not in tape.latest:
        raise NotApplicable
    return tape.latest[number_]


def _operand(operand: Operand) -> Any:
    def apply(value: Any, tape: Tape, case: int) -> Any:
        return _value(operand, tape)
    return apply


def _combined(left: Operand, right: Operand, sign: int) -> Any:
    """left + sign * right; sign 0: left ** right."""
    def apply(value: Any, tape: Tape, case: int) -> Any:
        a, b = _value(left, tape), _value(right, tape)
        return a ** b if sign == 0 else a + sign * b
    return apply
