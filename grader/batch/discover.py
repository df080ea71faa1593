"""Decide what the paths given to `grade WEEK` are: one learner's work, or a class of learners.

The rule (README, "Grading a class"):

- several paths: a class, one learner per path;
- one file: one submission;
- one folder: a class when two or more of its entries (files or sub-folders), counted once per
  name with the extension and copy suffixes ("-Copy1", " (2)") ignored, each define graded
  functions of the same part of the week; otherwise one submission (a notebook with its helper
  modules, or one notebook per part of the week);
- but never a learner's own folder, whatever it holds: one with a sign of one learner's work
  (`learner_signs`: a git repository, a course helper module, the released notebook of a part,
  week folders) is one submission, and the plan's note says why;
- `--batch` / `--single` force either reading.

A learner's id is the entry's name: the file name without its extension, or the folder name.
"""

from __future__ import annotations

import enum
import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from grader.errors import ConfigError, SubmissionError
from grader.sandbox import Sandbox
from grader.spec import Week
from grader.submission import is_ignored, load_submission

CODE_SUFFIXES = (".py", ".ipynb")
_COPY_SUFFIX = re.compile(r"(?:[ _-]+copy\s*\d*|\s*\(\d+\))+$", re.IGNORECASE)


class Mode(str, enum.Enum):
    """How to read the paths: by the rule, or forced."""

    AUTO = "auto"
    BATCH = "batch"
    SINGLE = "single"


@dataclass(frozen=True)
class Learner:
    """One learner of a class and the path of their submission."""

    id: str
    path: Path


@dataclass(frozen=True)
class Plan:
    """What to grade: one submission (`batch` false, one learner) or a class; and why."""

    learners: tuple[Learner, ...]
    batch: bool
    reason: str
    note: str = ""  # why a folder that looked like a class is graded as one submission


def plan(paths: Sequence[Path], week: Week, mode: Mode = Mode.AUTO,
         exclude: Collection[Path] = (), *, sandbox: Sandbox) -> Plan:
    """Read `paths` as one submission or as a class; `exclude` names files that are never
    learners (the gradebook itself). Entries are read as submissions are (`sandbox` parses
    them, no link is followed), so that one file never delays or stops the others."""
    if not paths:
        raise ConfigError("no submission given")
    for path in paths:
        if not path.exists():
            raise SubmissionError("no such file or folder", path=path)
    if len(paths) > 1:
        if mode is Mode.SINGLE:
            raise ConfigError("--single grades one path; several paths are always a class")
        return Plan(name_learners(paths), True, f"{len(paths)} paths, one learner each")
    path = paths[0]
    if mode is Mode.SINGLE or (mode is Mode.AUTO and not path.is_dir()):
        return Plan((Learner(_learner_id(path), path),), False, "one submission")
    found = entries(path, exclude) if path.is_dir() else [path]
    if mode is Mode.BATCH:
        if not found:
            raise ConfigError("the folder holds no submission", path=path)
        return Plan(name_learners(found), True, "--batch")
    pair = same_part(found, week, sandbox)
    if pair is None:
        return Plan((Learner(_learner_id(path), path),), False, "one submission")
    first, second, part = pair
    signs = learner_signs(path, found, week)
    if signs:
        return Plan((Learner(_learner_id(path), path),), False, "one submission",
                    f"{first.name} and {second.name} both define functions of {part}, but "
                    f"{path} is one learner's work: it holds {signs[0]}")
    return Plan(name_learners(found), True,
                f"{first.name} and {second.name} both define functions of {part}")


def learner_signs(folder: Path, found: Sequence[Path], week: Week) -> list[str]:
    """What in `folder` shows it is one learner's work, not a class: a git repository, a
    course helper module or a part's released notebook (what comes with an assignment), a
    folder named for a week of the course (a course repository)."""
    course = week.course
    helpers = set(course.helper_modules(week.name)) if course is not None else set()
    weeks = {*(course.assignments if course is not None else ()), "assignments"}
    signs = ["a git repository (.git)"] if (folder / ".git").exists() else []
    notebooks = {f"{part.reference}.ipynb" for part in week.parts}
    for entry in found:
        if entry.is_file() and entry.suffix == ".py" and entry.stem in helpers:
            signs.append(f"{entry.name}, a helper module that comes with the assignment")
        elif entry.is_file() and entry.name in notebooks:
            signs.append(f"{entry.name}, the assignment's own notebook")
        elif entry.is_dir() and entry.name in weeks:
            signs.append(f"{entry.name}/, a week of the course")
    return signs


def entries(folder: Path, exclude: Collection[Path] = ()) -> list[Path]:
    """The possible submissions in a class folder: its files and sub-folders, sorted, without
    hidden entries, caches and the `exclude`d files."""
    skip = {p.resolve() for p in exclude}
    return sorted(p for p in folder.iterdir()
                  if not is_ignored(p.name) and p.resolve() not in skip)


def name_learners(paths: Sequence[Path]) -> tuple[Learner, ...]:
    """A learner per path, named by its file name without extension, or by its full name when
    that clashes with another; two paths with the same full name are a `ConfigError`."""
    names = {path: _learner_id(path) for path in paths}
    while clashing := _clashing(names):
        fallback = [p for p in clashing if names[p] != p.name]
        if not fallback:
            first, second = clashing[:2]
            raise ConfigError(f"two submissions are named {names[first]!r} ({first} and "
                              f"{second}): give each learner a distinct name")
        names.update((p, p.name) for p in fallback)
    return tuple(Learner(name, path) for path, name in names.items())


def _clashing(names: dict[Path, str]) -> list[Path]:
    counts = Counter(names.values())
    return [path for path, name in names.items() if counts[name] > 1]


def same_part(found: Sequence[Path], week: Week,
              sandbox: Sandbox) -> tuple[Path, Path, str] | None:
    """Two entries, distinct but for copy suffixes, that define functions of the same part;
    None when there are none (the folder is one learner's work)."""
    first_of: dict[str, tuple[str, Path]] = {}
    for entry in found:
        part = part_of(entry, week, sandbox)
        if part is None:
            continue
        name = base_name(entry)
        seen = first_of.get(part)
        if seen is None:
            first_of[part] = (name, entry)
        elif seen[0] != name:
            return seen[1], entry, part
    return None


def part_of(entry: Path, week: Week, sandbox: Sandbox) -> str | None:
    """The part of `week` whose functions `entry` defines most of; None when it defines none,
    cannot be read, is as much one part as another, or is one of the course's helper modules
    (released beside the notebooks)."""
    if entry.is_symlink() or not (entry.is_dir() or entry.suffix in CODE_SUFFIXES):
        return None  # a link, a pipe or a device is nothing to read
    if (entry.is_file() and week.course is not None
            and entry.stem in week.course.helper_modules(week.name)):
        return None
    try:
        defined = load_submission(entry, sandbox).defined
    except SubmissionError:
        return None
    counts = {part.name: len(defined & {n for f in part.functions for n in f.names})
              for part in week.parts}
    best = max(counts.values(), default=0)
    winners = [name for name, count in counts.items() if count == best]
    return winners[0] if best > 0 and len(winners) == 1 else None


def base_name(entry: Path) -> str:
    """An entry's name without extension and copy suffixes: `step_by_step-Copy1.ipynb` and
    `step_by_step.py` are both `step_by_step`."""
    name = entry.name if entry.is_dir() else entry.stem
    return _COPY_SUFFIX.sub("", name).lower()


def _learner_id(path: Path) -> str:
    resolved = path if path.name else path.resolve()
    return resolved.name if path.is_dir() else resolved.stem
