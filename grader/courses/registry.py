"""Which courses there are, and which assignment a name means.

    Catalog.discover(course, start)
      1. the selected course: `course` (`grade --course DIR`), else $GRADE_COURSE, else the
         nearest folder from `start` (the current folder) upward with a grade.toml, or a
         pyproject.toml with a [tool.grade] table;
      2. the built-in course (course 1), `grader/default_course/`;
      3. installed courses: the entry points of the group `grade.courses`, each a module (the
         course folder is its package's folder) or a function returning the folder's path.

An assignment's name means the first course that has one of that name; `course:assignment`
names any. So installing a package never changes what a name of the selected or the built-in
course means, and the installed packages are looked at only for a name those two lack (or to
list every course). $GRADE_SOLUTIONS and $GRADE_CASES override where the first course's
references and cases are. An installed course that cannot be read is a problem the catalog
reports (`grade list` shows it), not an error: it must not stop the grading of another course.
"""

from __future__ import annotations

import dataclasses
import functools
import os
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType
from typing import Any

from grader.courses.folder import CourseFolder, find_course, read_course
from grader.courses.imports import import_spec_module
from grader.errors import ConfigError
from grader.spec import Week

COURSE_VARIABLE = "GRADE_COURSE"
SOLUTIONS_VARIABLE = "GRADE_SOLUTIONS"
CASES_VARIABLE = "GRADE_CASES"
ENTRY_POINTS = "grade.courses"
BUILT_IN = Path(__file__).resolve().parent.parent / "default_course"


class Catalog:
    """The courses `grade` knows, first the one that wins a name: the selected one (if any)
    and the built-in one, then (looked for only when needed) the installed ones."""

    def __init__(self, known: tuple[CourseFolder, ...], *, selected: bool = False,
                 installed: bool = True) -> None:
        self.known = known
        self.selected = selected  # whether the first course was selected (not the built-in)
        self.installed = installed

    @classmethod
    def discover(cls, course: Path | None = None, start: Path | None = None, *,
                 installed: bool = True) -> Catalog:
        """The selected course (if any), the built-in one, then the installed ones."""
        chosen = course or (Path(os.environ[COURSE_VARIABLE])
                            if os.environ.get(COURSE_VARIABLE) else None)
        selected = (read_course(chosen, "--course" if course else f"${COURSE_VARIABLE}")
                    if chosen else find_course(start or Path.cwd()))
        builtin = built_in()
        if selected is None or selected.root == builtin.root:
            return cls((with_overrides(builtin),), installed=installed)
        return cls((with_overrides(selected), builtin), selected=True, installed=installed)

    @functools.cached_property
    def _found(self) -> tuple[tuple[CourseFolder, ...], tuple[str, ...]]:
        found, problems = _installed() if self.installed else ([], [])
        roots = {course.root for course in self.known}
        return tuple(course for course in found if course.root not in roots), tuple(problems)

    @property
    def courses(self) -> tuple[CourseFolder, ...]:
        """Every course, in the order that wins a name (installed packages looked at)."""
        return (*self.known, *self._found[0])

    @property
    def problems(self) -> tuple[str, ...]:
        """What kept an installed course from being read."""
        return self._found[1]

    @property
    def primary(self) -> CourseFolder:
        """The course that wins a name: the selected one, else the built-in one."""
        return self.known[0]

    def resolve(self, name: str) -> tuple[CourseFolder, str]:
        """The course and assignment `name` means; `ConfigError` when none."""
        course_name, colon, assignment = name.rpartition(":")
        for installed in (False, True):  # the installed ones only when needed
            for course in self._found[0] if installed else self.known:
                if (not colon or course.name == course_name) \
                        and assignment in course.assignments:
                    return course, assignment
        raise ConfigError(f"unknown assignment {name!r}; the assignments are "
                          f"{', '.join(self.names())}")

    def week(self, name: str) -> Week:
        """The spec of the assignment `name`."""
        return load_week(*self.resolve(name))

    def check(self, names: Iterable[str]) -> None:
        """`ConfigError` for a name no course has, before any spec is imported."""
        for name in names:
            self.resolve(name)

    def has(self, name: str) -> bool:
        """Whether some course has the assignment `name`."""
        try:
            self.resolve(name)
        except ConfigError:
            return False
        return True

    def names(self, course: CourseFolder | None = None) -> tuple[str, ...]:
        """Every assignment as a command names it (`course:assignment` when an earlier course
        has one of the same name), of `course` or of every course."""
        names: list[str] = []
        seen: set[str] = set()
        known = course is not None and any(each.root == course.root for each in self.known)
        for each in self.known if known else self.courses:
            for assignment in each.assignments:
                if course is None or each.root == course.root:
                    names.append(assignment if assignment not in seen
                                 else f"{each.name}:{assignment}")
                seen.add(assignment)
        return tuple(names)

    def course_of(self, week: Week) -> CourseFolder:
        """The course `week` was loaded from, as this catalog knows it (with its overrides)."""
        if week.course is None:
            return self.primary
        root = week.course.root
        return next((course for course in self.known if course.root == root), week.course)


def load_week(course: CourseFolder, assignment: str) -> Week:
    """The spec of one assignment of `course` (loaded once per process)."""
    module = import_spec_module(course, assignment)
    loaded: Week | None = getattr(module, "__grade_week__", None)
    if loaded is not None:
        return loaded
    week = getattr(module, "ASSIGNMENT", None)
    path = course.spec_path(assignment)
    if not isinstance(week, Week):
        raise ConfigError("defines no ASSIGNMENT (a grader.spec.Week)", path=path)
    if week.name != assignment:
        raise ConfigError(f"ASSIGNMENT is named {week.name!r}; it must be named as its folder, "
                          f"{assignment!r}", path=path)
    loaded = dataclasses.replace(week, course=course)
    module.__grade_week__ = loaded  # type: ignore[attr-defined]
    return loaded


def get_week(name: str, catalog: Catalog | None = None) -> Week:
    """The spec of an assignment by name, among the courses found from here (or `catalog`'s);
    `ConfigError` for a name no course has."""
    return (catalog or Catalog.discover()).week(name)


def built_in() -> CourseFolder:
    """Course 1, the course that comes with the grader."""
    return read_course(BUILT_IN, "built-in")


def with_overrides(course: CourseFolder) -> CourseFolder:
    """`course` with $GRADE_SOLUTIONS and $GRADE_CASES, when set, as its folders."""
    solutions, cases = os.environ.get(SOLUTIONS_VARIABLE), os.environ.get(CASES_VARIABLE)
    return dataclasses.replace(course, solutions=Path(solutions) if solutions else course.solutions,
                               cases=Path(cases) if cases else course.cases)


def _installed() -> tuple[list[CourseFolder], list[str]]:
    """The courses installed packages declare, and what went wrong reading the others."""
    from importlib.metadata import entry_points

    courses, problems = [], []
    for point in sorted(entry_points(group=ENTRY_POINTS), key=lambda point: point.name):
        try:
            courses.append(read_course(_folder(point.load()),
                                       f"installed: {point.name} = {point.value}"))
        except Exception as error:  # noqa: BLE001 - another package's fault, told, not fatal
            problems.append(f"installed course {point.name} ({point.value}): {error}")
    return courses, problems


def _folder(target: Any) -> Path:
    """The course folder an entry point names: a package's folder, or what a function returns."""
    if isinstance(target, ModuleType):
        locations = list(getattr(target, "__path__", None) or [])
        if locations:
            return Path(locations[0])
        if target.__file__:
            return Path(target.__file__).parent
        raise ConfigError(f"module {target.__name__} has no folder")
    if callable(target):
        return Path(target())
    return Path(target)
