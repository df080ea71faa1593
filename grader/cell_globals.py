"""Which global variables a function reads, and which of a kernel's cells set them.

The course's test harness ends every failure with "avoid using global variables inside the
function", because a notebook function that reads a variable set in another cell works in the
kernel and nowhere else. `check` tells the learner so, from the source alone (this runs in the
learner's kernel: the learner's own process parses the learner's cells, never the grader's):

- a variable a constant assignment sets (`n_h = 4`) is loaded for grading too, but the function
  should take it as an argument;
- a variable that code sets (`params = init(3, 2, 1)`, a loop's variable) does not exist when
  grading, which keeps only imports, definitions and constants: the function raises
  `NameError` there, and in `grade`.

Modules, imported names, functions and classes are globals too, but using them is the point of
the other cells; they are not reported.
"""

from __future__ import annotations

import ast
import builtins
import symtable
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from grader.results import FunctionResult, WeekReport

_BUILTINS = frozenset(dir(builtins))


@dataclass(frozen=True)
class Binding:
    """A top-level name a piece of source binds, and how."""

    name: str
    variable: bool  # assigned by a statement, not imported, not a def or class


@dataclass(frozen=True)
class Cell:
    """A cell as the global check needs it: its label, all it binds, and what grading keeps."""

    label: str
    bound: dict[str, Binding]
    kept: frozenset[str]


def read_globals(function_source: str) -> list[str]:
    """The global names a function's body reads (nested functions and lambdas included),
    builtins left out, in order of first appearance; [] when the source does not parse."""
    try:
        table = symtable.symtable(function_source, "<function>", "exec")
    except (SyntaxError, ValueError, RecursionError):
        return []
    names: dict[str, None] = {}
    for child in table.get_children():
        _collect(child, names)
    return [name for name in names if name not in _BUILTINS]


def _collect(table: symtable.SymbolTable, names: dict[str, None]) -> None:
    if table.get_type() != "class":
        for symbol in table.get_symbols():
            if symbol.is_global() and symbol.is_referenced():
                names.setdefault(symbol.get_name(), None)
    for child in table.get_children():
        _collect(child, names)


def bindings(source: str) -> dict[str, Binding]:
    """The names a piece of source binds at its top level; {} when it does not parse."""
    try:
        table = symtable.symtable(source, "<cell>", "exec")
    except (SyntaxError, ValueError, RecursionError):
        return {}
    found = {}
    for symbol in table.get_symbols():
        if symbol.is_imported() or symbol.is_assigned():
            name = symbol.get_name()
            found[name] = Binding(name, not symbol.is_imported() and not symbol.is_namespace())
    return found


def warnings_for(function: str, source: str, own: str, cells: Sequence[Cell]) -> list[str]:
    """What to tell the learner about the global variables `function` (whose `source` is in
    the cell labelled `own`) reads, given the `cells` the kernel ran, in the order it ran
    them. The last cell that binds a name is where the kernel's value came from."""
    told = []
    for name in read_globals(source):
        if name == function:
            continue
        last = next((cell for cell in reversed(cells) if name in cell.bound), None)
        if last is None or not last.bound[name].variable:
            continue
        if name in last.kept:
            if last.label != own:
                told.append(f"{function} reads the global variable `{name}`, set in {last.label}"
                            f": pass it as an argument, so that the function works with other "
                            f"values than that cell's")
        else:
            where = "its own cell" if last.label == own else last.label
            told.append(f"{function} reads the global variable `{name}`, which {where} sets by "
                        f"running code; grading runs only imports, definitions and constants, "
                        f"so `{name}` does not exist there (nor in `grade`): pass it as an "
                        f"argument, or compute it inside {function}")
    return told


def read_cell(label: str, text: str) -> Cell:
    """A cell's text (magics blanked) as the check needs it: what it binds, and which of those
    names the loader keeps for grading."""
    from grader.submission.extract import extract

    unit = extract(text, Path(label), label)
    return Cell(label, bindings(text),
                frozenset(bindings("\n".join(s.source for s in unit.statements))))


def told(report: WeekReport, cells: Sequence[Cell], texts: Mapping[str, str]) -> WeekReport:
    """The report with a warning on each function that reads a global variable, the cells
    being those the kernel ran (in order) and `texts` their text by label."""
    parts = tuple(replace(part, functions=tuple(_warned(f, cells, texts)
                                                for f in part.functions))
                  for part in report.parts)
    return replace(report, parts=parts)


def _warned(result: FunctionResult, cells: Sequence[Cell],
            texts: Mapping[str, str]) -> FunctionResult:
    location = result.location
    text = texts.get(location.file) if location is not None else None
    if location is None or text is None:
        return result
    found = function_at(text, location.line)
    if found is None:
        return result
    name, source = found
    warnings = warnings_for(name, source, location.file, cells)
    return replace(result, warnings=(*result.warnings, *warnings)) if warnings else result


def function_at(text: str, line: int) -> tuple[str, str] | None:
    """The name and source of the top-level function defined at `line` of `text`."""
    try:
        body = ast.parse(text).body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.lineno == line:
            lines = text.splitlines()
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            return node.name, "\n".join(lines[first - 1 : node.end_lineno])
    return None
