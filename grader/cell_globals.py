"""Which global variables a function reads, and which of a kernel's cells set them.

The course's test harness ends every failure with "avoid using global variables inside the
function", because a notebook function that reads a variable set in another cell works in the
kernel and nowhere else. `grader.kernel_check` tells the learner so, from the source alone:

- a variable a constant assignment sets (`n_h = 4`) is loaded for grading too, but the function
  should take it as an argument;
- a variable that code sets (`parameters = initialize_parameters(3, 2, 1)`, a loop's variable)
  does not exist when grading, which keeps only imports, definitions and constants: the
  function raises `NameError` there, and in `grade`.

Modules, imported names, functions and classes are globals too, but using them is the point of
the other cells; they are not reported.
"""

from __future__ import annotations

import builtins
import symtable
from collections.abc import Sequence
from dataclasses import dataclass

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
