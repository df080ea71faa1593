"""A learner's own course notebook grades as it is: both releases, finished or half-finished."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from grader.results import Status

from conftest import FIXTURES, GradeFn

COURSE = FIXTURES / "course"
_spec = importlib.util.spec_from_file_location("course_fixtures", COURSE / "build.py")
assert _spec is not None and _spec.loader is not None
build = importlib.util.module_from_spec(_spec)
sys.modules["course_fixtures"] = build
_spec.loader.exec_module(build)

EXPECTED = {"finished": Status.PASS, "empty": Status.NOT_IMPLEMENTED,
            "none_placeholders": Status.NOT_IMPLEMENTED,
            "not_implemented": Status.NOT_IMPLEMENTED, "syntax_error": Status.ERROR}


@pytest.mark.parametrize("name", sorted(build.NOTEBOOKS))
def test_the_fixture_is_what_the_builder_makes(name: str) -> None:
    course, release, finished = build.NOTEBOOKS[name]
    assert (COURSE / name).read_text(encoding="utf-8") == build.build(course, release, finished)
    notebook = json.loads((COURSE / name).read_text(encoding="utf-8"))
    assert (notebook["nbformat"], notebook["nbformat_minor"]) == (4, course.minor)


@pytest.mark.parametrize("name", sorted(build.NOTEBOOKS))
def test_a_course_notebook_grades_as_it_is(grade: GradeFn, name: str) -> None:
    course, release, finished = build.NOTEBOOKS[name]
    report = grade(COURSE / name, course.week)
    plan = build.plan(course, finished)
    statuses = {f.name: f.status for f in report.functions if f.name in plan}
    assert statuses == {function: EXPECTED[state] for function, state in plan.items()}
    for function, state in plan.items():
        result = next(f for f in report.functions if f.name == function)
        if state == "syntax_error":
            assert "SyntaxError" in result.checks[0].message
            assert f"{name}, cell " in result.checks[0].message
    skipped = " ".join(report.skipped)
    assert "matplotlib: replaced by a stand-in" in skipped and "h5py" in skipped
    assert not report.problems or not finished


def test_a_module_the_machine_lacks_is_skipped_not_fatal(grade: GradeFn, tmp_path: Path) -> None:
    path = tmp_path / "extra.py"
    path.write_text("import numpy as np\nimport no_such_package_here\nfrom scipy import special\n"
                    "def linear_forward(A, W, b):\n    return np.dot(W, A) + b, (A, W, b)\n")
    report = grade(path)
    assert next(f for f in report.functions if f.name == "linear_forward").status is Status.PASS
    assert any("no_such_package_here" in s for s in report.skipped)
