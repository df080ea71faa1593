"""The generic diagnosis: each relation on hand-written cases, and where it must stay silent.

Outputs here are made by hand (no sandbox): the learner's values are the expected ones
changed in a known way. Without references (`Stored`, as in a learners' bundle) only the
relations on the outputs themselves are available; with them (`references`), the search of
the reference's computation too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pytest

from grader.answers import Expected
from grader.diagnosis import Hint, explain
from grader.engine import case_rng
from grader.references import References
from grader.sandbox import CallOutcome, ChildError
from grader.spec import Case, GradedFunction
from grader.verdict import Record
from grader.courses.registry import get_week


class Stored:
    """Answers without the references, as a learners' bundle has them."""

    live = False

    def __init__(self, parameters: Sequence[str]) -> None:
        self.parameters = list(parameters)

    def internals(self) -> None:
        return None


def function(output: str = "output", outputs: tuple[str, ...] = (), draws: bool = False,
             backward: bool = False) -> GradedFunction:
    gradient: Any = object() if backward else None
    return GradedFunction("f", 10, lambda rng, ref: [], output=output, outputs=outputs,
                          draws=draws, gradient=gradient)


def said(spec: GradedFunction, cases: Sequence[Case], yours: Sequence[Any],
         expected: Sequence[Any], parameters: Sequence[str]) -> Hint | None:
    records = [Record(case, CallOutcome(value=y), Expected(e), spec)
               for case, y, e in zip(cases, yours, expected)]
    return explain(spec, records, Stored(parameters))  # type: ignore[arg-type]


def draws(count: int = 3, seed: int = 0) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    return [rng.standard_normal((3, m)) for m in (4, 1, 6)[:count]]


def cases_of(*args_per_case: tuple[Any, ...]) -> list[Case]:
    return [Case(f"case {i}", args) for i, args in enumerate(args_per_case)]


# --- scalar -------------------------------------------------------------------------------


def test_a_ratio_named_by_the_quantity_it_matches_on_every_case() -> None:
    A = draws()
    expected = [a @ a.T / a.shape[1] for a in A]
    yours = [a @ a.T for a in A]  # a forgotten / m: m = A.shape[1] is 4, 1 and 6
    hint = said(function("dW"), cases_of(*[(a,) for a in A]), yours, expected, ["A"])
    assert hint is not None
    assert "dW is exactly A.shape[1] times the expected on every case" in hint.text
    assert "(A.shape[1] = 4, 1 and 6)" in hint.text
    assert "is a division by A.shape[1] missing?" in hint.text
    assert hint.basis == ("scalar.scale:A.shape[1]@dW",)


def test_a_near_miss_ratio_is_not_claimed() -> None:
    A = draws()
    expected = [a @ a.T / a.shape[1] for a in A]
    yours = [4.01 * e for e in expected]  # close to 4, not 4: no relation holds exactly
    hint = said(function("dW"), cases_of(*[(a,) for a in A]), yours, expected, ["A"])
    assert hint is None


def test_a_ratio_that_holds_on_one_case_only_is_not_claimed() -> None:
    A = draws()
    expected = [a * 2.0 for a in A]
    yours = [100 * expected[0], 3 * expected[1], -7 * expected[2]]  # a coincidence on case 0
    hint = said(function("Z"), cases_of(*[(a,) for a in A]), yours, expected, ["A"])
    assert hint is None


def test_a_sign_and_a_round_constant() -> None:
    A = draws()
    expected = [np.tanh(a) for a in A]
    flipped = said(function("A"), cases_of(*[(a,) for a in A]), [-e for e in expected],
                   expected, ["Z"])
    assert flipped is not None and flipped.text == (
        "A is exactly -1 times the expected on every case: is a sign flipped?")
    scaled = said(function("W"), cases_of(*[(a,) for a in A]), [100 * e for e in expected],
                  expected, ["Z"])
    assert scaled is not None and "exactly 100 times the expected" in scaled.text
    assert "is a factor 0.01 missing?" in scaled.text


def test_an_offset_named_by_the_input_it_matches() -> None:
    rng = np.random.default_rng(1)
    cases, yours, expected = [], [], []
    for m in (2, 1, 5):
        A, W, b = rng.standard_normal((3, m)), rng.standard_normal((2, 3)), \
            rng.standard_normal((2, 1))
        cases.append(Case(f"m = {m}", (A, W, b)))
        expected.append(W @ A + b)
        yours.append(W @ A)  # + b forgotten
    hint = said(function("Z"), cases, yours, expected, ["A", "W", "b"])
    assert hint is not None
    assert hint.text == "Z is exactly the expected minus b on every case: is b missing?"


def test_an_update_that_climbs_or_misses_its_learning_rate() -> None:
    rng = np.random.default_rng(2)
    cases, starts = [], []
    for rate in (0.1, 0.5, 0.03):
        W, dW = rng.standard_normal((2, 3)), rng.standard_normal((2, 3))
        cases.append(Case(f"rate {rate}", ({"W1": W}, {"dW1": dW}, rate)))
        starts.append((W, dW, rate))
    expected = [{"W1": W - rate * dW} for W, dW, rate in starts]
    spec = function("parameters")
    names = ["params", "grads", "learning_rate"]
    climbs = said(spec, cases, [{"W1": W + rate * dW} for W, dW, rate in starts], expected,
                  names)
    assert climbs is not None
    assert climbs.text.startswith("parameters['W1'] is moved from the input by exactly -1 "
                                  "times the expected step on every case")
    assert "does the update go up the gradient" in climbs.text
    no_rate = said(spec, cases, [{"W1": W - dW} for W, dW, _ in starts], expected, names)
    assert no_rate is not None and "divided by learning_rate" in no_rate.text
    assert "is learning_rate missing from the step?" in no_rate.text
    fixed = said(spec, cases, [{"W1": W - 1.2 * dW} for W, dW, _ in starts], expected, names)
    assert fixed is not None and "as if learning_rate were 1.2" in fixed.text


# --- structure ----------------------------------------------------------------------------


def test_a_transpose_and_a_row_for_a_column() -> None:
    rng = np.random.default_rng(3)
    expected = [rng.standard_normal((3, n)) for n in (2, 4, 5)]
    cases = cases_of(*[(e,) for e in expected])
    hint = said(function("dW"), cases, [e.T for e in expected], expected, ["X"])
    assert hint is not None and "dW is exactly the transpose of the expected" in hint.text
    columns = [rng.standard_normal((n, 1)) for n in (2, 4, 5)]
    row = said(function("w"), cases, [c.T for c in columns], columns, ["X"])
    assert row is not None
    assert row.text.startswith("w is a row where a column is expected, with the right values")


def test_outputs_swapped_and_an_output_equal_to_an_input() -> None:
    rng = np.random.default_rng(4)
    cases, expected = [], []
    for n in (2, 3, 6):
        dZ, A = rng.standard_normal((n, 3)), rng.standard_normal((3, 3))
        cases.append(Case(f"n = {n}", (dZ, A)))
        expected.append((dZ @ A, dZ @ A.T))
    spec = function(outputs=("dA_prev", "dW"))
    swapped = said(spec, cases, [(dW, dA) for dA, dW in expected], expected, ["dZ", "A"])
    assert swapped is not None
    assert "dA_prev is exactly the expected dW on every case" in swapped.text
    assert "dW is exactly the expected dA_prev on every case" in swapped.text
    unchanged = said(spec, cases, [(dA, case.args[0]) for (dA, _), case in
                                   zip(expected, cases)], expected, ["dZ", "A"])
    assert unchanged is not None and "dW is exactly the input dZ on every case" in unchanged.text


def test_layer_numbers_shifted_in_a_dictionary() -> None:
    rng = np.random.default_rng(5)
    expected = [{f"W{l}": rng.standard_normal((2, 2)) for l in range(1, layers + 1)}
                for layers in (2, 3, 2)]
    yours = [{f"W{int(k[1:]) - 1}": v for k, v in e.items()} for e in expected]
    hint = said(function("parameters"), cases_of((1,), (2,), (3,)), yours, expected, ["n"])
    assert hint is not None
    assert "your parameters['W0'] holds what parameters['W1'] should" in hint.text
    assert "are the layer numbers off by one?" in hint.text
    assert hint.basis == ("structure.shift:-1@parameters",)


def test_a_layer_missing_at_either_end() -> None:
    rng = np.random.default_rng(14)
    expected = [{f"{p}{l}": rng.standard_normal((2, 1)) for l in range(1, layers + 1)
                 for p in ("W", "b")} for layers in (2, 3, 4)]
    cases = cases_of((1,), (2,), (3,))
    last = [{k: v for k, v in e.items() if int(k[1:]) < len(e) // 2} for e in expected]
    hint = said(function("parameters"), cases, last, expected, ["n"])
    assert hint is not None and hint.text.startswith(
        "parameters is right except that the last layer's values are missing, on every case")
    first = [{k: v for k, v in e.items() if k[1:] != "1"} for e in expected]
    hint = said(function("parameters"), cases, first, expected, ["n"])
    assert hint is not None and "the first layer's values are missing" in hint.text
    wrong = [{**f, "W2": f["W2"] + 1} for f in first]  # and another value wrong: no claim
    assert said(function("parameters"), cases, wrong, expected, ["n"]) is None


def test_a_list_missing_its_last_entry() -> None:
    rng = np.random.default_rng(6)
    expected = [(rng.standard_normal((1, 3)), [rng.standard_normal(2) for _ in range(n)])
                for n in (3, 2, 4)]
    yours = [(AL, caches[:-1]) for AL, caches in expected]
    hint = said(function(outputs=("AL", "caches")), cases_of((1,), (2,), (3,)), yours,
                expected, ["X"])
    assert hint is not None
    assert hint.text.startswith("caches is right except that its last entry is missing")


def test_values_in_another_order_are_not_explained_by_a_shape() -> None:
    rng = np.random.default_rng(7)
    expected = [rng.standard_normal((3, 4)) for _ in range(3)]
    yours = [rng.permutation(e.ravel()).reshape(4, 3) for e in expected]
    assert said(function("W"), cases_of((1,), (2,), (3,)), yours, expected, ["n"]) is None


# --- computation --------------------------------------------------------------------------


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-z))


def test_the_other_activation_of_an_input() -> None:
    Z = draws(seed=8)
    hint = said(function("A"), cases_of(*[(z,) for z in Z]), [np.maximum(0, z) for z in Z],
                [sigmoid(z) for z in Z], ["Z"])
    assert hint is not None
    assert hint.text == ("A is exactly relu(Z) on every case, where sigmoid(Z) is expected: "
                         "the other activation?")
    assert hint.basis == ("computation.activation:relu|sigmoid@A",)


def test_a_lost_axis_a_constant_and_a_distribution() -> None:
    rng = np.random.default_rng(9)
    columns = [rng.standard_normal((n, 1)) for n in (3, 1, 4)]
    cases = cases_of((1,), (2,), (3,))
    rank1 = said(function("db"), cases, [c.ravel() for c in columns], columns, ["n"])
    assert rank1 is not None and "as a rank-1 array" in rank1.text
    assert "is keepdims=True missing" in rank1.text
    weights = [rng.standard_normal((3, 4)) * 0.01 for _ in range(3)]
    zeros = said(function("W"), cases, [np.zeros((3, 4))] * 3, weights, ["n"])
    assert zeros is not None and zeros.text.startswith("W is all zeros on every case")
    uniform = said(function("W", draws=True), cases,
                   [rng.random((3, 4)) * 0.01 for _ in range(3)], weights, ["n"])
    assert uniform is not None and "np.random.rand" in uniform.text


def test_a_nan_is_told_but_explains_nothing() -> None:
    A = draws(seed=10)
    expected = [float(np.sum(a ** 2)) for a in A]
    hint = said(function("cost"), cases_of(*[(a,) for a in A]), [float("nan")] * 3, expected,
                ["A"])
    assert hint is not None and hint.text.startswith("cost is nan (not a number) on every case")


# --- backward -----------------------------------------------------------------------------


def test_which_gradients_are_wrong_when_nothing_explains_them() -> None:
    rng = np.random.default_rng(11)
    expected = [{"dW1": rng.standard_normal((2, 2)), "db1": rng.standard_normal((2, 1)),
                 "dW2": rng.standard_normal((1, 2)), "db2": rng.standard_normal((1, 1))}
                for _ in range(3)]
    yours = [{**e, "dW1": rng.standard_normal((2, 2)), "db1": rng.standard_normal((2, 1))}
             for e in expected]
    hint = said(function("grads", backward=True), cases_of((1,), (2,), (3,)), yours,
                expected, ["n"])
    assert hint is not None
    assert hint.text == ("grads['dW1'] and grads['db1'] are the only ones that differ (layer "
                         "1); grads['dW2'] and grads['db2'] are right on every case: is the "
                         "mistake in the step of layer 1?")


def test_a_gradient_equal_to_another_layers() -> None:
    rng = np.random.default_rng(12)
    expected = [{"dW1": rng.standard_normal((2, 2)), "dW2": rng.standard_normal((2, 2))}
                for _ in range(3)]
    yours = [{"dW1": e["dW2"], "dW2": e["dW2"]} for e in expected]
    hint = said(function("grads", backward=True), cases_of((1,), (2,), (3,)), yours,
                expected, ["n"])
    assert hint is not None
    assert hint.text.startswith("grads['dW1'] is exactly the expected grads['dW2'] on every "
                                "case")


def test_the_same_outputs_give_the_same_hint() -> None:
    A = draws(seed=13)
    first = said(function("dW"), cases_of(*[(a,) for a in A]), [3 * a for a in A], A, ["A"])
    second = said(function("dW"), cases_of(*[(a,) for a in A]), [3 * a for a in A], A, ["A"])
    assert first is not None and first == second


# --- with the references: their intermediate values, and the search -----------------------


def live(references: References, week: str, name: str, wrong: Callable[..., Any]
         ) -> Hint | None:
    """The hint for `wrong`, a learner's version of `name`, run here on the public cases."""
    spec = get_week(week)
    part = next(p for p in spec.parts if name in {f.name for f in p.functions})
    graded = part.function(name)
    answers = references.answers(week, part, graded)
    cases = answers.cases(case_rng(week, name))
    records = []
    for index, case in enumerate(cases):
        try:
            outcome = CallOutcome(value=wrong(*case.args, **case.kwargs))
        except Exception as error:  # noqa: BLE001 - the learner's code raising is an outcome
            outcome = CallOutcome(error=ChildError(type(error).__name__, str(error), ()))
        records.append(Record(case, outcome, answers.expected(index, case), graded))
    return explain(graded, records, answers)


def test_a_ratio_named_by_the_references_own_m(references: References) -> None:
    def linear_backward(dZ: np.ndarray, cache: Any) -> Any:
        A_prev, W, _ = cache
        return W.T @ dZ, dZ @ A_prev.T, np.sum(dZ, axis=1, keepdims=True) / A_prev.shape[1]

    hint = live(references, "week4", "linear_backward", linear_backward)
    assert hint is not None
    assert hint.text.startswith("dW is exactly m times the expected on every case (m = ")
    assert hint.text.endswith("is a division by m missing?")


def test_an_intermediate_in_place_of_another(references: References) -> None:
    def linear_activation_backward(dA: np.ndarray, cache: Any, act: str) -> Any:
        (A_prev, W, _), _ = cache  # the activation's backward step is skipped
        m = A_prev.shape[1]
        return W.T @ dA, dA @ A_prev.T / m, np.sum(dA, axis=1, keepdims=True) / m

    hint = live(references, "week4", "linear_activation_backward", linear_activation_backward)
    assert hint is not None
    assert "exactly what you get with dA where dZ belongs, on every case" in hint.text
    assert hint.basis[0].startswith("structure.replaced:dA@")


def test_a_reduction_over_the_wrong_axis(references: References) -> None:
    def linear_backward(dZ: np.ndarray, cache: Any) -> Any:
        A_prev, W, _ = cache
        m = A_prev.shape[1]
        return W.T @ dZ, dZ @ A_prev.T / m, np.sum(dZ, axis=0, keepdims=True) / m

    hint = live(references, "week4", "linear_backward", linear_backward)
    assert hint is not None
    assert hint.text == ("db is exactly what you get with np.sum(dZ, axis=1, keepdims=True) "
                         "over axis 0, on every case: a reduction over the wrong axis?")


def test_the_other_activation_inside_a_loop(references: References) -> None:
    reference = references.module("week4", get_week("week4").parts[0])

    def L_model_forward(X: np.ndarray, parameters: dict[str, np.ndarray]) -> Any:
        caches, A, L = [], X, len(parameters) // 2
        for l in range(1, L):
            A, cache = reference.linear_activation_forward(
                A, parameters[f"W{l}"], parameters[f"b{l}"], "sigmoid")
            caches.append(cache)
        AL, cache = reference.linear_activation_forward(
            A, parameters[f"W{L}"], parameters[f"b{L}"], "sigmoid")
        return AL, [*caches, cache]

    hint = live(references, "week4", "L_model_forward", L_model_forward)
    assert hint is not None
    assert "'sigmoid' in place of 'relu' in linear_activation_forward(..., 'relu')" in hint.text


def test_an_exception_explained_by_its_message(references: References) -> None:
    def linear_forward(A: np.ndarray, W: np.ndarray, b: np.ndarray) -> Any:
        return np.dot(A, W) + b, (A, W, b)  # raises: the factors in the wrong order

    hint = live(references, "week4", "linear_forward", linear_forward)
    assert hint is not None
    assert hint.text == ("the ValueError your code raises is exactly what you get with "
                         "np.dot(A, W) in place of np.dot(W, A), on every case: are the "
                         "factors of the product in the wrong order?")


def test_a_message_that_names_nothing_explains_nothing(references: References) -> None:
    def linear_forward(A: np.ndarray, W: np.ndarray, b: np.ndarray) -> Any:
        raise IndexError("list index out of range")

    assert live(references, "week4", "linear_forward", linear_forward) is None


def test_the_search_stops_within_its_budget(references: References) -> None:
    from grader.diagnosis import _trials, search

    week = get_week("week4")
    part = week.parts[0]
    graded = part.function("linear_backward")
    answers = references.answers("week4", part, graded)
    cases = answers.cases(case_rng("week4", graded.name))
    records = []
    for i, case in enumerate(cases):
        dA_prev, dW, db = answers.expected(i, case).value
        records.append(Record(case, CallOutcome(value=(dA_prev, dW, 2 * db)),
                              answers.expected(i, case), graded))
    reference = answers.internals()
    assert reference is not None
    trials = _trials(records, answers.parameters, reference)
    assert trials is not None
    assert search(reference, trials, graded, budget=50) == []
    assert search(reference, trials, graded) != []


def test_ties_of_different_kinds_say_nothing() -> None:
    from grader.diagnosis import Found, _chosen
    from grader.diagnosis.context import Change
    from grader.diagnosis.instrument import Site, SiteKind

    def found(number: int, kind: str) -> Found:
        return Found(Site(number, SiteKind.NAME, f"x{number}", 1),
                     Change("scalar", kind, (), 10, lambda v, t, c: v, f"x{number} changed"))

    def sites(chosen: list[Found]) -> list[int]:
        return [one.site.number for one in chosen]

    assert _chosen([found(0, "sign"), found(1, "transpose")], {}) == []  # which is it?
    assert sites(_chosen([found(0, "sign"), found(1, "sign")], {})) == [0, 1]  # two places
    assert _chosen([found(0, "sign"), found(1, "sign"), found(2, "sign")], {}) == []
    assert sites(_chosen([found(0, "sign"), found(1, "sign")], {0: 1})) == [1]  # 1 holds 0


@pytest.mark.parametrize("name", ["linear_forward", "compute_cost", "update_parameters"])
def test_right_outputs_get_no_hint(references: References, name: str) -> None:
    reference = references.module("week4", get_week("week4").parts[0])
    assert live(references, "week4", name, getattr(reference, name)) is None


# --- from a cases file (a learners' bundle): the outputs alone ------------------------------


def test_without_the_references_the_outputs_alone_speak(tmp_path: Any,
                                                        references: References) -> None:
    import dataclasses

    from grader.casebook import CaseBooks, write

    week = get_week("week4")
    part = dataclasses.replace(week.parts[0], functions=(
        week.parts[0].function("linear_backward"),))
    alone = dataclasses.replace(week, parts=(part,))
    write(alone, references, tmp_path / "week4.h5", case_rng)
    stored = CaseBooks(tmp_path).answers("week4", part, part.functions[0])
    graded = part.functions[0]

    def hint(wrong: Callable[..., Any]) -> Hint | None:
        cases = stored.cases(case_rng("week4", graded.name))
        records = [Record(case, CallOutcome(value=wrong(*case.args)), stored.expected(i, case),
                          graded) for i, case in enumerate(cases)]
        return explain(graded, records, stored)

    def no_m(dZ: np.ndarray, cache: Any) -> Any:
        A_prev, W, _ = cache
        return W.T @ dZ, dZ @ A_prev.T, np.sum(dZ, axis=1, keepdims=True)

    def axis_0(dZ: np.ndarray, cache: Any) -> Any:
        A_prev, W, _ = cache
        m = A_prev.shape[1]
        return W.T @ dZ, dZ @ A_prev.T / m, np.sum(dZ, axis=0, keepdims=True) / m

    first, again = hint(no_m), hint(no_m)
    assert first is not None and first == again  # the same outputs, the same hint
    assert first.text.startswith("dW and db are exactly dZ.shape[1] times the expected")
    located = hint(axis_0)  # the axis needs the reference's computation: only where it is
    assert located is not None and located.text == (
        "db is the only one that differs; dA_prev and dW are right on every case")
    named = live(references, "week4", "linear_backward", axis_0)
    assert named is not None and "over axis 0" in named.text



def test_an_empty_result_tells_no_change_apart() -> None:
    # many changes give {} (a loop that never runs, whatever stops it): the search is not
    # run on it, so that no one change is named for it; a result with other keys still tells
    from grader.diagnosis.evidence import Trial
    from grader.diagnosis.search import telling
    from grader.spec import Tolerance

    expected = {"W1": np.ones((2, 3)), "b1": np.zeros((2, 1))}
    case = Case("case", ((3, 2),))

    def trial(yours: Any) -> Trial:
        return Trial(0, case, yours, None, expected, ())

    assert not telling(trial({}), Tolerance())
    assert not telling(trial([]), Tolerance())
    assert telling(trial({"W1": np.ones((2, 3))}), Tolerance())
