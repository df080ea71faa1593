"""The helper modules released beside the notebooks, as plain Python that runs without `grade`.

A course's helper modules (in its folder's `modules/`) may import grader modules (the planar
datasets); a learner's Jupyter may not have `grade` installed. So `grade release` writes each
helper module as one file: the grader modules it imports at the top, in dependency order, then
the module itself, each without its docstring and its `grader` imports. (Imports inside
functions stay: a function that needs the grader says so when it is called without it.) Helper
modules that import each other by their plain names are released side by side.
A module imported as a namespace (`from grader.datasets import planar`, used as `planar.flower`)
has its prefix dropped where it is used (`flower`). The file needs numpy (and h5py for the
course's data files), as the course's own helper modules do.
"""

from __future__ import annotations

import ast
import importlib.util
import re
import textwrap
from pathlib import Path

from grader.errors import ConfigError

_PREFIX = "grader"


def plain_source(name: str, path: Path) -> str:
    """The text of the helper module `name` (the course folder's file `path`), self-contained."""
    text = path.read_text(encoding="utf-8")
    order: list[str] = []
    for _, needs, _ in _imports(text, name):
        for need in needs:
            _visit(need, order)
    pieces = [*(_body(_source(module), module) for module in order), _body(text, name)]
    made_from = ", ".join([*order, path.name])
    about = textwrap.fill(f"Plain Python: it needs numpy (and h5py for the course's data files), "
                          f"not `grade`. It is made from the course's {made_from}: edit those, "
                          "not this file.", width=96)
    header = (f'"""The course helper module `{name}`, written by `grade release`.\n\n{about}\n'
              '"""\n\nfrom __future__ import annotations\n')
    joined = "\n\n".join([header, *pieces]).rstrip() + "\n"
    compile(joined, f"{name}.py", "exec", dont_inherit=True)  # a broken join fails here, not later
    return joined


def _source(module: str) -> str:
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        raise ConfigError(f"module {module} is not part of this installation")
    return Path(spec.origin).read_text(encoding="utf-8")


def _imports(text: str, module: str) -> list[tuple[ast.ImportFrom, list[str], list[str]]]:
    """A module's top-level imports from the grader: (node, modules it needs, namespaces it
    binds: the submodules imported by name)."""
    found = []
    for node in ast.parse(text).body:
        if isinstance(node, ast.Import) and any(a.name.startswith(_PREFIX) for a in node.names):
            raise ConfigError(f"{module}: `import grader…` cannot be made plain; use `from`")
        if not isinstance(node, ast.ImportFrom) or not (node.module or "").startswith(_PREFIX):
            continue
        base = str(node.module)
        package = importlib.util.find_spec(base)
        submodules = [a.name for a in node.names
                      if package is not None and package.submodule_search_locations
                      and importlib.util.find_spec(f"{base}.{a.name}") is not None]
        needs = [f"{base}.{name}" for name in submodules] or [base]
        found.append((node, needs, submodules))
    return found


def _visit(module: str, order: list[str]) -> None:
    if module in order:
        return
    for _, needs, _ in _imports(_source(module), module):
        for need in needs:
            _visit(need, order)
    order.append(module)


def _body(text: str, module: str) -> str:
    """A module's text without its docstring, `from __future__` and grader imports, with the
    namespaces it imported from the grader dropped where used."""
    tree = ast.parse(text)
    drop: set[int] = set()
    first = tree.body[0] if tree.body else None
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
        drop.update(range(first.lineno, (first.end_lineno or first.lineno) + 1))
    namespaces: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module == "__future__":
            drop.add(node.lineno)
    for node, _, submodules in _imports(text, module):
        drop.update(range(node.lineno, (node.end_lineno or node.lineno) + 1))
        namespaces += submodules
    lines = [line for number, line in enumerate(text.splitlines(), 1) if number not in drop]
    body = "\n".join(lines).strip("\n")
    for name in namespaces:
        body = re.sub(rf"(?<![\w.]){re.escape(name)}\.(?=[A-Za-z_])", "", body)
    return f"# --- from {module} ---\n\n{body}"
