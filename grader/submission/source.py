"""A loaded submission: the statements kept from each file or notebook cell, and what was not.

    Submission ─► Unit (a .py file, or one notebook cell) ─► Statement, FunctionSource
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Statement:
    """A top-level statement that will run in the sandbox, at its own line number.

    `code` is the statement compiled here, once, as a `marshal` blob for the children.
    """

    line: int
    source: str
    kind: str  # "import", "def" (runs no learner code when loaded) or "code"
    code: bytes = b""
    defines: str = ""
    imports: tuple[str, ...] = ()  # the modules an import statement names, by their last name


Parameter = tuple[str, str, bool]  # name, kind (an `inspect.Parameter` kind's name), has a default
CallShape = tuple[str, int, tuple[str, ...]]  # a plain call: name, positional count, keywords


@dataclass(frozen=True)
class Outline:
    """What the grader reads of a function's code, found when its file was parsed (in the
    parse child: the grader never parses a learner's text itself)."""

    body: int = 0  # where its body starts: the index of that line among `source`'s lines
    parameters: tuple[Parameter, ...] = ()
    decorated: bool = False
    calls: tuple[CallShape, ...] = ()  # calls to a name with plain arguments, in order
    digest: str = ""  # of its syntax tree (`extract.tree_digest`): an untouched stub is known by it


@dataclass(frozen=True)
class FunctionSource:
    """A function the learner defined, where, and whether it was left as a stub."""

    name: str
    file: Path
    label: str
    line: int
    end_line: int
    source: str
    cell: int | None = None
    headed: bool = False
    stub: bool = False
    habits: tuple[tuple[str, str], ...] = ()  # grader.properties.habits, found when loaded
    outline: Outline = field(default_factory=Outline)


@dataclass(frozen=True)
class Unit:
    """One piece of learner source: a `.py` file or one code cell of a notebook."""

    file: Path
    label: str
    statements: tuple[Statement, ...]
    functions: tuple[FunctionSource, ...] = ()
    cell: int | None = None
    ignored: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()
    broken: tuple[tuple[str, str], ...] = ()
    nbgrader: bool = False  # a notebook cell with nbgrader metadata (a sign of its release)

    def wire(self, blobs: list[bytes]) -> dict[str, Any]:
        """The unit as the sandbox child's `load` request wants it; code goes to `blobs`."""
        statements = []
        for s in self.statements:
            blobs.append(s.code)
            statements.append({"line": s.line, "source": s.source, "kind": s.kind,
                               "code": len(blobs) - 1})
        return {"file": self.label, "statements": statements}


@dataclass(frozen=True)
class Submission:
    """Everything read from one submission path."""

    path: Path
    units: tuple[Unit, ...] = field(default_factory=tuple)
    refused: tuple[str, ...] = ()  # entries not read (links, special files), each with why

    def find(self, names: tuple[str, ...]) -> FunctionSource | None:
        """The learner's definition of a function, by any of its names.

        A definition under a `# GRADED FUNCTION` header wins; otherwise the last one, as a
        notebook run from top to bottom would keep.
        """
        found = [f for unit in self.units for f in unit.functions if f.name in names]
        headed = [f for f in found if f.headed]
        chosen = headed or found
        return chosen[-1] if chosen else None

    def _picked(self) -> dict[str, FunctionSource]:
        """`find((name,))` for every name defined, in one pass."""
        picked: dict[str, FunctionSource] = {}
        for function in (f for unit in self.units for f in unit.functions):
            kept = picked.get(function.name)
            if kept is None or function.headed or not kept.headed:
                picked[function.name] = function
        return picked

    def loadable(self) -> tuple[Unit, ...]:
        """The units as they should run: of several definitions of a function, only the one
        `find` picks is kept, so that what runs is what is graded."""
        picked = self._picked()

        def keep(unit: Unit, statement: Statement) -> bool:
            chosen = picked.get(statement.defines)
            if chosen is None:
                return True
            last = statement.line + statement.source.count("\n")
            return chosen.label == unit.label and statement.line <= chosen.line <= last

        return tuple(replace(unit, statements=tuple(s for s in unit.statements if keep(unit, s)))
                     for unit in self.units)

    def for_part(self, names: AbstractSet[str], others: AbstractSet[str]) -> Submission:
        """The files that serve one part, whose functions are `names`, beside the parts whose
        functions are `others`: the files that define a function only this part has, and
        those that define none that only another part has (the learner's own helpers, or
        functions of both parts). A name defined in several of those files is taken from the
        one that defines most of this part's functions.

        A week of two assignments is often two notebooks that both define the same activation,
        or a second notebook that pastes a function of the first; each part must
        run its own notebook's code. (`grade all` uses this for weeks, too.)
        """
        defined: dict[Path, set[str]] = {}
        for unit in self.units:
            defined.setdefault(unit.file, set()).update(f.name for f in unit.functions)
        own, foreign = names - others, others - names
        weight = {file: len(names_in & names) for file, names_in in defined.items()
                  if names_in & own or not names_in & foreign}
        best: dict[str, int] = {}
        for file, score in weight.items():
            for name in defined[file]:
                best[name] = max(best.get(name, 0), score)
        shadowed = {file: {n for n in defined[file] if score < best[n]}
                    for file, score in weight.items()}
        return replace(self, units=tuple(_without(unit, shadowed[unit.file])
                                         for unit in self.units if unit.file in weight))

    def without_files(self, stems: AbstractSet[str]) -> Submission:
        """The submission without its `.py` files named `stems` (and nothing else): the
        course's helper modules released beside a notebook are the course's code, not the
        learner's (their child gets the course's own)."""
        kept = tuple(unit for unit in self.units
                     if not (unit.file.suffix == ".py" and unit.file.stem in stems
                             and unit.file != self.path))
        return self if len(kept) == len(self.units) else replace(self, units=kept)

    def broken(self, names: tuple[str, ...]) -> str | None:
        """The problem that kept a definition of one of `names` from loading, if any."""
        for unit in self.units:
            for name, problem in unit.broken:
                if name in names:
                    return problem
        return None

    @property
    def defined(self) -> set[str]:
        return {f.name for unit in self.units for f in unit.functions}

    @property
    def problems(self) -> tuple[str, ...]:
        return (*self.refused, *(p for unit in self.units for p in unit.problems))

    @property
    def ignored(self) -> tuple[str, ...]:
        return tuple(i for unit in self.units for i in unit.ignored)



def _without(unit: Unit, names: set[str]) -> Unit:
    """The unit without its definitions of `names`."""
    if not names:
        return unit
    return replace(unit, statements=tuple(s for s in unit.statements if s.defines not in names),
                   functions=tuple(f for f in unit.functions if f.name not in names))
