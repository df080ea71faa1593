"""Mutation operators: each takes one AST node of a reference function and proposes mistaken
versions of it, the kinds of slips learners make.

    swap_operands   a - b → b - a, a / b → b / a, np.dot(W, A) → np.dot(A, W)
    drop_factor     a * b → a | b, a / b → a;  a ± b → a | b (a dropped term)
    change_factor   a numeric factor c → 10·c | c / 10
    change_axis     axis=1 → 0 | None, keepdims=True dropped, X.shape[1] → X.shape[0]
    flip_sign       -x → x, a - b → a + b, a + b → a - b
    shift_index     x[l - 1] → x[l] | x[l - 2], str(l) → str(l ± 1), range bounds ± 1
    swap_call       relu ↔ sigmoid (and their backward steps), tanh ↔ sigmoid, np.dot ↔ *,
                    np.sum ↔ np.mean, randn ↔ rand, zeros ↔ ones, "relu" ↔ "sigmoid"

An `Edit` says what was changed, in words (`detail`) and as data (`info`) for judging a hint
against it later (`grader.mutation.judge`).
"""

from __future__ import annotations

import ast
import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

NON_COMMUTATIVE = (ast.Sub, ast.Div, ast.MatMult, ast.Pow)
SWAPPED_NAMES = {"relu": "sigmoid", "sigmoid": "relu", "relu_backward": "sigmoid_backward",
                 "sigmoid_backward": "relu_backward"}
SWAPPED_NUMPY = {"tanh": "sigmoid", "sum": "mean", "mean": "sum", "randn": "rand",
                 "rand": "randn", "zeros": "ones", "ones": "zeros", "maximum": "minimum"}
ACTIVATIONS = {"relu": "sigmoid", "sigmoid": "relu"}
TWO_ARGUMENT_CALLS = {"dot", "matmul", "divide", "subtract", "power"}


@dataclass(frozen=True)
class Edit:
    """One replacement of a node: the operator, what it did in words, and as data."""

    operator: str
    new: ast.AST
    detail: str
    info: tuple[tuple[str, str], ...] = field(default=())


@dataclass(frozen=True)
class Context:
    """What an operator may know about the function it mutates: the names that hold integers
    (loop counters over a range, layer counts), the only names whose index it shifts."""

    integers: frozenset[str] = frozenset()


Operator = Callable[[ast.AST, Context], Iterator[Edit]]


def _text(node: ast.AST) -> str:
    return ast.unparse(node)


def _edit(operator: str, old: ast.AST, new: ast.AST, **info: str) -> Edit:
    ast.copy_location(new, old)
    ast.fix_missing_locations(new)
    return Edit(operator, new, f"{_text(old)} → {_text(new)}", tuple(sorted(info.items())))


def _numpy_call(node: ast.AST) -> str | None:
    """The function name of a call `np.name(...)` or `np.random.name(...)`, else None."""
    if not isinstance(node, ast.Call):
        return None
    func = node.func
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and \
            func.value.id in ("np", "numpy"):
        return func.attr
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Attribute) and \
            func.value.attr == "random":
        return func.attr
    return None


def _np(name: str) -> ast.expr:
    return ast.Attribute(ast.Name("np", ast.Load()), name, ast.Load())


def _arithmetic(node: ast.AST, context: Context) -> bool:
    """A binary operation on numbers or arrays: not a string concatenation ("W" + str(l)),
    nor an index (l - 1), which `shift_index` changes instead."""
    if not isinstance(node, ast.BinOp) or _is_index(node, context):
        return False
    return not any(_is_text(side) for side in (node.left, node.right))


def _is_text(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return node.func.id == "str"
    return isinstance(node, ast.BinOp) and (_is_text(node.left) or _is_text(node.right))


# --- the operators ---------------------------------------------------------------------------


def swap_operands(node: ast.AST, context: Context) -> Iterator[Edit]:
    if _arithmetic(node, context) and isinstance(node, ast.BinOp) and \
            isinstance(node.op, NON_COMMUTATIVE):
        yield _edit("swap_operands", node, ast.BinOp(copy.deepcopy(node.right), node.op,
                                                     copy.deepcopy(node.left)),
                    op=type(node.op).__name__)
    name = _numpy_call(node)
    if name in TWO_ARGUMENT_CALLS and isinstance(node, ast.Call) and len(node.args) == 2:
        new = copy.deepcopy(node)
        new.args = [new.args[1], new.args[0]]
        yield _edit("swap_operands", node, new, op=str(name))


def drop_factor(node: ast.AST, context: Context) -> Iterator[Edit]:
    if not _arithmetic(node, context) or not isinstance(node, ast.BinOp):
        return
    left, right = _text(node.left), _text(node.right)
    if isinstance(node.op, ast.Mult):
        yield _edit("drop_factor", node, copy.deepcopy(node.left), dropped=right, kept=left)
        yield _edit("drop_factor", node, copy.deepcopy(node.right), dropped=left, kept=right)
    elif isinstance(node.op, ast.Div):
        yield _edit("drop_factor", node, copy.deepcopy(node.left), dropped=right, kept=left,
                    divisor="yes")
    elif isinstance(node.op, (ast.Add, ast.Sub)):
        sign = "+" if isinstance(node.op, ast.Add) else "-"
        yield _edit("drop_factor", node, copy.deepcopy(node.left), dropped=right, kept=left,
                    term=sign)
        if isinstance(node.op, ast.Add):
            yield _edit("drop_factor", node, copy.deepcopy(node.right), dropped=left,
                        kept=right, term="+")


def change_factor(node: ast.AST, context: Context) -> Iterator[Edit]:
    if not (_arithmetic(node, context) and isinstance(node, ast.BinOp)
            and isinstance(node.op, (ast.Mult, ast.Div))):
        return
    for side in ("left", "right"):
        operand = getattr(node, side)
        if isinstance(operand, ast.Constant) and isinstance(operand.value, (int, float)) and \
                not isinstance(operand.value, bool) and operand.value not in (0, 1):
            for scale in (10, 0.1):
                new = copy.deepcopy(node)
                setattr(new, side, ast.Constant(_round(operand.value * scale)))
                yield _edit("change_factor", node, new, factor=repr(operand.value),
                            scale=repr(scale))


def _round(value: float) -> float:
    return float(f"{value:.12g}")


def change_axis(node: ast.AST, context: Context) -> Iterator[Edit]:
    if isinstance(node, ast.Call):
        yield from _axis_keywords(node)
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Attribute) and \
            node.value.attr == "shape" and isinstance(node.slice, ast.Constant) and \
            node.slice.value in (0, 1):
        new = copy.deepcopy(node)
        new.slice = ast.Constant(1 - node.slice.value)
        yield _edit("change_axis", node, new, shape=str(node.slice.value))
    if isinstance(node, ast.Attribute) and node.attr == "T":
        yield _edit("change_axis", node, copy.deepcopy(node.value), transpose="dropped")


def _axis_keywords(node: ast.Call) -> Iterator[Edit]:
    for index, keyword in enumerate(node.keywords):
        value = keyword.value
        if keyword.arg == "axis" and isinstance(value, ast.Constant) and value.value in (0, 1):
            new = copy.deepcopy(node)
            new.keywords[index].value = ast.Constant(1 - value.value)
            yield _edit("change_axis", node, new, axis=f"{value.value}->{1 - value.value}")
            new = copy.deepcopy(node)
            del new.keywords[index]
            yield _edit("change_axis", node, new, axis=f"{value.value}->None")
        if keyword.arg == "keepdims" and isinstance(value, ast.Constant) and value.value is True:
            new = copy.deepcopy(node)
            del new.keywords[index]
            yield _edit("change_axis", node, new, keepdims="dropped")


def flip_sign(node: ast.AST, context: Context) -> Iterator[Edit]:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        yield _edit("flip_sign", node, copy.deepcopy(node.operand), minus="dropped")
    if _arithmetic(node, context) and isinstance(node, ast.BinOp) and \
            isinstance(node.op, (ast.Add, ast.Sub)):
        op: ast.operator = ast.Sub() if isinstance(node.op, ast.Add) else ast.Add()
        yield _edit("flip_sign", node, ast.BinOp(copy.deepcopy(node.left), op,
                                                 copy.deepcopy(node.right)),
                    op=type(node.op).__name__)


def shift_index(node: ast.AST, context: Context) -> Iterator[Edit]:
    if isinstance(node, ast.Subscript) and _is_index(node.slice, context) and not (
            isinstance(node.value, ast.Attribute) and node.value.attr == "shape"):
        for delta in (1, -1):
            new = copy.deepcopy(node)
            new.slice = _shifted(node.slice, delta)
            yield _edit("shift_index", node, new, delta=str(delta))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
            node.func.id == "str" and len(node.args) == 1 and _is_index(node.args[0], context):
        for delta in (1, -1):
            key = copy.deepcopy(node)
            key.args = [_shifted(node.args[0], delta)]
            yield _edit("shift_index", node, key, delta=str(delta), key="yes")
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
            node.func.id == "range" and 1 <= len(node.args) <= 2:
        for position in range(len(node.args)):
            for delta in (1, -1):
                bounds = copy.deepcopy(node)
                bounds.args[position] = _shifted(node.args[position], delta)
                bound = "stop" if position == len(node.args) - 1 else "start"
                yield _edit("shift_index", node, bounds, delta=str(delta), bound=bound)


def _is_index(node: ast.AST, context: Context) -> bool:
    """An integer: a constant, a name that holds one, or such a name plus or minus a constant."""
    if isinstance(node, ast.Name):
        return node.id in context.integers
    if isinstance(node, ast.Constant):
        return isinstance(node.value, int) and not isinstance(node.value, bool)
    return isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)) and \
        isinstance(node.left, ast.Name) and node.left.id in context.integers and \
        isinstance(node.right, ast.Constant) and isinstance(node.right.value, int)


def _shifted(node: ast.expr, delta: int) -> ast.expr:
    """`node + delta`, folded: l - 1 + 1 → l, 0 - 1 → -1."""
    if isinstance(node, ast.Constant) and isinstance(node.value, int):
        return ast.Constant(node.value + delta)
    if isinstance(node, ast.BinOp) and isinstance(node.right, ast.Constant) and \
            isinstance(node.right.value, int):
        offset = node.right.value if isinstance(node.op, ast.Add) else -node.right.value
        offset += delta
        if offset == 0:
            return copy.deepcopy(node.left)
        op: ast.operator = ast.Add() if offset > 0 else ast.Sub()
        return ast.BinOp(copy.deepcopy(node.left), op, ast.Constant(abs(offset)))
    op = ast.Add() if delta > 0 else ast.Sub()
    return ast.BinOp(copy.deepcopy(node), op, ast.Constant(abs(delta)))


def swap_call(node: ast.AST, context: Context) -> Iterator[Edit]:
    if isinstance(node, ast.Call):
        yield from _swapped_function(node)
        yield from _swapped_activation(node)
        if _numpy_call(node) == "dot" and len(node.args) == 2:
            yield _edit("swap_call", node, ast.BinOp(copy.deepcopy(node.args[0]), ast.Mult(),
                                                     copy.deepcopy(node.args[1])),
                        call="dot->*")
    if _arithmetic(node, context) and isinstance(node, ast.BinOp) and \
            isinstance(node.op, ast.Mult):
        yield _edit("swap_call", node, ast.Call(_np("dot"), [copy.deepcopy(node.left),
                                                             copy.deepcopy(node.right)], []),
                    call="*->dot")


def _swapped_activation(node: ast.Call) -> Iterator[Edit]:
    """An activation named by a string argument ("relu") swapped for the other."""
    for index, argument in enumerate(node.args):
        if isinstance(argument, ast.Constant) and argument.value in ACTIVATIONS:
            new = copy.deepcopy(node)
            new.args[index] = ast.Constant(ACTIVATIONS[argument.value])
            yield _edit("swap_call", node, new,
                        call=f"{argument.value}->{ACTIVATIONS[argument.value]}")


def _swapped_function(node: ast.Call) -> Iterator[Edit]:
    func = node.func
    if isinstance(func, ast.Name) and func.id in SWAPPED_NAMES:
        new = copy.deepcopy(node)
        new.func = ast.Name(SWAPPED_NAMES[func.id], ast.Load())
        yield _edit("swap_call", node, new, call=f"{func.id}->{SWAPPED_NAMES[func.id]}")
    name = _numpy_call(node)
    if name in SWAPPED_NUMPY:
        new = copy.deepcopy(node)
        target = SWAPPED_NUMPY[name]
        if target == "sigmoid":
            new.func = ast.Name("sigmoid", ast.Load())
        else:
            assert isinstance(new.func, ast.Attribute)
            new.func.attr = target
        yield _edit("swap_call", node, new, call=f"{name}->{target}")


OPERATORS: tuple[Operator, ...] = (swap_operands, drop_factor, change_factor, change_axis,
                                   flip_sign, shift_index, swap_call)
