"""Backward functions: which gradients are wrong, and which are right.

What a wrong gradient equals (another layer's dW, -1 times the expected, db summed over the
wrong axis) comes from the other families; this one says where the mistake is when only some
gradients are wrong: "only dA0, dW1 and db1 differ (layer 1); dA1, dW2 and db2 are right".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from grader.compare import Tolerance
from grader.diagnosis.claims import Claim, listing
from grader.diagnosis.evidence import Leaf

FAMILY = "backward"
KEY = re.compile(r"\['?d?([A-Za-z]+?)(\d+)'?\]$")


def localize(leaves: Sequence[Leaf], tolerance: Tolerance) -> Claim | None:
    """A claim naming the wrong gradients when the others are right on every case."""
    wrong = [leaf.path for leaf in leaves if leaf.wrong(tolerance)]
    right = [leaf.path for leaf in leaves if not leaf.wrong(tolerance)]
    if not wrong or not right or len(leaves) < 3:
        return None
    layers = _layers(wrong)
    others = _layers(right)
    where = ""
    if layers and others is not None and not layers & others:
        numbers = sorted(layers)
        where = f" (layer{'s' if len(numbers) > 1 else ''} {listing([str(n) for n in numbers])})"
    question = (f"is the mistake in the step of layer{'s' if len(layers or ()) > 1 else ''} "
                f"{listing([str(n) for n in sorted(layers or ())])}?" if where else "")
    differ = "are the only ones that differ" if len(wrong) > 1 else "is the only one that differs"
    return Claim(FAMILY, "only", listing(wrong), f"{differ}{where}; {listing(right)} "
                 f"{'are' if len(right) > 1 else 'is'} right on every case", question,
                 tuple(wrong), rank=90)


def _layers(paths: Sequence[str]) -> set[int] | None:
    """The layer numbers of gradients named like grads['dW1'] (dA's layer is the next one's:
    dA0 is computed by layer 1); None when a path has no layer number."""
    numbers = set()
    for path in paths:
        found = KEY.search(path)
        if found is None:
            return None
        number = int(found.group(2))
        numbers.add(number + 1 if found.group(1) == "A" else number)
    return numbers
