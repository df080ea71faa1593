"""A course folder: its configuration, its assignments, and where its references are.

    <course>/grade.toml              [course] name, title, solutions, cases, assignments
    (or <project>/pyproject.toml     [tool.grade] the same keys, and `folder`: where the course
                                     folder is, relative to the project; default ".")
    <course>/<assignment>/spec.py    ASSIGNMENT, a grader.spec.Week named as its folder
    <course>/<assignment>/*.py       the spec's other modules (`from . import gradients`)
    <course>/<assignment>/modules/   the assignment's helper modules (`course_utils.py`, …)
    <course>/modules/                helper modules every assignment of the course sees
    <course>/<assignment>/data/      datasets, if any
    <solutions>/<assignment>/        references, mistakes and notebook sources

`solutions` (default "solutions") and `cases` (default "cases", the public cases files a
learners' bundle carries) are relative to the course folder; `assignments` lists the
assignments in the course's order (default: every folder with a spec.py, sorted).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grader.errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CONFIG = "grade.toml"
PYPROJECT = "pyproject.toml"
SPEC = "spec.py"
MODULES = "modules"
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
_KEYS = {"name", "title", "solutions", "cases", "assignments"}


@dataclass(frozen=True)
class CourseFolder:
    """One course: a folder of assignments, and where its references and cases are."""

    name: str
    title: str
    root: Path
    config: Path
    solutions: Path
    cases: Path
    order: tuple[str, ...] = ()
    origin: str = ""

    @property
    def assignments(self) -> tuple[str, ...]:
        """Its assignments: the folders holding a spec.py, in the course's order."""
        found = sorted(entry.name for entry in self.root.iterdir()
                       if (entry / SPEC).is_file() and _NAME.match(entry.name))
        return (*[name for name in self.order if name in found],
                *[name for name in found if name not in self.order])

    def spec_path(self, assignment: str) -> Path:
        return self.root / assignment / SPEC

    def helper_modules(self, assignment: str) -> dict[str, Path]:
        """The helper modules an assignment's code sees, by the plain name it imports them by:
        the course's own (`<course>/modules/`), then the assignment's, which win."""
        found: dict[str, Path] = {}
        for folder in (self.root / MODULES, self.root / assignment / MODULES):
            if folder.is_dir():
                found.update({path.stem: path for path in sorted(folder.glob("*.py"))
                              if path.stem.isidentifier()})
        return found


def read_course(path: Path, origin: str = "") -> CourseFolder:
    """The course whose configuration is `path` (a grade.toml or a pyproject.toml), or the
    course folder `path` itself; `ConfigError` naming the file and the problem otherwise."""
    if not path.exists():
        raise ConfigError("no such course folder (or course configuration file)", path=path)
    if path.is_dir():
        config = path / CONFIG
        if not config.is_file() and _table(path / PYPROJECT) is not None:
            config = path / PYPROJECT
        if not config.is_file():
            raise ConfigError(f"not a course folder: it has no {CONFIG} (nor a {PYPROJECT} with "
                              "a [tool.grade] table)", path=path)
        path = config
    table = _table(path)
    if table is None:
        raise ConfigError("has no [tool.grade] table", path=path)
    root = path.parent.resolve()
    if path.name == PYPROJECT:
        root = (root / _text(table, "folder", path, ".")).resolve()
        table = {key: value for key, value in table.items() if key != "folder"}
    return _course(table, path, root, origin)


def find_course(start: Path) -> CourseFolder | None:
    """The course of the nearest folder from `start` upward that has a grade.toml, or a
    pyproject.toml with a [tool.grade] table; None when there is none."""
    for folder in (start.resolve(), *start.resolve().parents):
        if (folder / CONFIG).is_file():
            return read_course(folder / CONFIG, f"found from {start}")
        if (folder / PYPROJECT).is_file() and _table(folder / PYPROJECT) is not None:
            return read_course(folder / PYPROJECT, f"found from {start}")
    return None


def _table(path: Path) -> Mapping[str, Any] | None:
    """The course's table of a config file: [course] of a grade.toml, [tool.grade] of a
    pyproject.toml (None when a pyproject.toml has none)."""
    try:
        with path.open("rb") as file:
            data = tomllib.load(file)
    except FileNotFoundError:
        return None
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"cannot read the course's configuration: {error}", path=path) from error
    if path.name == PYPROJECT:
        table = data.get("tool", {}).get("grade")
    else:
        table = data.get("course")
        if table is None:
            raise ConfigError("has no [course] table (name = …, title = …)", path=path)
    if table is not None and not isinstance(table, dict):
        raise ConfigError("the course's table is not a table", path=path)
    return table


def _course(table: Mapping[str, Any], config: Path, root: Path, origin: str) -> CourseFolder:
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise ConfigError(f"unknown key {unknown[0]!r} in the course's table (known: "
                          f"{', '.join(sorted(_KEYS))})", path=config)
    name = _text(table, "name", config)
    if not _NAME.match(name):
        raise ConfigError(f"the course's name {name!r} must start with a letter and hold only "
                          "letters, digits, '-' and '_'", path=config)
    order = table.get("assignments", [])
    if not isinstance(order, list) or not all(isinstance(item, str) for item in order):
        raise ConfigError("assignments must be a list of folder names", path=config)
    if not root.is_dir():
        raise ConfigError(f"the course folder {root} does not exist", path=config)
    return CourseFolder(
        name=name, title=_text(table, "title", config, name), root=root, config=config,
        solutions=(root / _text(table, "solutions", config, "solutions")).resolve(),
        cases=(root / _text(table, "cases", config, "cases")).resolve(),
        order=tuple(order), origin=origin)


def _text(table: Mapping[str, Any], key: str, config: Path, default: str | None = None) -> str:
    value = table.get(key, default)
    if value is None:
        raise ConfigError(f"the course's table needs {key} = \"…\"", path=config)
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{key} must be a non-empty string", path=config)
    return value
