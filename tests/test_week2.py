"""Week 2 end to end: two parts in one report, references, stubs, one wrong function at a time."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from grader.courses.imports import import_spec_module
from grader.courses.registry import built_in, get_week
from grader.references import References
from grader.results import CheckStatus, Status

from conftest import (ASSIGNMENTS, FIXTURES, SOLUTIONS, GradeFn, assert_all_stubs,
                      assert_full_marks, assert_only_loses, fill_notebook, replace_function)

WEEK2 = get_week("week2")
_SPEC = import_spec_module(built_in(), "week2", "logistic_regression")
NOTEBOOK_W, NOTEBOOK_X, NOTEBOOK_Y = _SPEC.NOTEBOOK_W, _SPEC.NOTEBOOK_X, _SPEC.NOTEBOOK_Y
PARTS = [part.name for part in WEEK2.parts]
WRONG = sorted((FIXTURES / "week2" / "wrong").glob("*/*.py"))


def test_references_score_full_marks_in_both_parts(grade: GradeFn) -> None:
    report = grade(SOLUTIONS / "week2", "week2")
    assert [part.name for part in report.parts] == PARTS == ["numpy_basics",
                                                             "logistic_regression"]
    assert_full_marks(report)
    assert [part.score for part in report.parts] == [80.0, 60.0] and report.score == 140.0


def test_references_pass_hidden_cases_too(grade: GradeFn) -> None:
    report = grade(SOLUTIONS / "week2", "week2", seed=24681357)
    assert report.cases == "hidden"
    assert_full_marks(report)


def test_stubs_score_zero_with_a_message_each(grade: GradeFn) -> None:
    report = grade(ASSIGNMENTS / "week2", "week2")
    assert len(report.functions) == 14
    assert_all_stubs(report)


def test_the_two_notebooks_filled_in_get_full_marks(grade: GradeFn, tmp_path: Path) -> None:
    for part in PARTS:
        fill_notebook(ASSIGNMENTS / "week2" / f"{part}.ipynb", SOLUTIONS / "week2" / f"{part}.py",
                      tmp_path / f"{part}.ipynb")
    report = grade(tmp_path, "week2")
    assert_full_marks(report)
    assert report.skipped == () and report.problems == ()


def test_every_graded_function_has_a_wrong_fixture() -> None:
    fixtures = sorted((path.parent.name, path.stem) for path in WRONG)
    assert fixtures == sorted((part.name, f.name) for part in WEEK2.parts for f in part.functions)


def _submission(tmp_path: Path, wrong: Path) -> Path:
    """The two references in one folder, with the function of `wrong` swapped in its part."""
    folder = tmp_path / "week2"
    folder.mkdir()
    for part in PARTS:
        shutil.copy(SOLUTIONS / "week2" / f"{part}.py", folder)
    part = wrong.parent.name
    (folder / f"{part}.py").write_text(replace_function(SOLUTIONS / "week2" / f"{part}.py", wrong))
    return folder


@pytest.mark.parametrize("wrong", WRONG, ids=[f"{p.parent.name}.{p.stem}" for p in WRONG])
def test_a_wrong_function_loses_its_own_points_only(grade: GradeFn, wrong: Path,
                                                    tmp_path: Path) -> None:
    assert_only_loses(grade(_submission(tmp_path, wrong), "week2"), wrong.parent.name, wrong.stem)


def test_a_name_in_both_parts_is_graded_with_its_own_parts_code(grade: GradeFn,
                                                                 tmp_path: Path) -> None:
    wrong = FIXTURES / "week2" / "wrong" / "numpy_basics" / "sigmoid.py"
    report = grade(_submission(tmp_path, wrong), "week2")
    sigmoids = {f.part: f for f in report.functions if f.name == "sigmoid"}
    assert sigmoids["numpy_basics"].status is Status.ERROR
    assert sigmoids["numpy_basics"].location.file.endswith("numpy_basics.py")
    assert sigmoids["logistic_regression"].status is Status.PASS
    assert sigmoids["logistic_regression"].location.file.endswith("logistic_regression.py")
    hint = sigmoids["numpy_basics"].checks[-1].hint
    assert hint is not None and "np.exp" in hint


def test_an_old_name_is_accepted(grade: GradeFn, tmp_path: Path) -> None:
    source = (SOLUTIONS / "week2" / "numpy_basics.py").read_text()
    (tmp_path / "old.py").write_text(source.replace("def normalize_rows(", "def normalizeRows("))
    result = next(f for f in grade(tmp_path / "old.py", "week2").functions
                  if f.name == "normalize_rows")
    assert result.status is Status.PASS


def test_a_hard_coded_learning_rate_is_caught_and_named(grade: GradeFn, tmp_path: Path) -> None:
    wrong = FIXTURES / "week2" / "wrong" / "logistic_regression" / "optimize.py"
    result = next(f for f in grade(_submission(tmp_path, wrong), "week2").functions
                  if f.name == "optimize")
    failed = next(c for c in result.checks if c.status is CheckStatus.FAIL)
    assert failed.name == "values" and "learning rate 0.1" in (failed.case or "")
    assert failed.hint is not None and "learning rate is fixed at 0.009" in failed.hint
    assert result.costs is not None
    yours, expected = result.costs
    assert len(yours) == len(expected) == 2 and yours[0] == pytest.approx(expected[0])
    assert yours[1] != pytest.approx(expected[1])


def test_an_int_bias_is_a_type_failure(grade: GradeFn, tmp_path: Path) -> None:
    wrong = FIXTURES / "week2" / "wrong" / "logistic_regression" / "initialize_with_zeros.py"
    result = next(f for f in grade(_submission(tmp_path, wrong), "week2").functions
                  if f.name == "initialize_with_zeros")
    failed = next(c for c in result.checks if c.status is CheckStatus.FAIL)
    assert failed.name == "type" and failed.message.startswith("b is an int; expected a float")


# --- the course's published values ---------------------------------------------------------


def _close(actual: Any, expected: Any) -> None:
    np.testing.assert_allclose(np.asarray(actual, dtype=float), np.asarray(expected, dtype=float),
                               rtol=1e-6, atol=1e-8)


def _course(references: References, part_name: str, name: str,
            label: str = "course example") -> Any:
    """The reference's output on the spec's course example (the first whose label starts so)."""
    part = next(p for p in WEEK2.parts if p.name == part_name)
    ref = references.module("week2", part)
    case = next(c for c in part.function(name).cases(np.random.default_rng(0), ref)
                if c.label.startswith(label))
    return getattr(ref, name)(*case.args, **case.kwargs)


def test_numpy_basics_reproduces_the_course_values(references: References) -> None:
    value = _course(references, "numpy_basics", "basic_sigmoid")
    assert value == 0.7310585786300049 and type(value) is float
    _close(_course(references, "numpy_basics", "sigmoid"), [0.73105858, 0.88079708, 0.95257413])
    _close(_course(references, "numpy_basics", "sigmoid_derivative"),
           [0.19661193, 0.10499359, 0.04517666])
    vector = _course(references, "numpy_basics", "image2vector")
    assert vector.shape == (18, 1)
    _close(vector[:4, 0], [0.67826139, 0.29380381, 0.90714982, 0.52835647])
    _close(_course(references, "numpy_basics", "normalize_rows"),
           [[0, 0.6, 0.8], [0.13736056, 0.82416338, 0.54944226]])
    _close(_course(references, "numpy_basics", "softmax"),
           [[9.80897665e-01, 8.94462891e-04, 1.79657674e-02, 1.21052389e-04, 1.21052389e-04],
            [8.78679856e-01, 1.18916387e-01, 8.01252314e-04, 8.01252314e-04, 8.01252314e-04]])
    assert _course(references, "numpy_basics", "L1") == pytest.approx(1.1, rel=1e-12)
    assert _course(references, "numpy_basics", "L2") == pytest.approx(0.43, rel=1e-12)


def test_logistic_regression_reproduces_the_course_values(references: References) -> None:
    LR = "logistic_regression"
    w, b = _course(references, LR, "initialize_with_zeros")
    assert w.shape == (2, 1) and not w.any() and b == 0.0 and type(b) is float
    _close(_course(references, LR, "sigmoid"), [0.5, 0.88079708])
    grads, cost = _course(references, LR, "propagate", "course example (notebook)")
    _close(grads["dw"], [[0.25071532], [-0.06604096]])
    assert grads["db"] == pytest.approx(-0.12500404500439652, rel=1e-12)
    assert cost == pytest.approx(0.15900537707692405, rel=1e-12)
    grads, cost = _course(references, LR, "propagate", "course example (public test)")
    _close(grads["dw"], [[-0.03909333], [0.12501464], [-0.99960809]])
    assert grads["db"] == pytest.approx(0.288106326429569, rel=1e-12)
    assert cost == pytest.approx(2.0424567983978403, rel=1e-12)
    params, grads, costs = _course(references, LR, "optimize")
    _close(params["w"], [[-0.70916784], [-0.42390859]])
    assert params["b"] == pytest.approx(2.26891346, rel=1e-7)
    _close(grads["dw"], [[0.06188603], [-0.01407361]])
    assert grads["db"] == pytest.approx(-0.04709353, rel=1e-6)
    _close(costs, [5.80154532, 0.31057104])
    _close(_course(references, LR, "predict", "course example (public test)"), [[1, 0, 1]])
    _close(_course(references, LR, "predict", "course example (notebook)"), [[1, 1, 0]])
    d = _course(references, LR, "model")
    _close(d["costs"], [0.69314718])
    _close(d["w"], [[0.08639757], [-0.08231268], [-0.11798927], [0.12866053]])
    assert d["b"] == pytest.approx(-0.03983236094816321, rel=1e-12)
    _close(d["Y_prediction_test"], [[1, 1, 0]])
    _close(d["Y_prediction_train"], [[1, 1, 0, 1, 0, 0, 1]])


def test_the_notebooks_optimize_example_gives_the_course_values(references: References) -> None:
    """The notebook's own optimize example (not a graded case: the public test's covers it)."""
    ref = references.module("week2", WEEK2.parts[1])
    params, grads, costs = ref.optimize(NOTEBOOK_W, 1.5, NOTEBOOK_X, NOTEBOOK_Y, 100, 0.009)
    _close(params["w"], [[0.80956046], [2.0508202]])
    assert params["b"] == pytest.approx(1.5948713189708588, rel=1e-12)
    _close(grads["dw"], [[0.17860505], [-0.04840656]])
    assert grads["db"] == pytest.approx(-0.08888460336847771, rel=1e-12)
    _close(costs, [0.15900538])
