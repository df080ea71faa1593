"""Course 2 ("Improving Deep Neural Networks", `courses/improving/`), loaded by path for tests.

Each assignment's spec is imported as a package of its own (so that `from . import gradients`
works), its reference module with the assignment's helper modules importable by their plain
names (`import reg_utils`), as the course folder's contract says they are.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import importlib.util
import sys
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

from grader.spec import Case, GradedFunction, Week

COURSE = Path(__file__).resolve().parent.parent / "courses" / "improving"
SOLUTIONS = COURSE / "solutions"
ASSIGNMENTS = ("initialization", "regularization", "gradient_checking", "optimization")


def _with_helpers(assignment: str) -> None:
    folder = str(COURSE / assignment / "modules")
    if folder not in sys.path:
        sys.path.append(folder)


@cache
def spec(assignment: str) -> Week:
    """The assignment's `ASSIGNMENT`, from `<assignment>/spec.py`."""
    package = f"course2_{assignment}"
    if package not in sys.modules:
        module_spec = importlib.machinery.ModuleSpec(package, None, is_package=True)
        module_spec.submodule_search_locations = [str(COURSE / assignment)]
        sys.modules[package] = importlib.util.module_from_spec(module_spec)
    week: Week = importlib.import_module(f"{package}.spec").ASSIGNMENT
    return week


def _load(name: str, path: Path, names: dict[str, Any] | None = None) -> ModuleType:
    module = ModuleType(name)
    module.__file__ = str(path)
    module.__dict__.update(names or {})
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), module.__dict__)  # noqa: S102
    return module


@cache
def reference(assignment: str) -> ModuleType:
    """The reference module `solutions/<assignment>/<assignment>.py`."""
    _with_helpers(assignment)
    return _load(f"course2_reference_{assignment}", SOLUTIONS / assignment / f"{assignment}.py")


@cache
def mistakes(assignment: str) -> ModuleType:
    """The mistakes module, run with the reference's names in scope (as the grader runs it)."""
    names = {k: v for k, v in vars(reference(assignment)).items() if not k.startswith("__")}
    path = SOLUTIONS / assignment / f"{assignment}_mistakes.py"
    return _load(f"course2_mistakes_{assignment}", path, names)


@cache
def helper(assignment: str, name: str) -> ModuleType:
    """A helper module of the assignment, imported by its plain name."""
    _with_helpers(assignment)
    return importlib.import_module(name)


def function(assignment: str, name: str) -> GradedFunction:
    return next(f for f in spec(assignment).functions if f.name == name)


def cases(assignment: str, name: str, seed: int = 0) -> list[Case]:
    return function(assignment, name).cases(np.random.default_rng(seed), reference(assignment))


def run(assignment: str, name: str, label: str = "course example") -> Any:
    """The reference's output on the first case whose label starts with `label`."""
    case = next(c for c in cases(assignment, name) if c.label.startswith(label))
    return getattr(reference(assignment), name)(*case.args, **case.kwargs)
