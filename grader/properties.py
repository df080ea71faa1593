"""Habits the course teaches, read from the learner's function source: warnings, never points.

- a rank-1 array created where the course wants a column (`np.zeros(n)`, `np.random.randn(n)`);
- a Python loop over the training examples (`for i in range(m)`) where vectorised code belongs;
- `math.exp` and friends, which take one number, used where numpy's versions take arrays;
- numpy 1.x spellings numpy 2 removed (`np.product`, `np.int`, …): they run as numpy 1.x ran
  them (`grader.sandbox.numpy_compat`), and the warning names today's spelling.
"""

from __future__ import annotations

import ast
import re

from grader.sandbox.numpy_compat import SPELLINGS

_ARRAY_MAKERS = {"zeros", "ones", "empty", "randn", "rand", "random"}
_MATH_ON_NUMBERS = {"exp", "log", "sqrt", "tanh", "pow", "fabs", "log10", "log2"}


# A habit needs one of these names in the source: without any, the tree is not walked.
_NAMES = re.compile(rf"\b(?:range|math|{'|'.join(sorted(_ARRAY_MAKERS))})\b"
                    rf"|\b(?:np|numpy)\.(?:{'|'.join(sorted(SPELLINGS))})\b")

Habit = tuple[str, str]  # (kind: "rank1" | "loop" | "math" | "numpy1", the warning's words)


def habits(node: ast.AST, offset: int = 0, source: str | None = None) -> tuple[Habit, ...]:
    """Every habit found in a parsed function; lines are the learner's own (plus `offset`).
    The loader finds them once, when it parses the file (and gives the function's `source`,
    which spares the walk when no habit can be there); the verdict picks those that apply."""
    if source is not None and not _NAMES.search(source):
        return ()
    found: list[Habit] = []
    for child in ast.walk(node):
        line = getattr(child, "lineno", 0) + offset
        if isinstance(child, ast.Call) and _rank1(child):
            found.append(("rank1", f"line {line} creates a rank-1 array ({ast.unparse(child)}): "
                                   "give it two dimensions, e.g. (n, 1), so that it behaves "
                                   "as a column"))
        elif isinstance(child, ast.For) and _over_examples(child.iter):
            found.append(("loop", f"line {line} loops over the training examples "
                                  f"({ast.unparse(child.iter)}): the course asks for "
                                  "vectorised numpy code (np.dot, np.sum(..., axis=1))"))
        elif isinstance(child, ast.Call) and _math_call(child):
            name = ast.unparse(child.func)
            found.append(("math", f"line {line} uses {name}, which only takes a single "
                                  f"number: use np.{name.split('.')[-1]} for arrays"))
        elif isinstance(child, ast.Attribute) and _numpy1(child):
            words = (f"line {line} uses np.{child.attr}, which numpy 2 removed: it ran here as "
                     f"numpy 1.x ran it; today write {SPELLINGS[child.attr]}")
            found.append(("numpy1", words))
    return tuple(dict.fromkeys(found))


def warnings(found: tuple[Habit, ...], *, vectorised: bool = True,
             math_allowed: bool = False) -> tuple[str, ...]:
    """The habits that are warnings for a function that is (or not) meant to be vectorised,
    and may (or not) use `math`."""
    return tuple(words for kind, words in found
                 if (kind != "loop" or vectorised) and (kind != "math" or not math_allowed))


def warnings_for(source: str, *, vectorised: bool = True, math_allowed: bool = False,
                 first_line: int = 1) -> tuple[str, ...]:
    """The warnings for one function's source text."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return ()
    return warnings(habits(tree, first_line - 1), vectorised=vectorised,
                    math_allowed=math_allowed)


def _rank1(call: ast.Call) -> bool:
    """np.zeros(n), np.random.randn(n): one positional size that is not a tuple."""
    name = call.func.attr if isinstance(call.func, ast.Attribute) else None
    if name not in _ARRAY_MAKERS or len(call.args) != 1 or call.keywords:
        return False
    owner = ast.unparse(call.func.value) if isinstance(call.func, ast.Attribute) else ""
    if owner not in ("np", "numpy", "np.random", "numpy.random"):
        return False
    if name in ("randn", "rand") and owner.endswith("random"):
        return True
    return not isinstance(call.args[0], (ast.Tuple, ast.List))


def _over_examples(iterable: ast.expr) -> bool:
    """range(m), range(X.shape[1]), range(len(Y[0])): a loop over the columns (examples)."""
    if not (isinstance(iterable, ast.Call) and isinstance(iterable.func, ast.Name)
            and iterable.func.id == "range" and iterable.args):
        return False
    bound = iterable.args[-1] if len(iterable.args) > 1 else iterable.args[0]
    text = ast.unparse(bound).replace(" ", "")
    return text == "m" or text.endswith((".shape[1]", "[0])"))


def _numpy1(attribute: ast.Attribute) -> bool:
    """np.product, numpy.int: a numpy 1.x spelling that numpy 2 removed."""
    owner = attribute.value
    return (attribute.attr in SPELLINGS and isinstance(owner, ast.Name)
            and owner.id in ("np", "numpy"))


def _math_call(call: ast.Call) -> bool:
    func = call.func
    return (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
            and func.value.id == "math" and func.attr in _MATH_ON_NUMBERS)
