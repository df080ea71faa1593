"""The learners' copy is made from the instructor's sources, and is up to date."""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest

from grader import release
from grader.sandbox import Sandbox
from grader.spec import Part
from grader.courses.registry import built_in, get_week

from conftest import ASSIGNMENTS, SOLUTIONS

NAMES = built_in().assignments


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


PARTS = [(name, part) for name in NAMES for part in get_week(name).parts]


@pytest.mark.parametrize("week,part", PARTS, ids=[f"{w}.{p.name}" for w, p in PARTS])
def test_the_notebook_is_valid_and_marks_each_graded_cell(week: str, part: Part) -> None:
    path = ASSIGNMENTS / week / f"{part.reference}.ipynb"
    notebook = nbformat.read(str(path), as_version=4)
    nbformat.validate(notebook)
    graded = [c for c in notebook.cells if "graded" in c.metadata.get("tags", [])]
    names = [f.name for f in part.functions]
    assert [c.metadata["nbgrader"]["grade_id"] for c in graded] == names
    for cell in graded:
        assert cell.source.startswith(f"# GRADED FUNCTION: {cell.metadata['nbgrader']['grade_id']}")
        assert cell.outputs == [] and cell.execution_count is None
    for alias in part.ships:
        assert (ASSIGNMENTS / week / f"{alias}.py").is_file()


def test_release_writes_only_what_changed(tmp_path: Path) -> None:
    files = release.release(get_week("week4"), SOLUTIONS, tmp_path)
    assert sorted(release.write(files)) == sorted(files)
    assert release.write(files) == []


@pytest.mark.parametrize("week,part", PARTS, ids=[f"{w}.{p.name}" for w, p in PARTS])
def test_the_example_cells_run_once_the_functions_are_written(
        week: str, part: Part, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    import importlib

    from grader.courses.imports import helper_module
    from grader.courses.registry import built_in

    helpers = built_in().helper_modules(week)
    for name in part.modules:
        monkeypatch.setitem(sys.modules, name, helper_module(built_in(), week, name)
                            if name in helpers
                            else importlib.import_module("grader.courses.test_modules"))
    functions = release.function_sources(SOLUTIONS / week / f"{part.reference}.py")
    template = (SOLUTIONS / week / f"{part.reference}.md").read_text(encoding="utf-8")
    namespace: dict[str, object] = {}
    for kind, source, graded in release.notebook_cells(template, functions):
        if kind == "code":
            exec(functions[graded] if graded else source, namespace)  # noqa: S102
    assert capsys.readouterr().out  # the examples print what they show


@pytest.mark.parametrize("week,part", PARTS, ids=[f"{w}.{p.name}" for w, p in PARTS])
def test_each_graded_cell_is_followed_by_its_check_cell(week: str, part: Part) -> None:
    notebook = nbformat.read(str(ASSIGNMENTS / week / f"{part.reference}.ipynb"), as_version=4)
    code = [c.source for c in notebook.cells if c.cell_type == "code"]
    graded = [i for i, s in enumerate(code) if s.startswith("# GRADED FUNCTION:")]
    assert code.index(release.CHECK_SETUP.format(week=week)) == graded[0] - 1
    shared = {n for other in get_week(week).parts if other is not part for n in other.names}
    for index, function in zip(graded, part.functions):
        where = f', part="{part.name}"' if function.name in shared else ""
        assert code[index + 1] == f'check({function.name}, week="{week}"{where})'
    assert sum(s.startswith("check(") for s in code) == len(part.functions)


def test_the_check_cells_are_not_part_of_a_submission(sandbox: Sandbox) -> None:
    from grader.submission import load_submission

    loaded = load_submission(ASSIGNMENTS / "week2" / "logistic_regression.ipynb", sandbox)
    sources = [s.source for unit in loaded.units for s in unit.statements]
    assert not any("grader" in s or s.startswith("check(") for s in sources)
