"""Habits the course teaches, read from the learner's function source: warnings, never points.

- a rank-1 array created where the course wants a column (`np.zeros(n)`, `np.random.randn(n)`);
- a Python loop over the training examples (`for i in range(m)`) where vectorised code belongs;
- `math.exp` and friends, which take one number, used where numpy's versions take arrays.
"""

from __future__ import annotations

import ast

_ARRAY_MAKERS = {"zeros", "ones", "empty", "randn", "rand", "random"}
_MATH_ON_NUMBERS = {"exp", "log", "sqrt", "tanh", "pow", "fabs", "log10", "log2"}


def warnings_for(source: str, *, vectorised: bool = True, math_allowed: bool = False,
                 first_line: int = 1) -> tuple[str, ...]:
    """The warnings for one function's source; line numbers are the learner's own."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return ()
    offset = first_line - 1
    found: list[str] = []
    for node in ast.walk(tree):
        line = getattr(node, "lineno", 0) + offset
        if isinstance(node, ast.Call) and _rank1(node):
            found.append(f"line {line} creates a rank-1 array ({ast.unparse(node)}): give it "
                         "two dimensions, e.g. (n, 1), so that it behaves as a column")
        elif vectorised and isinstance(node, ast.For) and _over_examples(node.iter):
            found.append(f"line {line} loops over the training examples "
                         f"({ast.unparse(node.iter)}): the course asks for vectorised numpy "
                         "code (np.dot, np.sum(..., axis=1))")
        elif not math_allowed and isinstance(node, ast.Call) and _math_call(node):
            name = ast.unparse(node.func)
            found.append(f"line {line} uses {name}, which only takes a single number: use "
                         f"np.{name.split('.')[-1]} for arrays")
    return tuple(dict.fromkeys(found))


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
    return text == "m" or text.endswith(".shape[1]") or text.endswith("[0])")


def _math_call(call: ast.Call) -> bool:
    func = call.func
    return (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
            and func.value.id == "math" and func.attr in _MATH_ON_NUMBERS)
