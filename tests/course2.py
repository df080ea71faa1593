"""Course 2 ("Improving Deep Neural Networks", `courses/improving/`), loaded as `grade` loads it.

The specs, references, mistakes and helper modules come through the course-folder loader
(`grader.courses`), so the tests see exactly what grading sees: helper modules importable by
their plain names by the course's own code only.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

from grader.courses.folder import CourseFolder, read_course
from grader.courses.imports import helper_module
from grader.courses.registry import load_week
from grader.references import References
from grader.spec import Case, GradedFunction, Week

COURSE = Path(__file__).resolve().parent.parent / "courses" / "improving"
SOLUTIONS = COURSE / "solutions"
ASSIGNMENTS = ("initialization", "regularization", "gradient_checking", "optimization")


@cache
def folder() -> CourseFolder:
    return read_course(COURSE)


@cache
def references() -> References:
    return References(course=folder())


def spec(assignment: str) -> Week:
    """The assignment's `ASSIGNMENT`, from `<assignment>/spec.py`."""
    return load_week(folder(), assignment)


def reference(assignment: str) -> ModuleType:
    """The reference module `solutions/<assignment>/<assignment>.py`."""
    return references().module(assignment, spec(assignment).parts[0])


def mistakes(assignment: str) -> ModuleType:
    """The mistakes module, run with the reference's names in scope (as the grader runs it)."""
    module = references().mistakes(assignment, spec(assignment).parts[0])
    assert module is not None
    return module


def helper(assignment: str, name: str) -> ModuleType:
    """A helper module of the assignment, as its code imports it by its plain name."""
    return helper_module(folder(), assignment, name)


def function(assignment: str, name: str) -> GradedFunction:
    return next(f for f in spec(assignment).functions if f.name == name)


def cases(assignment: str, name: str, seed: int = 0) -> list[Case]:
    return function(assignment, name).cases(np.random.default_rng(seed), reference(assignment))


def run(assignment: str, name: str, label: str = "course example") -> Any:
    """The reference's output on the first case whose label starts with `label`."""
    case = next(c for c in cases(assignment, name) if c.label.startswith(label))
    return getattr(reference(assignment), name)(*case.args, **case.kwargs)
