"""Structure: a transpose, entries or keys swapped, layer numbers shifted, a layer missing, a
result equal to an input, to another output, or to an intermediate value of the reference.

On an output (`relations`, `shape_relations`): yours = expected.T; yours = a named value;
dictionary keys whose values sit under other layer numbers; a list missing its first or
last entry.

At a site of the reference (`changes`): the value transposed (or without its .T), replaced
by another named value (dA where dZ belongs), an index or a loop bound one off, another
quantity in place of a number (Y.shape[0] for m), a parameter at its default.
"""

from __future__ import annotations

import ast
import dataclasses
import re
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from grader.diagnosis.claims import Claim, listing, number, shape_text
from grader.diagnosis.context import Change, Context, SiteContext
from grader.diagnosis.evidence import Leaf, Trial, close, numeric, same_structure
from grader.diagnosis.instrument import NotApplicable, Site, SiteKind, Tape

FAMILY = "structure"
LAYERED = re.compile(r"^(\D+?)(\d+)$")


def relations(leaf: Leaf, context: Context) -> Iterator[Claim]:
    """Structural relations between one output's values and the expected ones."""
    if all(_transposed(y, e, context) for y, e in zip(leaf.yours, leaf.expected)):
        yield _transpose_claim(leaf)
    elif all(_reshaped(y, e, context) for y, e in zip(leaf.yours, leaf.expected)):
        yield Claim(FAMILY, "reshaped", leaf.path, "{be} the expected values in the expected "
                    "order, but in another shape, on every case", "are the sizes in a shape "
                    "swapped, or a reshape wrong?", rank=20)
    for value in context.values:
        if value.name == leaf.path or not _informative(value.values):
            continue
        if all(close(y, v, context.tolerance) for y, v in zip(leaf.yours, value.values)):
            yield _equals_claim(leaf.path, value.name, value.origin)
            return


def _transposed(yours: Any, expected: Any, context: Context) -> bool:
    y, e = numeric(yours), numeric(expected)
    if y is None or e is None or e.ndim != 2:
        return False
    return close(y, e.T, context.tolerance)


def _reshaped(yours: Any, expected: Any, context: Context) -> bool:
    """The expected values, read in the same order, laid out in another 2-D shape."""
    y, e = numeric(yours), numeric(expected)
    if y is None or e is None or y.size != e.size or e.size < 2:
        return False
    return (y.shape == e.shape or (y.ndim == 2 and 1 not in y.shape)) and \
        close(y.ravel(), e.ravel(), context.tolerance)


def _transpose_claim(leaf: Leaf) -> Claim:
    expected = leaf.expected[0]
    shape = np.shape(expected)
    if 1 in shape:
        what = "a column" if shape[1] == 1 else "a row"
        other = "a row" if shape[1] == 1 else "a column"
        predicate = f"{{be}} {other} where {what} is expected, with the right values, on every case"
    else:
        predicate = (f"{{be}} exactly the transpose of the expected on every case "
                     f"({shape_text(expected.T)} where {shape_text(expected)})")
    return Claim(FAMILY, "transpose", leaf.path, predicate,
                 "a product in the wrong order, or a .T missing or extra?", rank=15)


def _informative(values: Sequence[Any]) -> bool:
    """Values that cannot be equal by chance: arrays of several numbers, or fractions."""
    for value in values:
        x = numeric(value)
        if x is None:
            return False
        if x.size == 0 or (x.size == 1 and float(x.ravel()[0]).is_integer()):
            return False
    return True


def _equals_claim(subject: str, name: str, origin: str) -> Claim:
    if origin == "expected":
        return Claim(FAMILY, "mixed", subject, f"{{be}} exactly the expected {name} on every "
                     "case", f"are {subject} and {name} mixed up?", (name,), rank=15)
    if origin == "input":
        return Claim(FAMILY, "equals", subject, f"{{be}} exactly the input {name} on every "
                     "case", "", (name,), rank=15)
    return Claim(FAMILY, "equals", subject, f"{{be}} exactly {name} (the value the computation "
                 f"calls {name}) on every case", "", (name,), rank=20)


# --- the shape of the output -----------------------------------------------------------------


def shape_relations(trials: Sequence[Trial], root: str, names: tuple[str, ...],
                    context: Context, top: bool = True) -> Iterator[Claim]:
    """Relations that explain an output whose keys or length differ from the expected: at
    the top, or inside the one entry whose shape differs (caches in (AL, caches))."""
    if not trials or any(t.error is not None for t in trials):
        return
    if all(isinstance(t.yours, dict) and isinstance(t.expected, dict) for t in trials):
        yield from _moved_keys(trials, root, context)
        yield from _missing_layer(trials, root, context)
        return
    if not all(isinstance(t.yours, (list, tuple)) and isinstance(t.expected, (list, tuple))
               for t in trials):
        return
    if any(len(t.yours) != len(t.expected) for t in trials):
        yield from _list_ends(trials, root, context)
        return
    differing = {i for t in trials for i, (y, e) in enumerate(zip(t.yours, t.expected))
                 if not same_structure(y, e)}
    if len(differing) == 1:
        index = differing.pop()
        inner = [dataclasses.replace(t, yours=t.yours[index], expected=t.expected[index])
                 for t in trials]
        name = names[index] if top and index < len(names) else f"{root}[{index}]"
        yield from shape_relations(inner, name, names, context, top=False)


def _moved_keys(trials: Sequence[Trial], root: str, context: Context) -> Iterator[Claim]:
    """Every expected value is under some key of yours, on every case, and the keys that
    moved differ from the expected ones by their layer number only."""
    per_trial: list[dict[str, str]] = []
    for trial in trials:
        moved = {}
        for key, expected in trial.expected.items():
            found = _key_holding(trial.yours, key, expected, context)
            if found is None:
                return
            if found != key:
                moved[key] = found
        per_trial.append(moved)
    every = [(key, other) for moved in per_trial for key, other in moved.items()]
    if not every or any(_shift(key, other) is None for key, other in every):
        return
    shifts = {_shift(key, other) for key, other in every}
    first = next(moved for moved in per_trial if moved)
    pairs = [f"your {root}[{other!r}] holds what {root}[{key!r}] should" for key, other
             in sorted(first.items(), key=lambda item: item[1])]
    delta = shifts.pop() if len(shifts) == 1 else None
    question = ("are the layer numbers off by one?" if delta in (1, -1) else
                "are the layer numbers off?")
    yield Claim(FAMILY, "shift", root, "{be} right, but under layer numbers that are off, on "
                f"every case: {listing(pairs[:3])}", question,
                (number(delta) if delta is not None else "",), rank=10)


def _missing_layer(trials: Sequence[Trial], root: str, context: Context) -> Iterator[Claim]:
    """Every key of yours right, and the keys missing all of one end layer, on every case."""
    ends = set()
    for trial in trials:
        if any(key not in trial.expected or not close(value, trial.expected[key],
                                                     context.tolerance)
               for key, value in trial.yours.items()):
            return
        missing = [key for key in trial.expected if key not in trial.yours]
        numbered = [_layer(key) for key in trial.expected]
        layers = {n for n in numbered if n is not None}
        lost = {_layer(key) for key in missing}
        if not missing or len(layers) < len(set(numbered)) or len(lost) != 1 or \
                any(_layer(key) in lost for key in trial.yours):
            return
        ends.add("last" if lost == {max(layers)} else "first" if lost == {min(layers)} else "")
    if len(ends) == 1 and "" not in ends:
        end = ends.pop()
        yield Claim(FAMILY, "missing", root, f"{{be}} right except that the {end} layer's "
                    "values are missing, on every case", "does a loop stop one layer short, "
                    "or start one layer late?", (end,), rank=10)


def _layer(key: Any) -> int | None:
    found = LAYERED.match(key) if isinstance(key, str) else None
    return None if found is None else int(found.group(2))


def _key_holding(yours: dict[Any, Any], key: Any, expected: Any, context: Context) -> Any:
    if key in yours and close(yours[key], expected, context.tolerance):
        return key
    same = [k for k, v in yours.items() if isinstance(k, str) and isinstance(key, str)
            and _shift(key, k) is not None and close(v, expected, context.tolerance)]
    return same[0] if len(same) == 1 else None


def _shift(key: str, other: str) -> int | None:
    """How far `other`'s layer number is from `key`'s, when only that number differs."""
    a, b = LAYERED.match(key), LAYERED.match(other)
    if a is None or b is None or a.group(1) != b.group(1):
        return None
    return int(b.group(2)) - int(a.group(2))


def _list_ends(trials: Sequence[Trial], root: str, context: Context) -> Iterator[Claim]:
    """A list one entry short: the first or the last entry missing, the rest right."""
    for end, cut in (("last", slice(None, -1)), ("first", slice(1, None))):
        if all(len(t.yours) == len(t.expected) - 1 and len(t.expected) > 1
               and all(_equal_tree(y, e, context) for y, e in zip(t.yours, t.expected[cut]))
               for t in trials):
            yield Claim(FAMILY, "missing", root, f"{{be}} right except that its {end} entry is "
                        "missing, on every case", f"does a loop stop one step short, or "
                        f"skip the {end} append?", (end,), rank=10)
            return


def _equal_tree(yours: Any, expected: Any, context: Context) -> bool:
    if isinstance(expected, (tuple, list)):
        return isinstance(yours, (tuple, list)) and len(yours) == len(expected) and all(
            _equal_tree(y, e, context) for y, e in zip(yours, expected))
    if isinstance(expected, dict):
        return isinstance(yours, dict) and set(yours) == set(expected) and all(
            _equal_tree(yours[k], expected[k], context) for k in expected)
    return close(yours, expected, context.tolerance)


# --- substitutions ---------------------------------------------------------------------------


def changes(site: Site, value: Any, context: SiteContext) -> Iterator[Change]:
    """Structural substitutions at one site of the reference, for the value it holds."""
    described = context.described(site)
    x = numeric(value)
    parent = context.parent(site)
    if parent is not None and parent.text.startswith(f"{site.text}.shape"):
        x = None  # a value read for its size only: its size is what may be wrong
    if x is not None and x.ndim == 2 and x.size > 1:
        words = (f"{site.text[:-2]} without .T" if site.text.endswith(".T") else
                 f"{described} transposed")
        yield Change(FAMILY, "transpose", (), 15, _transposed_value, words,
                     "a product in the wrong order, or a .T missing or extra?")
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        yield from _integer_changes(site, int(value), context)
    elif x is not None and x.size > 1 and site.named:
        yield from _replacements(site, x, context)
    if site.kind is SiteKind.PARAMETER and site.text in context.defaults:
        default = context.defaults[site.text]
        if numeric(default) is not None and numeric(value) is not None:
            yield Change(FAMILY, "default", (site.text,), 20, _constant(default),
                         f"{site.text} at its default value {number(default)}",
                         f"is {site.text} not passed on?")


def _transposed_value(value: Any, tape: Tape, case: int) -> Any:
    if not isinstance(value, np.ndarray) or value.ndim != 2:
        raise NotApplicable
    return value.T


def _integer_changes(site: Site, value: int, context: SiteContext) -> Iterator[Change]:
    described = context.described(site)
    parent = context.parent(site)
    loop = parent is not None and parent.call == "range"
    question = ("does a loop run one step too far or too short?" if loop else
                "is an index off by one?")
    if site.index or loop:
        where = described[len(site.text):] if described.startswith(site.text) else ""
        for delta in (1, -1):
            yield Change(FAMILY, "index", (f"{delta:+d}",), 15, _plus(delta),
                         f"{_shifted_text(site.text, delta)} in place of {site.text}{where}",
                         question)
        return
    if site.kind not in (SiteKind.NAME, SiteKind.PARAMETER, SiteKind.ITEM):
        return
    for quantity in context.quantities:
        if quantity.name != site.text and quantity.values[0] != value and \
                all(float(q).is_integer() for q in quantity.values):
            yield Change(FAMILY, "quantity", (quantity.name,), 30, _quantity(quantity.values),
                         f"{quantity.name} in place of {described}",
                         "is a size taken from the wrong axis?")


def _shifted_text(text: str, delta: int) -> str:
    """`text + delta` as code, folded: "l - 1" + 1 → "l", "1" - 1 → "0"."""
    try:
        node = ast.parse(text, mode="eval").body
    except SyntaxError:
        return f"{text} {delta:+d}"
    if isinstance(node, ast.Constant) and isinstance(node.value, int):
        return str(node.value + delta)
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)) and \
            isinstance(node.right, ast.Constant) and isinstance(node.right.value, int):
        offset = (node.right.value if isinstance(node.op, ast.Add) else -node.right.value)
        offset += delta
        left = ast.unparse(node.left)
        return left if offset == 0 else f"{left} {'+' if offset > 0 else '-'} {abs(offset)}"
    return f"{text} {'+' if delta > 0 else '-'} 1"


def _plus(delta: int) -> Any:
    def apply(value: Any, tape: Tape, case: int) -> Any:
        return value + delta
    return apply


def _quantity(values: tuple[float, ...]) -> Any:
    def apply(value: Any, tape: Tape, case: int) -> Any:
        return type(value)(values[case])
    return apply


def _constant(default: Any) -> Any:
    def apply(value: Any, tape: Tape, case: int) -> Any:
        return default
    return apply


def _replacements(site: Site, value: np.ndarray, context: SiteContext) -> Iterator[Change]:
    """Another named value of the same shape in place of this one (dA where dZ belongs)."""
    seen = {site.text}
    for other in context.sites:
        if other.text in seen or other.kind not in (SiteKind.NAME, SiteKind.PARAMETER,
                                                     SiteKind.ITEM) or other.index:
            continue
        seen.add(other.text)
        candidate = numeric(context.first.get(other.number))
        if candidate is None or candidate.shape != value.shape or \
                np.array_equal(candidate, value):
            continue
        yield Change(FAMILY, "replaced", (other.text,), 20, _latest(other.text, context),
                     f"{other.text} where {context.described(site)} belongs",
                     f"is {other.text} used in place of {site.text}?")


def _latest(text: str, context: SiteContext) -> Any:
    numbers = [s.number for s in context.sites if s.text == text]

    def apply(value: Any, tape: Tape, case: int) -> Any:
        found = [n for n in numbers if n in tape.latest]
        if not found:
            raise NotApplicable
        return tape.latest[max(found, key=lambda n: tape.stamps[n])]
    return apply
