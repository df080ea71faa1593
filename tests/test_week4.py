"""Week 4 end to end: references, stubs, one wrong function at a time, .py against notebook.

The step-by-step part; the application part has its own file, test_week4_application.py.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from grader.results import CheckStatus, Status
from grader.courses.registry import get_week

from conftest import ASSIGNMENTS, FIXTURES, SOLUTIONS, GradeFn, replace_function

WEEK4 = get_week("week4")
NAMES = [f.name for f in WEEK4.functions]
STEP_BY_STEP = WEEK4.parts[0]
WRONG = sorted((FIXTURES / "week4" / "wrong").glob("*.py"))


def test_references_score_full_marks(grade: GradeFn) -> None:
    report = grade(SOLUTIONS / "week4")
    assert [f.name for f in report.functions] == NAMES
    failing = {f.name: f.checks for f in report.functions if f.status is not Status.PASS}
    assert failing == {}
    assert report.score == report.max_score == WEEK4.max_score == 120.0


def test_references_pass_hidden_cases_too(grade: GradeFn) -> None:
    report = grade(SOLUTIONS / "week4", seed=987654321)
    assert report.cases == "hidden"
    assert report.score == report.max_score


def test_stubs_score_zero_with_a_message_each(grade: GradeFn) -> None:
    report = grade(ASSIGNMENTS / "week4")
    assert report.score == 0
    for function in report.functions:
        assert function.status is Status.NOT_IMPLEMENTED, function.name
        assert "not implemented yet" in function.checks[0].message


def test_every_graded_function_has_a_wrong_fixture() -> None:
    assert sorted(path.stem for path in WRONG) == sorted(f.name for f in STEP_BY_STEP.functions)


@pytest.mark.parametrize("wrong", WRONG, ids=[p.stem for p in WRONG])
def test_a_wrong_function_loses_its_own_points_only(grade: GradeFn, wrong: Path,
                                                    tmp_path: Path) -> None:
    submission = tmp_path / "submission.py"
    submission.write_text(replace_function(SOLUTIONS / "week4" / "step_by_step.py", wrong))
    report = grade(submission)
    statuses = {f.name: f.status for f in report.functions if f.part == STEP_BY_STEP.name}
    assert statuses.pop(wrong.stem) in (Status.FAIL, Status.ERROR)
    assert set(statuses.values()) == {Status.PASS}
    assert report.parts[0].score == report.parts[0].max_score - 10


def test_a_failing_check_says_what_and_where(grade: GradeFn, tmp_path: Path) -> None:
    submission = tmp_path / "submission.py"
    submission.write_text(replace_function(SOLUTIONS / "week4" / "step_by_step.py",
                                           FIXTURES / "week4" / "wrong" / "linear_backward.py"))
    result = next(f for f in grade(submission).functions if f.name == "linear_backward")
    failed = next(c for c in result.checks if c.status is CheckStatus.FAIL)
    assert failed.name == "shape"
    assert "db is a rank-1 array" in failed.message
    assert failed.case is not None and "dZ (3, 4)" in failed.case
    assert failed.hint is not None and "keepdims" in failed.hint
    assert result.location is not None and result.location.file == str(submission)


def test_only_some_functions_leaves_the_others_missing(grade: GradeFn, tmp_path: Path) -> None:
    submission = tmp_path / "partial.py"
    submission.write_text((FIXTURES / "week4" / "wrong" / "compute_cost.py").read_text()
                          .replace("-np.sum(", "-1 / Y.shape[1] * np.sum("))
    report = grade(submission)
    statuses = {f.name: f.status for f in report.functions}
    assert statuses.pop("compute_cost") is Status.PASS
    assert set(statuses.values()) == {Status.MISSING}
    assert report.score == 10


def _as_notebook(source: str, path: Path) -> None:
    """Split a module into cells the way the course lays them out: one per graded function."""
    cells, current = [], []
    for line in source.splitlines():
        if line.startswith("# GRADED FUNCTION") and current:
            cells.append("\n".join(current))
            current = []
        current.append(line)
    cells.append("\n".join(current))
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(cell) for cell in cells]
    notebook.cells.insert(1, nbformat.v4.new_code_cell("%matplotlib inline\n!pip install x"))
    nbformat.write(notebook, str(path))


def test_a_notebook_and_a_py_with_the_same_code_get_the_same_report(
        grade: GradeFn, tmp_path: Path) -> None:
    source = replace_function(SOLUTIONS / "week4" / "step_by_step.py",
                              FIXTURES / "week4" / "wrong" / "linear_forward.py")
    (tmp_path / "same.py").write_text(source)
    _as_notebook(source, tmp_path / "same.ipynb")
    by_py = grade(tmp_path / "same.py")
    by_notebook = grade(tmp_path / "same.ipynb")

    def essence(report):  # everything but where the code lives and how long it took
        return [(f.name, f.status, f.score, [(c.name, c.status, c.message, c.hint)
                                             for c in f.checks]) for f in report.functions]

    assert essence(by_py) == essence(by_notebook)
    assert by_py.score == 90
