"""Week 2, part 2: logistic regression as a neural network.

The course's examples come first (the notebook's and the public tests' inputs), then cases
drawn from the grading RNG: one example (m = 1), one feature, more features. The training
functions run on small data for few iterations, with learning rates and iteration counts that
differ from the defaults and from each other, so that a hard-coded value shows.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np

from grader.spec import Case, GradedFunction, GradientCheck, Mistake, Part, seeded
from grader.variants import Template, Variant

from ..releases import CURRENT, older
from . import gradients
from .numpy_basics import sigmoid_mistakes

Rng = np.random.Generator

NOTEBOOK_W = np.array([[1.0], [2.0]])
NOTEBOOK_X = np.array([[1.0, -2.0, -1.0], [3.0, 0.5, -3.2]])
NOTEBOOK_Y = np.array([[1, 1, 0]])


def _size(rng: Rng, low: int = 2, high: int = 7) -> int:
    return int(rng.integers(low, high))


def _examples(rng: Rng, n_x: int, m: int) -> tuple[np.ndarray, np.ndarray]:
    X = rng.normal(0, 1.5, (n_x, m))
    Y = (rng.random((1, m)) > 0.5).astype(np.int64)
    return X, Y


def _weights(rng: Rng, n_x: int) -> tuple[np.ndarray, float]:
    return rng.normal(0, 0.5, (n_x, 1)), float(np.round(rng.normal(0, 0.5), 3))


def sigmoid_cases(rng: Rng, ref: ModuleType) -> list[Case]:
    return [
        Case("course example [0, 2]", (np.array([0, 2]),)),
        Case("a row of scores", (rng.normal(0, 3, (1, _size(rng, 3))),)),
        Case("a matrix", (rng.normal(0, 3, (_size(rng), _size(rng))),)),
    ]


def initialize_with_zeros_cases(rng: Rng, ref: ModuleType) -> list[Case]:
    return [
        Case("course example (dim = 2)", (2,)),
        Case("one feature (dim = 1)", (1,)),
        Case("more features", (_size(rng, 3, 20),)),
    ]


def propagate_cases(rng: Rng, ref: ModuleType) -> list[Case]:
    cases = [
        Case("course example (notebook)", (NOTEBOOK_W, 1.5, NOTEBOOK_X, NOTEBOOK_Y)),
        Case("course example (public test)",
             (np.array([[1.0], [2.0], [-1.0]]), 2.5,
              np.array([[1.0, 2, -1, 0], [3, 4, -3.2, 1], [3, 4, -3.2, -3.5]]),
              np.array([[1, 1, 0, 0]]))),
    ]
    for label, n_x, m in (("one example (m = 1)", _size(rng, 2, 5), 1),
                          ("one feature", 1, _size(rng, 3, 8)),
                          ("more features", _size(rng, 4, 8), _size(rng, 5, 10))):
        cases.append(Case(label, (*_weights(rng, n_x), *_examples(rng, n_x, m)), gradient=True))
    return cases


def optimize_cases(rng: Rng, ref: ModuleType) -> list[Case]:
    w, b = _weights(rng, 3)
    rate = float(np.round(rng.uniform(0.02, 0.3), 3))
    # (The notebook's own example, 100 iterations at the default rate, would add nothing the
    # public test does not check, and every iteration is a round trip to the sandbox.)
    return [
        Case("course example (public test), 101 iterations, learning rate 0.1",
             (np.array([[1.0], [2.0]]), 2.0, np.array([[1.0, 2, -1], [3, 4, -3.2]]),
              np.array([[1, 0, 1]]), 101, 0.1)),
        Case(f"7 iterations, learning rate {rate}", (w, b, *_examples(rng, 3, 5), 7, rate),
             exercise={"print_cost": True}),
    ]


def predict_cases(rng: Rng, ref: ModuleType) -> list[Case]:
    cases = [
        Case("course example (public test)",
             (np.array([[0.3], [0.5], [-0.2]]), -0.33333,
              np.array([[1, -0.3, 1.5], [2, 0, 1], [0, -1.5, 2]]))),
        Case("course example (notebook)",
             (np.array([[0.1124579], [0.23106775]]), -0.3,
              np.array([[1, -1.1, -3.2], [1.2, 2, 0.1]]))),
    ]
    for label, n_x, m in (("one example (m = 1)", _size(rng, 2, 5), 1),
                          ("many examples", _size(rng, 2, 5), _size(rng, 30, 50))):
        w, b = _weights(rng, n_x)
        cases.append(Case(label, (w, b, rng.normal(0, 1, (n_x, m)))))
    return cases


def model_cases(rng: Rng, ref: ModuleType) -> list[Case]:
    course = seeded(0)
    X, Y = course.randn(4, 7), np.array([[1, 0, 0, 1, 0, 0, 1]])
    X_test, Y_test = course.randn(4, 3), np.array([[0, 1, 0]])
    cases = [Case("course example, 50 iterations, learning rate 0.01",
                  (X, Y, X_test, Y_test, 50, 0.01))]
    for iterations, m_test in ((20, _size(rng, 3, 6)), (10, 1)):
        rate = float(np.round(rng.uniform(0.05, 0.5), 3))
        n_x = _size(rng, 2, 6)
        X, Y = _examples(rng, n_x, _size(rng, 6, 12))
        X_test, Y_test = _examples(rng, n_x, m_test)
        # One case runs the learner's `print_cost` branch (what it prints is not kept): the
        # reference `optimize` it calls prints in a helper child, never into the report.
        cases.append(Case(f"{iterations} iterations, learning rate {rate}, {m_test} test "
                          f"example{'s' if m_test > 1 else ''}",
                          (X, Y, X_test, Y_test, iterations, rate),
                          exercise={"print_cost": True} if iterations == 10 else {}))
    return cases


def _gradients(output: Any) -> dict[str, Any]:
    return dict(output[0])


M_TOO_LARGE = "is m times too large: did you forget to divide by m?"

INITIALIZE_WITH_ZEROS = GradedFunction(
    "initialize_with_zeros", 10, initialize_with_zeros_cases, outputs=("w", "b"),
    strict_types=True,
    mistakes=(
        Mistake("int_bias", "b = 0 is an int: write b = 0.0, a float."),
        Mistake("rank1", "np.zeros(dim) is a rank-1 array: ask for a column, "
                         "np.zeros((dim, 1))."),
        Mistake("row", "w is a row; it must be a column of shape (dim, 1)."),
        Mistake("array_bias", "b is an array: the bias is one number, b = 0.0."),
    ),
)
INT_OR_FLOAT = r"isinstance\(\s*b\s*,\s*float\s*\)\s*or\s*isinstance\(\s*b\s*,\s*int\s*\)"

RELEASES = (
    CURRENT,
    older("v6a", "the v6a release (### START CODE HERE ###; b = 0 is a right bias)", "[1-6]",
          Template("initialize_with_zeros", INT_OR_FLOAT,
                   "initialize_with_zeros asserts isinstance(b, float) or isinstance(b, int)"),
          variants=(Variant(
              "initialize_with_zeros", "its template asserts isinstance(b, float) or "
              "isinstance(b, int): b = 0 is as right as b = 0.0",
              {"strict_types": False, "mistakes": tuple(
                  m for m in INITIALIZE_WITH_ZEROS.mistakes if m.name != "int_bias")}),)),
)

PART = Part(
    name="logistic_regression",
    title="Logistic regression with a neural-network mindset",
    reference="logistic_regression",
    modules=("lr_utils", "public_tests"),
    releases=RELEASES,
    functions=(
        GradedFunction(
            "sigmoid", 10, sigmoid_cases, output="s", mistakes=sigmoid_mistakes("z"),
        ),
        INITIALIZE_WITH_ZEROS,
        GradedFunction(
            "propagate", 10, propagate_cases, outputs=("grads", "cost"), helpers=("sigmoid",),
            gradient=GradientCheck(gradients.propagate, _gradients, ("propagate",)),
            mistakes=(
                Mistake("elementwise_dw", "dw must be a matrix product, np.dot(X, (A - Y).T), "
                                          "not an elementwise one."),
                Mistake("no_divide_by_m", f"dw and db: each {M_TOO_LARGE}"),
                Mistake("cost_sign", "the cost has the wrong sign: cross-entropy starts with a "
                                     "minus, -(1/m) * sum(...)."),
                Mistake("log_transposed", "Y * np.log(A).T multiplies a row by a column, which "
                                          "numpy turns into an m x m matrix: use np.log(A) "
                                          "without .T (both are (1, m))."),
            ),
        ),
        GradedFunction(
            "optimize", 10, optimize_cases, outputs=("params", "grads", "costs"),
            helpers=("propagate",), costs=lambda output: output[2],
            mistakes=(
                Mistake("fixed_learning_rate", "the learning rate is fixed at 0.009: use the "
                                               "learning_rate argument."),
                Mistake("fixed_iterations", "the loop always runs 100 times: use the "
                                            "num_iterations argument."),
                Mistake("gradient_ascent", "the step goes up the gradient: subtract "
                                           "learning_rate * dw (and * db)."),
                Mistake("cost_every_iteration", "the cost is recorded at every iteration: only "
                                                "every 100 (when i % 100 == 0)."),
            ),
        ),
        GradedFunction(
            "predict", 10, predict_cases, output="Y_prediction", helpers=("sigmoid",),
            mistakes=(
                Mistake("no_bias", "the bias is missing: add b to w^T X before the sigmoid."),
                Mistake("probabilities", "those are the probabilities A: turn them into labels, "
                                         "1.0 where A > 0.5 and 0.0 elsewhere."),
                Mistake("threshold_before_sigmoid", "w^T X + b was compared with 0.5: apply the "
                                                    "sigmoid first, then the threshold."),
            ),
        ),
        GradedFunction(
            "model", 10, model_cases, output="d",
            helpers=("initialize_with_zeros", "optimize", "predict"),
            costs=lambda output: output["costs"],
            mistakes=(
                Mistake("defaults_to_optimize", "optimize ran with its default iterations and "
                                                "learning rate: pass num_iterations and "
                                                "learning_rate on to it."),
                Mistake("fixed_hyperparameters", "the model always trains 2000 iterations at "
                                                 "learning rate 0.005: use the arguments."),
                Mistake("predictions_swapped", "the predictions are swapped: "
                                               "Y_prediction_test is for X_test, "
                                               "Y_prediction_train for X_train."),
            ),
        ),
    ),
)
