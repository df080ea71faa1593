"""A course's helper modules as compiled code, for the processes that run them elsewhere.

A learner's notebook says `from course_utils import activation` or `from testCases import *`;
in the sandbox child those names are the course folder's modules (`<assignment>/modules/`, else the
course's `modules/`), shipped as compiled code to the children of the parts that list them in
`Part.modules`, with the course modules they import (dependencies first) and the grader modules
those import (`grader.shipping`). They are never imported in the zygote: some implement
functions another part grades. A listed name the course folder has no file for is one of the
course's test modules (`testCases`, `public_tests`, …): it gets the stand-in
`grader.courses.test_modules`. A child holds one part's modules, so their plain names never
collide there.

Course modules import nothing heavy at the top (h5py inside the loaders), so that installing
one in a child costs microseconds.
"""

from __future__ import annotations

import ast
import functools
import marshal
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from grader.courses.folder import CourseFolder
from grader.courses.imports import REFERENCES, course_key
from grader.errors import ConfigError
from grader.sandbox import Module
from grader.shipping import grader_imports, ship
from grader.spec import Part, Week

TEST_MODULES = "grader.courses.test_modules"

# Packages notebooks import for plots, pictures and data files, never for a graded function:
# a child gets a stand-in for them (importable, every attribute a harmless no-op), so that
# loading a notebook costs no time and does not depend on what this machine has installed.
STAND_INS = ("matplotlib", "PIL", "IPython", "seaborn", "sklearn", "h5py", "imageio", "tqdm")


@dataclass(frozen=True)
class PartCode:
    """What a process needs to run a part's references: the reference module's code (named
    as the grader names it) and the modules it imports, dependencies first."""

    reference: Module
    modules: tuple[Module, ...]


def learner_modules(week: Week, part: Part) -> list[Module]:
    """The modules a learner's child gets for `part`: the course modules it lists (and the
    one that provides its helpers), with what they import; the test modules' stand-in."""
    wanted = list(dict.fromkeys([*part.modules, *([part.provided] if part.provided else [])]))
    available = week.course.helper_modules(week.name) if week.course else {}
    files = [name for name in wanted if name in available]
    tests = [name for name in wanted if name not in available]
    if part.provided and part.provided not in available:
        raise ConfigError(f"part {part.name} is provided by {part.provided}, which is not a "
                          f"helper module of {week.name}")
    shipped = course_modules(week.course, week.name, files) if week.course and files else []
    if tests:
        shipped += ship([TEST_MODULES], {TEST_MODULES: tests})
    return shipped


def course_modules(course: CourseFolder, assignment: str, names: Iterable[str]) -> list[Module]:
    """The helper modules `names` of an assignment, compiled, with every course module they
    import (dependencies first) and the grader modules those import (first of all)."""
    available = course.helper_modules(assignment)
    order: list[str] = []
    visiting: set[str] = set()
    grader: list[str] = []  # the grader modules they import

    def visit(name: str) -> None:
        if name in order or name in visiting:
            return
        visiting.add(name)
        read = _read(available[name])
        for dependency in read.imported:
            if dependency in available and dependency != name:
                visit(dependency)
        grader.extend(read.from_grader)
        order.append(name)

    for name in names:
        visit(name)
    return [*_grader_modules(grader),
            *(Module((name,), _read(available[name]).code) for name in order)]


def reference_code(week: Week, part: Part, solutions: Path) -> PartCode:
    """The compiled code of a part's reference module and of the course modules it imports,
    dependencies first: what a process (the grader's, or a confined child's) needs to run the
    part's references."""
    if week.course is None:
        raise ConfigError(f"{week.name} was not loaded from a course folder")
    path = solutions / week.name / f"{part.reference}.py"
    if not path.is_file():
        raise ConfigError("no reference solutions here", path=path)
    read = _read(path)
    available = week.course.helper_modules(week.name)
    modules = course_modules(week.course, week.name, [n for n in read.imported if n in available])
    names = {module.names[0] for module in modules}
    extra = [module for module in _grader_modules(read.from_grader) if module.names[0] not in names]
    key = f"{REFERENCES}.{course_key(week.course)}.{week.name}.{part.reference}"
    return PartCode(Module((key,), read.code), (*extra, *modules))


def _grader_modules(names: Iterable[str]) -> list[Module]:
    return ship(dict.fromkeys(names)) if names else []


@dataclass(frozen=True)
class _Read:
    """A course module read once: the top names it imports anywhere, the grader modules it
    imports at its top (those inside functions run only when called: see
    `grader.shipping`), and its compiled code."""

    imported: tuple[str, ...]
    from_grader: tuple[str, ...]
    code: bytes


def _read(path: Path) -> _Read:
    stat = path.stat()
    return _read_once(str(path), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=256)
def _read_once(path: str, mtime: int, size: int) -> _Read:
    try:
        tree = ast.parse(Path(path).read_bytes(), path)
    except SyntaxError as error:
        raise ConfigError(f"line {error.lineno}: {error.msg}", path=path) from error
    names = [alias.name.partition(".")[0] for node in ast.walk(tree)
             if isinstance(node, ast.Import) for alias in node.names]
    names += [str(node.module).partition(".")[0] for node in ast.walk(tree)
              if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module]
    code = marshal.dumps(compile(tree, path, "exec", dont_inherit=True))  # the tree, not again
    return _Read(tuple(dict.fromkeys(names)), grader_imports(tree), code)
