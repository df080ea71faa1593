"""A reference function, rewritten so that every value it computes passes through a hook.

    reference source ──► sites (one per parameter, variable read, operation, call, index)
                    ──► the same function, each site's expression wrapped: hook(site, value)

A `Tape` is the hook of one run: it records what passed each site (the reference's
intermediate values: Z, dZ, m, ...) and may replace the value of one site by a related one
(`Substitution`), so that the rest of the reference computes on from it. The grader runs this
on its own copies of a case's inputs, never on a learner's values, with a budget on the number
of values that pass: a run that exceeds it stops.
"""

from __future__ import annotations

import ast
import builtins
import copy
import enum
import inspect
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from types import FunctionType, ModuleType
from typing import Any

import numpy as np

HOOK = "__grade_hook__"
BUILTINS = frozenset(dir(builtins))


class SiteKind(str, enum.Enum):
    """What a site is in the reference's code."""

    PARAMETER = "parameter"  # an argument, as the function starts
    NAME = "name"  # a variable read
    OPERATION = "operation"  # a +, -, *, /, ** or unary minus
    CALL = "call"  # a function or method call
    ITEM = "item"  # x[...], x.T
    TEXT = "text"  # a string argument of a call ("relu")
    NUMBER = "number"  # a whole number used as an index, a key or a loop bound (l - 1, 1)


@dataclass(frozen=True)
class Site:
    """One place in the reference where a value is computed or read."""

    number: int
    kind: SiteKind
    text: str
    line: int
    call: str = ""  # CALL: the function's dotted name ("np.sum", "relu", ".reshape")
    arguments: tuple[int, ...] = ()  # CALL: the sites of its positional arguments
    keywords: tuple[tuple[str, Any], ...] = ()  # CALL: its constant keyword arguments
    operands: tuple[int, ...] = ()  # OPERATION: the sites of its operands (ITEM: container)
    literals: tuple[tuple[int, Any], ...] = ()  # OPERATION: operands that are constants
    operator: str = ""  # OPERATION: "Add", "Sub", "Mult", "Div", "Pow", "USub"
    loop: bool = False  # inside a for or while loop
    index: bool = False  # used as an index or a key (x[l - 1], str(l))

    @property
    def named(self) -> bool:
        return self.kind in (SiteKind.PARAMETER, SiteKind.NAME)


class NotApplicable(Exception):
    """A substitution that makes no sense for the value at hand (a transpose of a number)."""


class OverBudget(Exception):
    """A run passed more values than its budget allows."""


@dataclass(frozen=True)
class Substitution:
    """Replace the value of `site`, every time it passes, by `apply(value, tape)`."""

    site: int
    apply: Callable[[Any, Tape], Any]


@dataclass
class Tape:
    """The hook of one run: the values that pass, counted, kept when asked."""

    limit: int
    substitution: Substitution | None = None
    keep: bool = False
    passed: int = 0
    latest: dict[int, Any] = field(default_factory=dict)
    stamps: dict[int, int] = field(default_factory=dict)  # when each site was last passed
    first: dict[int, Any] = field(default_factory=dict)
    counts: dict[int, int] = field(default_factory=dict)

    def __call__(self, number: int, value: Any) -> Any:
        self.passed += 1
        if self.passed > self.limit:
            raise OverBudget
        if self.substitution is not None and self.substitution.site == number:
            value = self.substitution.apply(value, self)
        self.latest[number] = value
        self.stamps[number] = self.passed
        if self.keep:
            self.counts[number] = self.counts.get(number, 0) + 1
            if number not in self.first:
                self.first[number] = _snapshot(value)
        return value


def _data(value: Any) -> bool:
    return not callable(value) and not isinstance(value, ModuleType)


def _snapshot(value: Any) -> Any:
    """A copy of `value` that later changes in place do not reach (arrays, containers)."""
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, (tuple, list, dict)):
        try:
            return copy.deepcopy(value)
        except (TypeError, copy.Error):
            return value
    return value


@dataclass(frozen=True)
class Instrumented:
    """A reference function with its sites; call `run(tape, *args, **kwargs)`."""

    name: str
    sites: tuple[Site, ...]
    parents: dict[int, int]  # site → the nearest site around it
    parameters: tuple[str, ...]
    defaults: tuple[tuple[str, Any], ...]
    function: Callable[..., Any]

    def run(self, tape: Tape, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        return self.function(*args, **kwargs, **{HOOK: tape})


def instrument(function: Callable[..., Any], module: ModuleType) -> Instrumented | None:
    """The instrumented version of a reference function, or None when its source cannot be had
    or rewritten (a builtin, a lambda)."""
    try:
        lines, first = inspect.getsourcelines(function)
        tree = ast.parse(textwrap.dedent("".join(lines)))
    except (OSError, TypeError, SyntaxError):
        return None
    ast.increment_lineno(tree, first - 1)
    definition = tree.body[0] if tree.body else None
    if not isinstance(definition, ast.FunctionDef):
        return None
    ignored = {name for name, value in vars(module).items() if not _data(value)} | BUILTINS
    rewriter = _Rewriter(ignored)
    rewritten = rewriter.function(definition)
    namespace = dict(vars(module))
    code = compile(ast.Module([rewritten], []), inspect.getsourcefile(function) or "<reference>",
                   "exec")
    # the grader's own reference, rewritten: run in the grader, as the references are
    exec(code, namespace)  # noqa: S102
    built = namespace[definition.name]
    assert isinstance(built, FunctionType)
    signature = inspect.signature(function)
    defaults = tuple((name, p.default) for name, p in signature.parameters.items()
                     if p.default is not inspect.Parameter.empty)
    return Instrumented(definition.name, tuple(rewriter.sites), rewriter.parents,
                        tuple(signature.parameters), defaults, built)


class _Rewriter(ast.NodeTransformer):
    """Wraps each site's expression in `__grade_hook__(number, expression)`."""

    def __init__(self, ignored: set[str]) -> None:
        self.ignored = ignored
        self.sites: list[Site] = []
        self.parents: dict[int, int] = {}
        self.loops = 0
        self.indexing = 0

    def function(self, definition: ast.FunctionDef) -> ast.FunctionDef:
        body = definition.body
        start = 1 if body and isinstance(body[0], ast.Expr) and \
            isinstance(body[0].value, ast.Constant) else 0
        entry: list[ast.stmt] = []
        for argument in [*definition.args.posonlyargs, *definition.args.args,
                         *definition.args.kwonlyargs]:
            number = self._site(SiteKind.PARAMETER, argument.arg, definition.lineno)
            entry.append(ast.Assign([ast.Name(argument.arg, ast.Store())],
                                    self._hook(number, ast.Name(argument.arg, ast.Load()))))
        statements = [self.visit(statement) for statement in body[start:]]
        definition.body = [*entry, *statements]
        definition.args.kwonlyargs.append(ast.arg(HOOK))
        definition.args.kw_defaults.append(None)
        definition.decorator_list = []
        return ast.fix_missing_locations(definition)

    def _site(self, kind: SiteKind, text: str, line: int, inner: int | None = None,
              **extra: Any) -> int:
        """A new site; the sites made since `inner` (its subexpressions) get it as parent."""
        number = len(self.sites)
        self.sites.append(Site(number, kind, text, line, loop=self.loops > 0,
                               index=self.indexing > 0, **extra))
        for child in range(number if inner is None else inner, number):
            self.parents.setdefault(child, number)
        return number

    @staticmethod
    def _hook(number: int, node: ast.expr) -> ast.expr:
        return ast.Call(ast.Name(HOOK, ast.Load()), [ast.Constant(number), node], [])

    # statements that are not data: leave alone
    def visit_If(self, node: ast.If) -> ast.AST:
        if any(isinstance(n, ast.Name) and n.id.startswith("print") for n in ast.walk(node.test)):
            return node  # a block that only prints
        return self.generic_visit(node)

    def visit_For(self, node: ast.For) -> ast.AST:
        node.iter = self.visit(node.iter)
        self.loops += 1
        node.body = [self.visit(s) for s in node.body]
        node.orelse = [self.visit(s) for s in node.orelse]
        self.loops -= 1
        return node

    def visit_While(self, node: ast.While) -> ast.AST:
        self.loops += 1
        result = self.generic_visit(node)
        self.loops -= 1
        return result

    def visit_Lambda(self, node: ast.Lambda) -> ast.AST:
        return node

    # expressions that are sites
    def visit_Name(self, node: ast.Name) -> ast.AST:
        if not isinstance(node.ctx, ast.Load) or node.id in self.ignored or node.id == HOOK:
            return node
        return self._hook(self._site(SiteKind.NAME, node.id, node.lineno), node)

    def visit_BinOp(self, node: ast.BinOp) -> ast.AST:
        text, line, inner = ast.unparse(node), node.lineno, len(self.sites)
        node = self.generic_visit(node)  # type: ignore[assignment]
        operands = (_number_of(node.left), _number_of(node.right))
        literals = tuple((i, side.value) for i, side in enumerate((node.left, node.right))
                         if isinstance(side, ast.Constant))
        return self._hook(self._site(SiteKind.OPERATION, text, line, inner, operands=operands,
                                     literals=literals, operator=type(node.op).__name__), node)

    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        value = node.value
        if self.indexing and isinstance(value, int) and not isinstance(value, bool):
            return self._hook(self._site(SiteKind.NUMBER, repr(value), node.lineno), node)
        return node

    def visit_UnaryOp(self, node: ast.UnaryOp) -> ast.AST:
        if not isinstance(node.op, ast.USub):
            return self.generic_visit(node)
        text, line, inner = ast.unparse(node), node.lineno, len(self.sites)
        node = self.generic_visit(node)  # type: ignore[assignment]
        return self._hook(self._site(SiteKind.OPERATION, text, line, inner, operator="USub",
                                     operands=(_number_of(node.operand),)), node)

    def visit_Call(self, node: ast.Call) -> ast.AST:
        name = _dotted(node.func)
        if name == "print":
            return node
        text, line, inner = ast.unparse(node), node.lineno, len(self.sites)
        counting = name in ("str", "range")  # an index, a key, a loop's bounds
        self.indexing += counting
        node.args = [self._argument(a) for a in node.args]
        self.indexing -= counting
        arguments = tuple(_number_of(a) for a in node.args)
        keywords = tuple((k.arg, k.value.value) for k in node.keywords
                         if k.arg and isinstance(k.value, ast.Constant))
        node.keywords = [ast.keyword(k.arg, self.visit(k.value)) for k in node.keywords]
        if isinstance(node.func, ast.Attribute):
            node.func.value = self.visit(node.func.value)
        return self._hook(self._site(SiteKind.CALL, text, line, inner, call=name,
                                     arguments=arguments, keywords=keywords), node)

    def _argument(self, node: ast.expr) -> ast.expr:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return self._hook(self._site(SiteKind.TEXT, repr(node.value), node.lineno), node)
        result = self.visit(node)
        assert isinstance(result, ast.expr)
        return result

    def visit_Subscript(self, node: ast.Subscript) -> ast.AST:
        if not isinstance(node.ctx, ast.Load):
            node.value = self.visit(node.value)
            self.indexing += 1
            node.slice = self.visit(node.slice)
            self.indexing -= 1
            return node
        text, line, inner = ast.unparse(node), node.lineno, len(self.sites)
        node.value = self.visit(node.value)
        self.indexing += 1
        node.slice = self.visit(node.slice)
        self.indexing -= 1
        operands = (_number_of(node.value), _number_of(node.slice))
        return self._hook(self._site(SiteKind.ITEM, text, line, inner, operands=operands), node)

    def visit_Attribute(self, node: ast.Attribute) -> ast.AST:
        text, inner = ast.unparse(node), len(self.sites)
        node = self.generic_visit(node)  # type: ignore[assignment]
        if node.attr != "T" or not isinstance(node.ctx, ast.Load):
            return node
        return self._hook(self._site(SiteKind.ITEM, text, node.lineno, inner), node)


def _dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = _dotted(node.value)
        return f"{inner}.{node.attr}" if inner else f".{node.attr}"
    return ""


def _number_of(node: ast.expr) -> int:
    """The site number of an already wrapped expression, or -1 when it is no site."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
            node.func.id == HOOK and isinstance(node.args[0], ast.Constant):
        value = node.args[0].value
        return value if isinstance(value, int) else -1
    return -1

