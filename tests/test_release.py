"""The learners' copy is made from the instructor's sources, and is up to date."""

from __future__ import annotations

from pathlib import Path

import nbformat

from grader import release
from grader.weeks import NAMES, get_week

from conftest import ASSIGNMENTS, SOLUTIONS


def test_assignments_are_exactly_what_release_makes() -> None:
    for name in NAMES:
        files = release.release(get_week(name), SOLUTIONS, ASSIGNMENTS)
        assert release.stale(files) == [], "run `grade release` and commit the result"


def test_release_is_deterministic() -> None:
    week = get_week("week4")
    assert release.release(week, SOLUTIONS, ASSIGNMENTS) == release.release(week, SOLUTIONS,
                                                                              ASSIGNMENTS)


def test_stubs_keep_comments_and_lose_code() -> None:
    source = """def f(x):
    y = 1
    # YOUR CODE STARTS HERE
    # z = ...  the hint
    z = x + y
    # YOUR CODE ENDS HERE
    return z"""
    assert release.stub(source) == """def f(x):
    y = 1
    # YOUR CODE STARTS HERE
    # z = ...  the hint
    # YOUR CODE ENDS HERE
    return z"""


def test_the_notebook_is_valid_and_marks_each_graded_cell() -> None:
    path = ASSIGNMENTS / "week4" / "step_by_step.ipynb"
    notebook = nbformat.read(str(path), as_version=4)
    nbformat.validate(notebook)
    graded = [c for c in notebook.cells if "graded" in c.metadata.get("tags", [])]
    names = [f.name for f in get_week("week4").parts[0].functions]
    assert [c.metadata["nbgrader"]["grade_id"] for c in graded] == names
    for cell in graded:
        assert cell.source.startswith(f"# GRADED FUNCTION: {cell.metadata['nbgrader']['grade_id']}")
        assert cell.outputs == [] and cell.execution_count is None


def test_release_writes_only_what_changed(tmp_path: Path) -> None:
    files = release.release(get_week("week4"), SOLUTIONS, tmp_path)
    assert sorted(release.write(files)) == sorted(files)
    assert release.write(files) == []
