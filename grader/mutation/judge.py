"""Judge a hint against the edit that made the mutant: does it name the operator applied?

A hint rests on claims (`Claim.tag`: `family.kind:name|name@where`) or on a catalogued mistake
(`mistake:<name>`). Each operator is named by some kinds of claim, and for the operators that
drop or change a factor, the claim must also name that factor (by its text, or by its value:
a missing 0.01 is a ratio of 100):

    swap_operands   sign, step-sign, reciprocal, order, transpose, offset
    drop_factor     scale, step-scale, step-fixed, missing, offset, unchanged, constant
                    (naming the dropped operand); equals, replaced (naming the operand kept)
    change_factor   scale, step-scale (naming the change: 10 or 0.1)
    change_axis     axis, keepdims, transpose, quantity, order, index (of a shape)
    flip_sign       sign, step-sign, offset, missing
    shift_index     index, shift, missing, unchanged, replaced, mixed, quantity
    swap_call       activation, elementwise, matrix product, order, reduction, scale,
                    constant, uniform

A hint whose claims only state a fact and guess no particular cause (`equals`: the output is
an input or an intermediate value; `only`: which gradients are wrong; `nan`: the output is not
a number) names nothing and contradicts nothing: it is `stated`. Any other hint contradicts the edit. A catalogued hint is its own
verdict: the mutant's outputs are those of a mistake somebody wrote down.
"""

from __future__ import annotations

import enum
import re

from grader.mutation.generate import Mutant

NAMING = {
    "swap_operands": {"sign", "step-sign", "reciprocal", "order", "transpose", "offset"},
    "drop_factor": {"scale", "step-scale", "step-fixed", "missing", "offset", "unchanged",
                    "constant", "equals", "replaced"},
    "change_factor": {"scale", "step-scale"},
    "change_axis": {"axis", "keepdims", "transpose", "quantity", "order", "index"},
    "flip_sign": {"sign", "step-sign", "offset", "missing"},
    "shift_index": {"index", "shift", "missing", "unchanged", "replaced", "mixed", "quantity"},
    "swap_call": {"activation", "elementwise", "matrix product", "order", "reduction", "scale",
                  "constant", "uniform"},
}
NAMES_THE_FACTOR = {"scale", "step-scale", "step-fixed", "missing", "offset"}
FACTS = {"equals", "only", "nan"}
TAG = re.compile(r"^(?P<family>[\w ]+)\.(?P<kind>[\w -]+):(?P<names>.*)@(?P<where>.*)$", re.DOTALL)


class Judgement(str, enum.Enum):
    """What a hint says about the mutation that was made."""

    NAMED = "named"  # a claim names the operator (and the factor, where it matters)
    CATALOGUED = "catalogued"  # the outputs are a catalogued mistake's: its hint is given
    STATED = "stated"  # it states facts only (what an output equals, which ones are wrong)
    CONTRADICTED = "contradicted"  # it names something the mutation did not do


def judge(mutant: Mutant, basis: tuple[str, ...]) -> Judgement:
    """How the hint resting on `basis` relates to the edit that made `mutant`."""
    if any(tag.startswith("mistake:") for tag in basis):
        return Judgement.CATALOGUED
    claims = [m.groupdict() for m in (TAG.match(tag) for tag in basis) if m is not None]
    if any(_names(mutant, claim["kind"], claim["names"]) for claim in claims):
        return Judgement.NAMED
    if claims and all(claim["kind"] in FACTS for claim in claims):
        return Judgement.STATED
    return Judgement.CONTRADICTED


def _names(mutant: Mutant, kind: str, names: str) -> bool:
    if kind not in NAMING.get(mutant.operator, set()):
        return False
    if mutant.operator == "drop_factor" and kind in NAMES_THE_FACTOR:
        return _mentions(names, mutant.get("dropped"))
    if mutant.operator == "drop_factor" and kind in ("equals", "replaced"):
        return names.split("|")[0] == mutant.get("kept")
    if mutant.operator == "change_factor":
        scale = _value(mutant.get("scale"))
        return any(_near(v, scale) or _near(v, 1 / scale) for v in _numbers(names))
    return True


def _mentions(names: str, dropped: str) -> bool:
    """Whether the claim's names include the dropped operand, by its text or its value (a
    missing `* 0.01` is a ratio of 100; a missing `/ m` a ratio of m)."""
    tokens = set(re.findall(r"[A-Za-z_][\w.\[\]'\"]*|\d+(?:\.\d+)?", dropped))
    for name in filter(None, names.split("|")):
        bare = name.replace("1 / ", "").strip()
        if bare in tokens or bare in dropped or dropped in bare:
            return True  # the dropped operand, a part of it, or an expression holding it
        number = _value(bare)
        literal = _value(dropped)
        if number and literal and (_near(number, literal) or _near(number, 1 / literal)):
            return True
    return False


def _numbers(names: str) -> list[float]:
    values = [_value(name.replace("1 / ", "")) for name in names.split("|")]
    return [v for v in values if v]


def _value(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return 0.0


def _near(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(b))
