"""Load a course folder's code under namespaced module names, each assignment's helper modules
importable under their plain names by that assignment's code only.

    grade_courses.<course>                           a course folder (mounted by `mount`)
    grade_courses.<course>.<module>                  <course>/<module>.py: what its specs share
                                                     (`from .. import <module>` in a spec)
    grade_courses.<course>.<assignment>              one of its assignments (a package)
    grade_courses.<course>.<assignment>.<module>     spec.py and the spec's other modules
    grade_courses.<course>.<assignment>.modules.<m>  a helper module: <assignment>/modules/<m>.py,
                                                     else <course>/modules/<m>.py
    grader.references.<course>.<assignment>.<name>   references and mistakes (`load_reference`)

where <course> is the course's name and a digest of its folder's path, so that two folders
never share a key. Two courses (or two assignments of one course) may both have a
`course_utils` or a `testCases`: each is loaded under its own key, and nothing goes into
`sys.modules` under a plain name. Every module loaded here runs with builtins whose
`__import__` resolves the plain names of its assignment's helper modules to their keys, and
hands any other import to Python's own, so `import course_utils` in a reference means its own
course's `course_utils`, in every function of it, whenever it runs.

The finder that serves the `grade_courses` names keeps no state: what it needs (the course
folder, and the assignment's builtins) lives on the package modules it made.
"""

from __future__ import annotations

import builtins
import hashlib
import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from grader.courses.folder import MODULES, CourseFolder
from grader.errors import ConfigError

NAMESPACE = "grade_courses"
REFERENCES = "grader.references"  # the sandbox forks a fresh zygote once any is loaded


def course_key(course: CourseFolder) -> str:
    """The course's name and a digest of its folder, as one module-name component."""
    digest = hashlib.sha256(str(course.root).encode("utf-8", "surrogateescape")).hexdigest()
    return f"{re.sub(r'[^A-Za-z0-9_]', '_', course.name)}_{digest[:10]}"


def mount(course: CourseFolder) -> str:
    """Make the course's code importable under `grade_courses.<course>`; return that name."""
    if not any(isinstance(finder, _CourseFinder) for finder in sys.meta_path):
        sys.meta_path.insert(0, _CourseFinder())
    if NAMESPACE not in sys.modules:
        sys.modules[NAMESPACE] = _package(NAMESPACE)
    name = f"{NAMESPACE}.{course_key(course)}"
    if name not in sys.modules:
        package = _package(name)
        package.__course__ = course  # type: ignore[attr-defined]
        sys.modules[name] = package
    return name


def import_spec_module(course: CourseFolder, assignment: str, module: str = "spec") -> ModuleType:
    """A module of the assignment's folder (its spec, by default), imported under its key;
    `ConfigError` naming the file when it cannot be."""
    path = course.root / assignment / f"{module}.py"
    try:
        return importlib.import_module(f"{mount(course)}.{assignment}.{module}")
    except ConfigError:
        raise
    except Exception as error:  # anything an instructor's file can raise, told in one line
        raise ConfigError(f"cannot load it: {type(error).__name__}: {error}", path=path) from error


def helper_module(course: CourseFolder, assignment: str, name: str) -> ModuleType:
    """The helper module `name` as the assignment's code sees it."""
    if name not in course.helper_modules(assignment):
        raise ConfigError(f"the assignment {assignment} has no helper module {name} (in "
                          f"{assignment}/{MODULES}/ or {MODULES}/)", path=course.root)
    return import_spec_module(course, assignment, f"{MODULES}.{name}")


def load_reference(course: CourseFolder, assignment: str, path: Path,
                   names: Mapping[str, Any] | None = None) -> ModuleType:
    """Run the reference (or mistakes) file `path` of an assignment into a module registered as
    `grader.references.<course>.<assignment>.<stem>`, its helper modules importable by their
    plain names; `names` are put in its namespace first (a mistakes module sees its
    reference's names)."""
    key = f"{REFERENCES}.{course_key(course)}.{assignment}.{path.stem}"
    module = ModuleType(key)
    module.__file__ = str(path)
    module.__dict__.update(names or {})
    module.__dict__["__builtins__"] = scoped_builtins(course, assignment)
    sys.modules[key] = module
    try:
        code = compile(path.read_bytes(), str(path), "exec", dont_inherit=True)
        exec(code, module.__dict__)  # noqa: S102 - the instructor's reference
    except BaseException:
        del sys.modules[key]
        raise
    return module


def scoped_builtins(course: CourseFolder, assignment: str) -> dict[str, Any]:
    """Builtins whose `__import__` finds the assignment's helper modules by their plain
    names (kept on the assignment's package module, made once)."""
    package = importlib.import_module(f"{mount(course)}.{assignment}")
    scoped: dict[str, Any] = package.__grade_builtins__
    return scoped


def _make_builtins(prefix: str, names: Sequence[str]) -> dict[str, Any]:
    plain = frozenset(names)
    python_import = builtins.__import__

    def scoped_import(name: str, globals: Mapping[str, Any] | None = None,
                      locals: Mapping[str, Any] | None = None, fromlist: Sequence[str] = (),
                      level: int = 0) -> ModuleType:
        head, dot, _ = name.partition(".")
        if level == 0 and head in plain:
            if dot:
                raise ModuleNotFoundError(f"{head} is a helper module, not a package")
            return importlib.import_module(f"{prefix}.{MODULES}.{head}")
        return python_import(name, globals, locals, fromlist, level)

    return {**vars(builtins), "__import__": scoped_import}


def _package(name: str) -> ModuleType:
    module = ModuleType(name)
    module.__path__ = []  # served by _CourseFinder alone
    module.__spec__ = importlib.machinery.ModuleSpec(name, None, is_package=True)
    return module


class _Package(importlib.abc.Loader):
    """An assignment's folder, or its `modules`: a package with nothing to run."""

    def __init__(self, assignment: str | None, course: CourseFolder | None) -> None:
        self.assignment, self.course = assignment, course

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        module = ModuleType(spec.name)
        if self.course is not None and self.assignment is not None:
            module.__grade_builtins__ = _make_builtins(  # type: ignore[attr-defined]
                spec.name, list(self.course.helper_modules(self.assignment)))
        return module

    def exec_module(self, module: ModuleType) -> None:
        pass


class _Source(importlib.machinery.SourceFileLoader):
    """A .py file of a course folder, run with its assignment's scoped builtins (compiled
    once, its bytecode cached as any module's)."""

    def __init__(self, fullname: str, path: Path, builtins_: dict[str, Any]) -> None:
        super().__init__(fullname, str(path))
        self.builtins = builtins_

    def exec_module(self, module: ModuleType) -> None:
        module.__dict__["__builtins__"] = self.builtins
        super().exec_module(module)


class _CourseFinder(importlib.abc.MetaPathFinder):
    """Finds `grade_courses.<course>.<assignment>[.modules].<module>` in mounted courses."""

    def find_spec(self, fullname: str, path: Sequence[str] | None = None,
                  target: ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        parts = fullname.split(".")
        if parts[0] != NAMESPACE or len(parts) < 3:
            return None
        course: CourseFolder | None = getattr(sys.modules.get(".".join(parts[:2])),
                                              "__course__", None)
        if course is None:
            return None
        assignment, rest = parts[2], parts[3:]
        folder = course.root / assignment
        if not folder.is_dir():
            shared = course.root / f"{assignment}.py"  # a module the course's specs share
            if rest or not shared.is_file():
                return None
            return importlib.util.spec_from_file_location(
                fullname, shared, loader=_Source(fullname, shared, dict(vars(builtins))))
        if not rest or rest == [MODULES]:
            return importlib.machinery.ModuleSpec(
                fullname, _Package(None if rest else assignment, course), origin=str(folder),
                is_package=True)
        package = ".".join(parts[:3])
        scoped = importlib.import_module(package).__grade_builtins__
        if len(rest) == 2 and rest[0] == MODULES:
            found = course.helper_modules(assignment).get(rest[1])
        elif len(rest) == 1:
            found = folder / f"{rest[0]}.py"
            found = found if found.is_file() else None
        else:
            found = None
        if found is None:
            return None
        return importlib.util.spec_from_file_location(fullname, found,
                                                      loader=_Source(fullname, found, scoped))
