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
            "not_implemented": Status.NOT_IMPLEMENTED, "syntax_error": Status.ERROR,
            # graded on what the code does, wherever the markers are
            "code_above_markers": Status.PASS, "end_marker_on_code_line": Status.PASS}
RELEASE_NAMES = {"current": "2021"}  # the fixtures' names for releases → the specs' names


@pytest.mark.parametrize("name", sorted(build.NOTEBOOKS))
def test_the_fixture_is_what_the_builder_makes(name: str) -> None:
    course, release, finished = build.NOTEBOOKS[name]
    assert (COURSE / name).read_text(encoding="utf-8") == build.build(course, release, finished)
    notebook = json.loads((COURSE / name).read_text(encoding="utf-8"))
    assert (notebook["nbformat"], notebook["nbformat_minor"]) == (4, course.minor)


def test_every_fixture_the_builder_makes_is_there() -> None:
    assert sorted(p.name for p in COURSE.glob("*.ipynb")) == sorted(build.NOTEBOOKS)


@pytest.mark.parametrize("name", sorted(build.NOTEBOOKS))
def test_a_course_notebook_grades_as_its_own_release(grade: GradeFn, name: str) -> None:
    course, release, finished = build.NOTEBOOKS[name]
    report = grade(COURSE / name, course.week)
    part = next(p for p in report.parts if p.name == course.reference)
    assert part.release is not None
    assert part.release.name == RELEASE_NAMES.get(release, release)
    assert part.release.current is (release == "current")
    plan = build.plan(course, finished)
    results = {f.name: f for f in part.functions}
    assert {f: results[f].status for f in plan} == {f: EXPECTED[s] for f, s in plan.items()}
    for function, state in plan.items():
        if state == "syntax_error":
            assert "SyntaxError" in results[function].checks[0].message
            assert f"{name}, cell " in results[function].checks[0].message
    if "matplotlib" in course.imports:
        assert any("matplotlib: replaced by a stand-in" in s for s in report.skipped)
    assert not report.problems or not finished


def test_a_module_the_machine_lacks_is_skipped_not_fatal(grade: GradeFn, tmp_path: Path) -> None:
    path = tmp_path / "extra.py"
    path.write_text("import numpy as np\nimport no_such_package_here\nfrom scipy import special\n"
                    "def linear_forward(A, W, b):\n    return np.dot(W, A) + b, (A, W, b)\n")
    report = grade(path)
    assert next(f for f in report.functions if f.name == "linear_forward").status is Status.PASS
    assert any("no_such_package_here" in s for s in report.skipped)
