"""Ship grader modules into sandbox children as compiled code, with the grader modules they need.

A child cannot import from the grader's folder (Landlock keeps it unreadable), and must not
hold modules it was not meant to see; so a module it needs is compiled here, sent in a load or
probe request, and run into a fresh module object there (`grader.sandbox.child.install_modules`).
"""

from __future__ import annotations

import ast
import functools
import importlib.util
import marshal
from collections.abc import Iterable, Mapping

from grader.errors import ConfigError
from grader.sandbox import Module


def ship(targets: Iterable[str], aliases: Mapping[str, Iterable[str]] | None = None) -> list[Module]:
    """`targets` and the grader modules they import, dependencies first; `aliases` adds other
    names a module is importable under (the course's test modules, for their stand-in)."""
    order: list[str] = []

    def visit(target: str) -> None:
        if target in order:
            return
        for dependency in _dependencies(target):
            visit(dependency)
        order.append(target)

    for target in targets:
        visit(target)
    aliases = aliases or {}
    return [Module((target, *aliases.get(target, ())), _code(target)) for target in order]


@functools.cache
def _source(target: str) -> tuple[str, str]:
    spec = importlib.util.find_spec(target)
    if spec is None or spec.origin is None:
        raise ConfigError(f"module {target} is not part of this installation")
    with open(spec.origin, encoding="utf-8") as file:
        return spec.origin, file.read()


@functools.cache
def _dependencies(target: str) -> tuple[str, ...]:
    _, text = _source(target)
    return grader_imports(ast.parse(text))


def grader_imports(tree: ast.Module) -> tuple[str, ...]:
    """The grader modules a module's code imports at its top (with the submodules named in a
    `from grader.package import submodule`)."""
    found = []
    for node in tree.body:  # imports at the top only: those inside functions run
        # when called, and a function that needs more than the child has is not graded
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("grader."):
            found.append(str(node.module))
            for alias in node.names:  # `from grader.datasets import planar`: a submodule
                submodule = f"{node.module}.{alias.name}"
                package = importlib.util.find_spec(str(node.module))
                if package is not None and package.submodule_search_locations \
                        and importlib.util.find_spec(submodule) is not None:
                    found.append(submodule)
        elif isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.startswith("grader.")]
    return tuple(found)


@functools.cache
def _code(target: str) -> bytes:
    path, text = _source(target)
    return marshal.dumps(compile(text, path, "exec", dont_inherit=True))
