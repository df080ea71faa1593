"""Week 4, the application part, end to end: references, stubs, wrong functions, both parts in one
report, the application's helpers in the sandbox, the course's published values."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import nbformat
import numpy as np
import pytest

from grader.compare import compare
from grader.references import References
from grader.release import function_sources
from grader.results import FunctionResult, Status, WeekReport
from grader.answers import run_reference
from grader.courses.registry import get_week

from conftest import ASSIGNMENTS, FIXTURES, SOLUTIONS, GradeFn, replace_function

WEEK4 = get_week("week4")
STEP_BY_STEP, APPLICATION = WEEK4.parts
APP_NAMES = ["two_layer_model", "L_layer_model"]
WRONG = sorted((FIXTURES / "week4" / "wrong_application").glob("*.py"))
REFERENCE = SOLUTIONS / "week4" / "application.py"
# A learner's two notebooks, named as the course names them: the application sorts last.
STEP_FILE, APP_FILE = "Building_your_Deep_Neural_Network_Step_by_Step.py", \
    "Deep_Neural_Network_Application.py"


def by_name(report: WeekReport) -> dict[str, FunctionResult]:
    return {f.name: f for f in report.functions}


def two_notebooks(tmp_path: Path, application: str) -> Path:
    """A folder with the step-by-step reference and the given application source."""
    (tmp_path / STEP_FILE).write_text((SOLUTIONS / "week4" / "step_by_step.py").read_text())
    (tmp_path / APP_FILE).write_text(application)
    return tmp_path


# --- references and stubs ------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [None, 987654321], ids=["public", "hidden"])
def test_both_parts_full_marks_in_one_report(grade: GradeFn, seed: int | None) -> None:
    report = grade(SOLUTIONS / "week4", seed=seed)
    assert [p.name for p in report.parts] == ["step_by_step", "application"]
    assert [f.name for f in report.parts[1].functions] == APP_NAMES
    assert all(f.part == "application" for f in report.parts[1].functions)
    assert {f.name: f.status for f in report.functions if f.status is not Status.PASS} == {}
    assert report.parts[1].score == report.parts[1].max_score == 20.0
    assert report.score == report.max_score == 120.0
    assert report.problems == () and report.skipped == ()


def test_the_application_stubs_score_zero_with_a_message_each(grade: GradeFn) -> None:
    report = grade(ASSIGNMENTS / "week4" / "application.ipynb")
    functions = by_name(report)
    for name in APP_NAMES:
        assert functions[name].status is Status.NOT_IMPLEMENTED
        assert "not implemented yet" in functions[name].checks[0].message
    assert {functions[f.name].status for f in STEP_BY_STEP.functions} == {Status.MISSING}
    assert report.score == 0


# --- one wrong function at a time ----------------------------------------------------------------


def test_every_application_function_has_a_wrong_fixture() -> None:
    assert sorted(p.stem for p in WRONG) == sorted(APP_NAMES)


@pytest.mark.parametrize("wrong", WRONG, ids=[p.stem for p in WRONG])
def test_a_wrong_function_loses_its_own_points_only(grade: GradeFn, wrong: Path,
                                                    tmp_path: Path) -> None:
    report = grade(two_notebooks(tmp_path, replace_function(REFERENCE, wrong)))
    statuses = {f.name: f.status for f in report.functions}
    assert statuses.pop(wrong.stem) is Status.FAIL
    assert set(statuses.values()) == {Status.PASS}
    assert report.score == report.max_score - 10
    failed = next(c for c in by_name(report)[wrong.stem].checks if c.status.value == "fail")
    assert failed.hint is not None and failed.case is not None


def test_a_fixed_learning_rate_is_named(grade: GradeFn, tmp_path: Path) -> None:
    wrong = FIXTURES / "week4" / "wrong_application" / "two_layer_model.py"
    result = by_name(grade(two_notebooks(tmp_path, replace_function(REFERENCE, wrong))))[
        "two_layer_model"]
    failed = next(c for c in result.checks if c.status.value == "fail")
    assert failed.name == "values" and "learning rate 0.1" in (failed.case or "")
    assert failed.hint is not None and "pass learning_rate on to update_parameters" in failed.hint


def test_costs_every_iteration_fail_the_structure_with_a_hint(grade: GradeFn,
                                                              tmp_path: Path) -> None:
    wrong = FIXTURES / "week4" / "wrong_application" / "L_layer_model.py"
    result = by_name(grade(two_notebooks(tmp_path, replace_function(REFERENCE, wrong))))[
        "L_layer_model"]
    failed = next(c for c in result.checks if c.status.value == "fail")
    assert failed.name == "structure" and "costs has 2 entries; expected 1" in failed.message
    assert failed.hint is not None and "i % 100 == 0" in failed.hint


HARD_CODED = {
    "two_layer_model: learning rate": ("two_layer_model", "parameters, grads, learning_rate)",
                                       "parameters, grads, 0.0075)"),
    "two_layer_model: iterations": ("two_layer_model", "range(num_iterations)", "range(500)"),
    "two_layer_model: hidden size": ("two_layer_model", "(n_x, n_h, n_y) = layers_dims",
                                     "(n_x, n_h, n_y) = layers_dims[0], 7, layers_dims[2]"),
    "L_layer_model: learning rate": ("L_layer_model", "parameters, grads, learning_rate)",
                                     "parameters, grads, 0.0075)"),
    "L_layer_model: iterations": ("L_layer_model", "range(num_iterations)", "range(500)"),
    "L_layer_model: layer sizes": ("L_layer_model", "initialize_parameters_deep(layers_dims)",
                                   "initialize_parameters_deep([X.shape[0], 20, 7, 5, 1])"),
}


@pytest.mark.parametrize("name", list(HARD_CODED))
def test_hard_coded_hyperparameters_fail(grade: GradeFn, tmp_path: Path, name: str) -> None:
    function, old, new = HARD_CODED[name]
    source = function_sources(REFERENCE)[function]
    assert old in source
    submission = tmp_path / "application.py"
    submission.write_text(REFERENCE.read_text().replace(source, source.replace(old, new)))
    statuses = {f.name: f.status for f in grade(submission).parts[1].functions}
    assert statuses.pop(function) in (Status.FAIL, Status.ERROR)  # 500 iterations may overflow
    assert set(statuses.values()) == {Status.PASS}


# --- the application's helpers -------------------------------------------------------------------


def _notebook(path: Path, cells: list[str]) -> Path:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(cell) for cell in cells]
    nbformat.write(notebook, str(path))
    return path


def test_a_course_style_notebook_importing_dnn_app_utils_v3_grades(grade: GradeFn,
                                                                   tmp_path: Path) -> None:
    functions = function_sources(REFERENCE)
    notebook = _notebook(tmp_path / "Deep Neural Network - Application.ipynb", [
        "import time\nimport numpy as np\nimport h5py\nfrom dnn_app_utils_v3 import *\n"
        "from public_tests import *\n%matplotlib inline",
        "train_x_orig, train_y, test_x_orig, test_y, classes = load_data()",
        "n_x = 12288\nn_h = 7\nn_y = 1\nlayers_dims = (n_x, n_h, n_y)\nlearning_rate = 0.0075",
        "# GRADED FUNCTION: two_layer_model\n\n" + functions["two_layer_model"],
        "parameters, costs = two_layer_model(train_x, train_y, layers_dims, "
        "num_iterations=2500, print_cost=True)",
        "layers_dims = [12288, 20, 7, 5, 1]",
        "# GRADED FUNCTION: L_layer_model\n\n" + functions["L_layer_model"],
        "pred_test = predict(test_x, test_y, parameters)",
    ])
    report = grade(notebook)
    assert report.parts[1].score == 20.0, by_name(report)
    # h5py loads system libraries the sandbox does not let it read; the models do not need it
    assert {skipped.split()[1].rstrip(":") for skipped in report.skipped} <= {"public_tests",
                                                                               "h5py"}
    assert report.problems == ()


def test_the_step_by_step_part_cannot_import_the_application_helpers(grade: GradeFn,
                                                                     tmp_path: Path) -> None:
    submission = tmp_path / "cheat.py"
    submission.write_text(
        "import sys\n"
        "def linear_forward(A, W, b):\n"
        "    from dnn_app_utils_v3 import linear_forward as answer\n"
        "    return answer(A, W, b)\n"
        "def compute_cost(AL, Y):\n"
        "    import grade_courses.neural_networks.week4.modules.dnn_app_utils_v3 as answers\n"
        "    return answers.compute_cost(AL, Y)\n"
        "def linear_backward(dZ, cache):\n"
        "    return sys.modules['dnn_app_utils_v3'].linear_backward(dZ, cache)\n")
    functions = by_name(grade(submission))
    for name, error in (("linear_forward", "ModuleNotFoundError"),
                        ("compute_cost", "ModuleNotFoundError"),
                        ("linear_backward", "KeyError")):
        assert functions[name].status is Status.ERROR, name
        assert functions[name].checks[0].message.startswith(f"raised {error}"), name


def test_a_name_in_both_parts_is_graded_against_its_own_part(grade: GradeFn,
                                                             tmp_path: Path) -> None:
    """The application notebook pastes the step-by-step initialize_parameters_deep (seed 3,
    times 0.01) under its GRADED FUNCTION header, and sorts after the step-by-step one."""
    pasted = function_sources(SOLUTIONS / "week4" / "step_by_step.py")[
        "initialize_parameters_deep"]
    application = (REFERENCE.read_text().replace("initialize_parameters_deep,", "")
                   + "\n\n# GRADED FUNCTION: initialize_parameters_deep\n" + pasted + "\n")
    report = grade(two_notebooks(tmp_path, application))
    functions = by_name(report)
    # The step-by-step part grades the step-by-step notebook's version, against its reference.
    assert functions["initialize_parameters_deep"].status is Status.PASS
    assert functions["initialize_parameters_deep"].location.file.endswith(STEP_FILE)
    # The application is graded with the application's own initialisation (seed 1, 1/sqrt),
    # and told that its own, pasted one would not do.
    assert functions["L_layer_model"].status is Status.PASS
    assert any("your own initialize_parameters_deep" in note
               for note in functions["L_layer_model"].notes)
    assert report.score == report.max_score


def test_the_cost_curves_are_in_the_result(grade: GradeFn) -> None:
    functions = by_name(grade(SOLUTIONS / "week4"))
    for name in APP_NAMES:
        yours, expected = functions[name].costs
        # the case with the longest history, not the 2-iteration course example (one dot)
        assert yours == expected and len(yours) > 1
    assert functions["linear_forward"].costs is None


# --- the course's published values ---------------------------------------------------------------


@pytest.fixture(scope="module")
def ref(references: References) -> ModuleType:
    return references.module("week4", APPLICATION)


@pytest.mark.parametrize("name,label,key,cost,bias", [
    ("two_layer_model", "course example, 2", "b2", 0.69315968, -0.00689018),
    ("two_layer_model", "course example, learning rate 0.1", "b2", 0.69315968, -0.13451354),
    ("L_layer_model", "course example, 2", "b3", 0.70723944, 0.0013201),
    ("L_layer_model", "course example, learning rate 0.02", "b3", 0.70723944, 0.00525865),
])
def test_the_reference_gives_the_course_public_test_values(ref: ModuleType, name: str,
                                                           label: str, key: str, cost: float,
                                                           bias: float) -> None:
    cases = APPLICATION.function(name).cases(np.random.default_rng(0), ref)
    case = next(c for c in cases if c.label.startswith(label))
    parameters, costs = getattr(ref, name)(*case.args, **case.kwargs)
    np.testing.assert_allclose([float(c) for c in costs], [cost], rtol=1e-7)
    np.testing.assert_allclose(parameters[key], [[bias]], rtol=1e-6)


def test_cases_avoid_the_course_hyperparameters(ref: ModuleType) -> None:
    """So that a function with the course's values hard-coded fails; for any seed."""
    for seed in range(20):
        for function in APPLICATION.functions:
            counts = []
            for case in function.cases(np.random.default_rng(seed), ref)[2:]:
                X, Y, dims, *rest = case.args
                rate = rest[0] if rest else None
                iterations = rest[1] if rest else case.kwargs["num_iterations"]
                counts.append(iterations)
                assert iterations not in (2500, 3000) and rate != 0.0075 and dims[0] == X.shape[0]
                assert not set(dims[1:-1]) & {4, 7} and len(dims) != 4
            assert max(counts) > 100  # a second cost is recorded: every 100 iterations


def test_every_catalogued_mistake_is_caught_and_its_hint_reachable(
        ref: ModuleType, references: References) -> None:
    """Each mistake's outputs differ from the reference's on some case (a learner who makes
    it fails), and from every earlier mistake's (so its own hint is the one given)."""
    mistakes = references.mistakes("week4", APPLICATION)
    for function in APPLICATION.functions:
        cases = function.cases(np.random.default_rng(0), ref)

        def outputs(implementation: Callable[..., Any]) -> list[Any]:
            return [run_reference(implementation, case).value for case in cases]

        def differ(a: list[Any], b: list[Any]) -> bool:
            return any(compare(x, y) is not None for x, y in zip(a, b))

        seen = [outputs(getattr(ref, function.name))]
        for mistake in function.mistakes:
            mine = outputs(getattr(mistakes, f"{function.name}__{mistake.name}"))
            assert all(differ(mine, other) for other in seen), mistake.name
            seen.append(mine)
        assert len(function.mistakes) >= 3
