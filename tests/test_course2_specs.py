"""Course 2's folder keeps the course-folder contract, and its specs can tell its mistakes apart.

These run the specs, references and mistakes in this process (the grader's own self-check
grades them through the sandbox); they check what the folder promises: names, files, modules
that import only numpy, cases that start with the course's example and change with the seed,
stubs that load and count as not implemented, and at least three catalogued mistakes per
function, each with an implementation that the function's own checks tell from the reference.
"""

from __future__ import annotations

import ast
import copy
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from course2 import ASSIGNMENTS, COURSE, SOLUTIONS, mistakes, reference, spec

from grader.compare import compare
from grader.release import function_sources, stub
from grader.spec import Case, GradedFunction
from grader.submission.extract import is_stub

FUNCTIONS = [(a, f) for a in ASSIGNMENTS for f in spec(a).functions]
IDS = [f"{a}.{f.name}" for a, f in FUNCTIONS]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
    return found


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_assignment_folder_keeps_the_contract(assignment: str) -> None:
    week = spec(assignment)
    assert week.name == assignment and len(week.parts) == 1
    part = week.parts[0]
    helpers = {p.stem for p in (COURSE / assignment / "modules").glob("*.py")}
    assert helpers and helpers <= set(part.modules) and set(part.ships) == helpers
    assert {"testCases", "public_tests"} <= set(part.modules)
    for name in ("", "_mistakes"):
        assert (SOLUTIONS / assignment / f"{part.reference}{name}.py").is_file()
    template = (SOLUTIONS / assignment / f"{part.reference}.md").read_text(encoding="utf-8")
    graded = re.findall(r"^<!--\s*graded:\s*(\w+)\s*-->\s*$", template, re.MULTILINE)
    assert graded == [f.name for f in part.functions]  # each once, in the spec's order


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_helper_modules_import_only_numpy(assignment: str) -> None:
    allowed = {"__future__", "numpy", "numpy.typing", "typing", "collections.abc", "importlib"}
    shared = {path.stem for path in (COURSE / "modules").glob("*.py")}
    for path in [*(COURSE / assignment / "modules").glob("*.py"), *(COURSE / "modules").glob(
            "*.py")]:
        assert _imports(path) <= allowed | shared, path
    gradients = COURSE / assignment / "gradients.py"
    if gradients.is_file():  # shipped into the sandbox: numpy and grader.gradcheck only
        assert _imports(gradients) <= allowed | {"grader.gradcheck"}


def _run(implementation: Any, case: Case) -> tuple[bool, Any]:
    args, kwargs = copy.deepcopy(case.args), copy.deepcopy(dict(case.kwargs))
    try:
        with np.errstate(all="ignore"):
            return True, implementation(*args, **kwargs)
    except Exception as error:  # noqa: BLE001 - a mistake may raise (KeyError, UnboundLocalError)
        return False, (type(error).__name__, str(error))


def _differs(function: GradedFunction, mine: tuple[bool, Any], expected: Any) -> bool:
    ok, value = mine
    return not ok or compare(value, expected, name=function.output, names=function.outputs,
                             tolerance=function.tolerance) is not None


@pytest.mark.parametrize(("assignment", "function"), FUNCTIONS, ids=IDS)
def test_cases_start_with_the_course_and_depend_on_the_seed(assignment: str,
                                                            function: GradedFunction) -> None:
    ref = reference(assignment)
    public = function.cases(np.random.default_rng(0), ref)
    hidden = function.cases(np.random.default_rng(1), ref)
    assert public[0].label.startswith("course example") and len(public) >= 3
    assert [c.label for c in public] != [c.label for c in hidden] or any(
        _differs(function, (True, a.args), b.args) for a, b in zip(public, hidden))
    for case in public:
        ok, value = _run(getattr(ref, function.name), case)
        assert ok, (case.label, value)


@pytest.mark.parametrize(("assignment", "function"), FUNCTIONS, ids=IDS)
def test_each_catalogued_mistake_is_told_apart(assignment: str,
                                               function: GradedFunction) -> None:
    ref, wrong = reference(assignment), mistakes(assignment)
    cases = function.cases(np.random.default_rng(0), ref)
    expected = [_run(getattr(ref, function.name), case)[1] for case in cases]
    assert len(function.mistakes) >= 3 and all(m.hint for m in function.mistakes)
    for mistake in function.mistakes:
        implementation = getattr(wrong, f"{function.name}__{mistake.name}")
        outputs = [_run(implementation, case) for case in cases]
        assert any(_differs(function, mine, e) for mine, e in zip(outputs, expected)), mistake.name


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_released_stubs_load_and_are_not_implemented(assignment: str) -> None:
    part = spec(assignment).parts[0]
    sources = function_sources(SOLUTIONS / assignment / f"{part.reference}.py")
    for function in part.functions:
        text = stub(sources[function.name])
        ast.parse(text)  # a loop whose region is emptied must still be valid Python
        assert is_stub(text.splitlines()), function.name
        assert not is_stub(sources[function.name].splitlines())
