"""The grader's own versions of the helper modules the course's notebooks import.

A learner's notebook says `from dnn_utils import sigmoid` or `from testCases import *`; in the
sandbox those names resolve to the modules here (see `ALIASES`), written for this project.

A sandbox child holds only the course modules its part allows (`Part.modules`): they are not
imported in the zygote, but shipped to each child as compiled code (`shipped`), because some
of them implement functions that another part grades (`dnn_utils.sigmoid` is week 2's answer).
"""

from __future__ import annotations

import ast
import functools
import importlib.util
import marshal
from collections.abc import Iterable
from dataclasses import dataclass

from grader.errors import ConfigError

ALIASES: dict[str, str] = {
    "dnn_utils": "grader.course.dnn_utils",
    "dnn_utils_v2": "grader.course.dnn_utils",
}


@dataclass(frozen=True)
class CourseModule:
    """A module to install in a child: every name it imports as, and its compiled code."""

    names: tuple[str, ...]
    code: bytes


def shipped(aliases: Iterable[str]) -> list[CourseModule]:
    """The modules behind `aliases` and the course modules they import, dependencies first."""
    order: list[str] = []

    def visit(target: str) -> None:
        if target in order:
            return
        for dependency in _dependencies(target):
            visit(dependency)
        order.append(target)

    wanted = [a for a in aliases if a in ALIASES]
    for alias in wanted:
        visit(ALIASES[alias])
    return [CourseModule((target, *(a for a in wanted if ALIASES[a] == target)), _code(target))
            for target in order]


@functools.lru_cache(maxsize=None)
def _source(target: str) -> tuple[str, str]:
    spec = importlib.util.find_spec(target)
    if spec is None or spec.origin is None:
        raise ConfigError(f"course module {target} is not part of this installation")
    with open(spec.origin, encoding="utf-8") as file:
        return spec.origin, file.read()


def _dependencies(target: str) -> list[str]:
    _, text = _source(target)
    found = []
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("grader.course."):
            found.append(str(node.module))
        elif isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.startswith("grader.course.")]
    return found


@functools.lru_cache(maxsize=None)
def _code(target: str) -> bytes:
    path, text = _source(target)
    return marshal.dumps(compile(text, path, "exec"))
