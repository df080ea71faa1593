"""Week 3 end to end: references, stubs, one wrong function at a time, old signatures, values."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from grader.references import References
from grader.release import function_sources
from grader.results import CheckStatus, Status
from grader.courses.registry import get_week

from conftest import (ASSIGNMENTS, FIXTURES, SOLUTIONS, GradeFn, assert_all_stubs,
                      assert_full_marks, assert_only_loses, fill_notebook, replace_function)

WEEK3 = get_week("week3")
PART = WEEK3.parts[0]
NAMES = [f.name for f in WEEK3.functions]
REFERENCE = SOLUTIONS / "week3" / "planar.py"
WRONG = sorted((FIXTURES / "week3" / "wrong").glob("*.py"))


def test_references_score_full_marks(grade: GradeFn) -> None:
    report = grade(SOLUTIONS / "week3", "week3")
    assert [f.name for f in report.functions] == NAMES
    assert_full_marks(report)
    assert report.score == 80.0


def test_references_pass_hidden_cases_too(grade: GradeFn) -> None:
    report = grade(SOLUTIONS / "week3", "week3", seed=1357924680)
    assert report.cases == "hidden"
    assert_full_marks(report)


def test_stubs_score_zero_with_a_message_each(grade: GradeFn) -> None:
    assert_all_stubs(grade(ASSIGNMENTS / "week3", "week3"))


def test_the_notebook_filled_in_gets_full_marks_with_planar_utils(grade: GradeFn,
                                                                  tmp_path: Path) -> None:
    notebook = fill_notebook(ASSIGNMENTS / "week3" / "planar.ipynb", REFERENCE,
                             tmp_path / "planar.ipynb")
    assert "from planar_utils import" in notebook.read_text()
    report = grade(notebook, "week3")
    assert_full_marks(report)
    assert report.skipped == () and report.problems == ()


def test_every_graded_function_has_a_wrong_fixture() -> None:
    assert sorted(path.stem for path in WRONG) == sorted(NAMES)


@pytest.mark.parametrize("wrong", WRONG, ids=[p.stem for p in WRONG])
def test_a_wrong_function_loses_its_own_points_only(grade: GradeFn, wrong: Path,
                                                    tmp_path: Path) -> None:
    submission = tmp_path / "submission.py"
    submission.write_text(replace_function(REFERENCE, wrong))
    assert_only_loses(grade(submission, "week3"), PART.name, wrong.stem)


def _result(grade: GradeFn, tmp_path: Path, name: str, source: str | None = None) -> Any:
    submission = tmp_path / "submission.py"
    submission.write_text(source or replace_function(REFERENCE, FIXTURES / "week3" / "wrong" /
                                                     f"{name}.py"))
    return next(f for f in grade(submission, "week3").functions if f.name == name)


def test_a_hard_coded_hidden_size_is_caught_though_the_course_misses_it(
        grade: GradeFn, tmp_path: Path) -> None:
    result = _result(grade, tmp_path, "nn_model")
    failed = next(c for c in result.checks if c.status is not CheckStatus.PASS)
    assert failed.name == "shape" and "n_h = 3" in (failed.case or "")
    assert failed.hint is not None and "use the n_h argument" in failed.hint


def test_an_elementwise_product_is_caught_with_two_outputs(grade: GradeFn,
                                                           tmp_path: Path) -> None:
    result = _result(grade, tmp_path, "backward_propagation")
    failed = next(c for c in result.checks if c.status is not CheckStatus.PASS)
    assert failed.name == "runs" and "two outputs" in (failed.case or "")
    assert failed.hint is not None and "np.dot(W2.T, dZ2)" in failed.hint


def test_a_seed_inside_initialize_parameters_is_caught(grade: GradeFn, tmp_path: Path) -> None:
    result = _result(grade, tmp_path, "initialize_parameters")
    failed = next(c for c in result.checks if c.status is not CheckStatus.PASS)
    assert failed.name == "values" and "more hidden units" in (failed.case or "")


def test_the_random_state_travels_with_each_helper_call(grade: GradeFn, tmp_path: Path) -> None:
    # nn_model seeds numpy, then calls initialize_parameters, which the grader runs for it: the
    # reference draws from the learner's random state, so a learner who seeds differently
    # (or not at all) gets other weights, and a correct one gets the reference's.
    source = REFERENCE.read_text()
    unseeded = source.replace("    np.random.seed(3)\n    n_x = layer_sizes",
                              "    n_x = layer_sizes")
    assert unseeded != source
    assert _result(grade, tmp_path, "nn_model", source).status is Status.PASS
    assert _result(grade, tmp_path, "nn_model", unseeded).status is Status.FAIL


OLD_COMPUTE_COST = '''
def compute_cost(A2, Y, parameters):
    m = Y.shape[1]
    W1 = parameters["W1"]
    W2 = parameters["W2"]
    logprobs = np.multiply(np.log(A2), Y) + np.multiply(np.log(1 - A2), 1 - Y)
    cost = float(np.squeeze(-np.sum(logprobs) / m))
    return cost
'''


def test_the_older_compute_cost_signature_is_accepted(grade: GradeFn, tmp_path: Path) -> None:
    source = REFERENCE.read_text()
    old = source.replace(function_sources(REFERENCE)["compute_cost"], OLD_COMPUTE_COST.strip())
    old = old.replace("compute_cost(A2, Y)\n", "compute_cost(A2, Y, parameters)\n")
    assert "def compute_cost(A2, Y, parameters):" in old and "Y, parameters)\n" in old
    (tmp_path / "old.py").write_text(old)
    report = grade(tmp_path / "old.py", "week3")
    statuses = {f.name: f.status for f in report.functions}
    assert statuses["compute_cost"] is Status.PASS
    assert statuses["nn_model"] is Status.PASS  # its three-argument call reaches the reference
    assert report.functions[NAMES.index("nn_model")].notes == ()


def test_a_call_the_learners_own_compute_cost_refuses_fails_as_in_the_notebook(
        grade: GradeFn, tmp_path: Path) -> None:
    # The current release's compute_cost(A2, Y), called by an nn_model written for the older
    # release with three arguments: TypeError in the learner's notebook, so here too.
    source = REFERENCE.read_text().replace("def compute_cost(A2, Y, parameters=None):",
                                           "def compute_cost(A2, Y):")
    source = source.replace("cost = compute_cost(A2, Y)\n",
                            "cost = compute_cost(A2, Y, parameters)\n")
    assert "def compute_cost(A2, Y):" in source and "Y, parameters)\n" in source
    (tmp_path / "mixed.py").write_text(source)
    report = grade(tmp_path / "mixed.py", "week3")
    result = report.functions[NAMES.index("nn_model")]
    assert result.status is Status.ERROR
    assert "TypeError" in result.checks[0].message
    assert "3 were given" in result.checks[0].message
    assert result.notes[0].startswith("your own compute_cost ran here, not the reference: "
                                      "nn_model calls it in a way it refuses")
    assert report.functions[NAMES.index("compute_cost")].status is Status.PASS


def test_without_an_own_compute_cost_the_reference_takes_any_release_call(
        grade: GradeFn, tmp_path: Path) -> None:
    nn_model = function_sources(REFERENCE)["nn_model"].replace(
        "cost = compute_cost(A2, Y)\n", "cost = compute_cost(A2, Y, parameters)\n")
    (tmp_path / "only.py").write_text("import numpy as np\n\n" + nn_model + "\n")
    result = grade(tmp_path / "only.py", "week3").functions[NAMES.index("nn_model")]
    assert result.status is Status.PASS


def test_the_print_cost_branch_is_run(grade: GradeFn, tmp_path: Path) -> None:
    source = REFERENCE.read_text()
    broken = source.replace('print(f"Cost after iteration {i}: {cost:f}")',
                            'print(f"Cost after iteration {i}: {costt:f}")')
    assert broken != source
    (tmp_path / "broken.py").write_text(broken)
    result = grade(tmp_path / "broken.py", "week3").functions[NAMES.index("nn_model")]
    assert result.status is Status.ERROR
    assert result.checks[0].message == "raised NameError: name 'costt' is not defined"
    assert "print_cost = True" in (result.checks[0].case or "")


def test_what_the_print_cost_branch_prints_is_not_kept(grade: GradeFn, tmp_path: Path) -> None:
    result = grade(SOLUTIONS / "week3", "week3").functions[NAMES.index("nn_model")]
    assert result.status is Status.PASS and "Cost after iteration" not in result.output
    case = next(c for c in PART.function("nn_model").cases(np.random.default_rng(0), None)
                if c.exercise)
    assert case.exercise == {"print_cost": True} and case.kwargs["print_cost"] is False


# --- the course's published values ---------------------------------------------------------


def _close(actual: Any, expected: Any) -> None:
    np.testing.assert_allclose(np.asarray(actual, dtype=float), np.asarray(expected, dtype=float),
                               rtol=1e-6, atol=1e-8)


@pytest.fixture(scope="module")
def ref(references: References) -> Any:
    return references.module("week3", PART)


def _course(ref: Any, name: str, label: str = "course example") -> Any:
    case = next(c for c in PART.function(name).cases(np.random.default_rng(0), ref)
                if c.label.startswith(label))
    if case.seed is not None:
        np.random.seed(case.seed)
    return getattr(ref, name)(*case.args, **case.kwargs)


def test_sizes_and_initialisation(ref: Any) -> None:
    assert _course(ref, "layer_sizes", "course example (5") == (5, 4, 2)
    assert _course(ref, "layer_sizes", "course example (7") == (7, 4, 5)
    parameters = _course(ref, "initialize_parameters", "course example (2, 4, 1)")
    _close(parameters["W1"], [[-0.00416758, -0.00056267], [-0.02136196, 0.01640271],
                              [-0.01793436, -0.00841747], [0.00502881, -0.01245288]])
    _close(parameters["W2"], [[-0.01057952, -0.00909008, 0.00551454, 0.02292208]])
    parameters = _course(ref, "initialize_parameters", "course example (3, 5, 2)")
    _close(parameters["W1"][0], [-0.00416758, -0.00056267, -0.02136196])
    _close(parameters["W2"][1, :2], [-8.78107893e-03, -1.56434170e-03])
    assert parameters["b2"].shape == (2, 1)


def test_forward_pass_and_cost(ref: Any) -> None:
    A2, cache = _course(ref, "forward_propagation")
    _close(A2, [[0.21292656, 0.21274673, 0.21295976]])
    _close(cache["Z2"], [[-1.30737426, -1.30844761, -1.30717618]])
    _close(cache["A1"][0], [0.9400694, 0.94101876, 0.94118266])
    cost = _course(ref, "compute_cost", "course example (notebook)")
    assert cost == pytest.approx(0.6930587610394646, rel=1e-12) and type(cost) is float
    assert _course(ref, "compute_cost", "course example (public test)") == pytest.approx(
        0.5447066599017815, rel=1e-12)


def test_backward_pass_and_update(ref: Any) -> None:
    grads = _course(ref, "backward_propagation")
    _close(grads["dW1"], [[0.00301023, -0.00747267], [0.00257968, -0.00641288],
                          [-0.00156892, 0.003893], [-0.00652037, 0.01618243]])
    _close(grads["db1"], [[0.00176201], [0.00150995], [-0.00091736], [-0.00381422]])
    _close(grads["dW2"], [[0.00078841, 0.01765429, -0.00084166, -0.01022527]])
    _close(grads["db2"], [[-0.16655712]])
    grads = _course(ref, "backward_propagation", "course example (public test")
    _close(grads["db2"], [[-0.78032466]])
    _close(grads["dW1"][0], [-0.24468458, -0.24371232, 0.15959609])
    parameters = _course(ref, "update_parameters")
    _close(parameters["W1"], [[-0.00643025, 0.01936718], [-0.02410458, 0.03978052],
                              [-0.01653973, -0.02096177], [0.01046864, -0.05990141]])
    _close(parameters["b1"], [[-1.02420756e-06], [1.27373948e-05], [8.32996807e-07],
                              [-3.20136836e-06]])
    _close(parameters["W2"], [[-0.01041081, -0.04463285, 0.01758031, 0.04747113]])
    _close(parameters["b2"], [[0.00010457]])


def test_training_and_predictions(ref: Any) -> None:
    X, Y, n_h = next(c for c in PART.function("nn_model").cases(np.random.default_rng(0), ref)
                     if c.label.startswith("course example")).args
    parameters = ref.nn_model(X, Y, n_h, num_iterations=10000)  # the course's own run
    _close(parameters["W1"], [[0.56305445, -1.03925886], [0.7345426, -1.36286875],
                              [-0.72533346, 1.33753027], [0.74757629, -1.38274074]])
    _close(parameters["b1"], [[-0.22240654], [-0.34662093], [0.33663708], [-0.35296113]])
    _close(parameters["W2"], [[1.82196893, 3.09657075, -2.98193564, 3.19946508]])
    _close(parameters["b2"], [[0.21344644]])
    predictions = _course(ref, "predict")
    assert predictions.dtype == bool and predictions.tolist() == [[True, False, True]]
