"""Mutants of a reference function: every operator applied at every site of its body, one at
a time, each as the source of a complete function.

Sites are taken in a fixed order (a walk of the function's syntax tree) so the same references
always give the same mutants, named `<operator>@<line>.<n>`. The docstring, `print(...)` calls
and `if print_cost:` blocks are left alone: a mutant there changes nothing a grader could see.
Two edits that give the same code are one mutant, and an edit that calls a name the module does
not define (relu where only sigmoid is imported) is no mutant: a learner would see a NameError.
"""

from __future__ import annotations

import ast
import builtins
import copy
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from grader.mutation.operators import OPERATORS, Context, Edit

Path_ = tuple[tuple[str, int | None], ...]


@dataclass(frozen=True)
class Mutant:
    """One mistaken version of a reference function."""

    function: str
    operator: str
    line: int
    detail: str
    info: tuple[tuple[str, str], ...]
    source: str
    index: int = 0

    @property
    def name(self) -> str:
        return f"{self.operator}@{self.line}.{self.index}"

    def get(self, key: str, default: str = "") -> str:
        return dict(self.info).get(key, default)


def mutants(module_source: str, function: str) -> list[Mutant]:
    """Every distinct mutant of `function`, a top-level function of `module_source`."""
    tree = ast.parse(module_source)
    definition = next((node for node in tree.body if isinstance(node, ast.FunctionDef)
                       and node.name == function), None)
    if definition is None:
        return []
    original = ast.unparse(definition)
    seen = {original}
    found: list[Mutant] = []
    counts: dict[tuple[str, int], int] = {}
    context = Context(_integers(definition))
    defined = _module_names(tree)
    for path, node in _sites(definition):
        for operator in OPERATORS:
            for edit in operator(node, context):
                changed = _replaced(definition, path, edit.new)
                source = ast.unparse(changed)
                if source in seen or not _compiles(source) or not _free(changed) <= defined:
                    continue
                seen.add(source)
                line = getattr(node, "lineno", definition.lineno)
                key = (edit.operator, line)
                counts[key] = counts.get(key, 0) + 1
                found.append(_mutant(function, edit, line, source, counts[key]))
    return found


def _mutant(function: str, edit: Edit, line: int, source: str, index: int) -> Mutant:
    return Mutant(function, edit.operator, line, edit.detail, edit.info, source, index)


def _integers(definition: ast.FunctionDef) -> frozenset[str]:
    """Names that hold integers: counters of loops over a range, and names assigned a length,
    a floor division or a constant integer."""
    names = set()
    for node in ast.walk(definition):
        if isinstance(node, ast.For) and isinstance(node.target, ast.Name) and \
                "range" in {n.id for n in ast.walk(node.iter) if isinstance(n, ast.Name)}:
            names.add(node.target.id)
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and \
                isinstance(node.targets[0], ast.Name) and _is_integer(node.value):
            names.add(node.targets[0].id)
    return frozenset(names)


def _is_integer(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, int) and not isinstance(node.value, bool)
    if isinstance(node, ast.BinOp):
        return isinstance(node.op, ast.FloorDiv)
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
        node.func.id == "len"


def _module_names(tree: ast.Module) -> frozenset[str]:
    """Every name a function of the module can call: the module's own and the builtins."""
    names = set(dir(builtins))
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return frozenset(names)


def _free(definition: ast.FunctionDef) -> set[str]:
    """The names a function reads that it does not bind itself."""
    bound = {a.arg for a in ast.walk(definition.args) if isinstance(a, ast.arg)}
    read: set[str] = set()
    for node in ast.walk(definition):
        if isinstance(node, ast.Name):
            (read if isinstance(node.ctx, ast.Load) else bound).add(node.id)
    return read - bound


def _compiles(source: str) -> bool:
    try:
        compile(source, "<mutant>", "exec")
    except SyntaxError:
        return False
    return True


def _sites(definition: ast.FunctionDef) -> Iterator[tuple[Path_, ast.AST]]:
    """Every node of the function's body with its path from the definition, depth first."""
    body = definition.body
    start = 1 if body and isinstance(body[0], ast.Expr) and \
        isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str) else 0
    for index in range(start, len(body)):
        yield from _walk(body[index], (("body", index),))


def _walk(node: ast.AST, path: Path_) -> Iterator[tuple[Path_, ast.AST]]:
    if _is_print(node) or _prints(node):
        return
    yield path, node
    for name, value in ast.iter_fields(node):
        if isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, ast.AST):
                    yield from _walk(item, (*path, (name, index)))
        elif isinstance(value, ast.AST) and not isinstance(value, (ast.expr_context,
                                                                     ast.operator)):
            yield from _walk(value, (*path, (name, None)))


def _prints(node: ast.AST) -> bool:
    """An `if` whose test reads a `print...` flag: the block only prints."""
    return isinstance(node, ast.If) and any(
        isinstance(n, ast.Name) and n.id.startswith("print") for n in ast.walk(node.test))


def _is_print(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
        node.func.id == "print"


def _replaced(definition: ast.FunctionDef, path: Path_, new: ast.AST) -> ast.FunctionDef:
    copied = copy.deepcopy(definition)
    parent: Any = copied
    for name, index in path[:-1]:
        parent = getattr(parent, name) if index is None else getattr(parent, name)[index]
    name, index = path[-1]
    if index is None:
        setattr(parent, name, copy.deepcopy(new))
    else:
        getattr(parent, name)[index] = copy.deepcopy(new)
    return ast.fix_missing_locations(copied)
