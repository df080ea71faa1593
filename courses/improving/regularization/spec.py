"""Course 2, week 1, assignment 2: L2 regularisation and dropout.

The network is the course's LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID. Each
function gets the course's published example first (its public tests draw everything after
`np.random.seed(1)`: X (3, 5), W1 (2, 3) ... b3 (1, 1), Y = [[1, 1, 0, 1, 0]]), then cases
drawn from the grading RNG with other layer sizes, one example (m = 1), no penalty (lambd = 0),
a strong penalty, and other keep probabilities (1.0 keeps every unit). Backward cases are built
from a real forward pass, so that their gradients can be checked numerically.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np

from grader.spec import Case, GradedFunction, GradientCheck, Mistake, Part, Week, seeded

from . import gradients

Rng = np.random.Generator
Params = dict[str, np.ndarray]


def _course(with_X: bool = True) -> tuple[np.ndarray, Params]:
    """The public tests' X (3, 5) and parameters, drawn in this order after seed 1 (the cost's
    test draws no X)."""
    course = seeded(1)
    X = course.randn(3, 5) if with_X else np.zeros((3, 5))
    shapes = (("W1", (2, 3)), ("b1", (2, 1)), ("W2", (3, 2)), ("b2", (3, 1)), ("W3", (1, 3)),
              ("b3", (1, 1)))
    return X, {key: course.randn(*shape) for key, shape in shapes}


def _course_labels() -> np.ndarray:
    return np.array([[1, 1, 0, 1, 0]])


def _network(rng: Rng, sizes: list[int]) -> Params:
    parameters = {}
    for l in range(1, 4):
        parameters[f"W{l}"] = rng.standard_normal((sizes[l], sizes[l - 1])) / np.sqrt(sizes[l - 1])
        parameters[f"b{l}"] = rng.standard_normal((sizes[l], 1)) * 0.1
    return parameters


def _labels(rng: Rng, m: int) -> np.ndarray:
    return (rng.random((1, m)) > 0.5).astype(np.int64)


def _drawn(rng: Rng) -> list[tuple[str, np.ndarray, np.ndarray, Params]]:
    """(label, X, Y, parameters): one example, a wider network, many examples."""
    shapes = (("one example (m = 1)", [int(rng.integers(2, 5)), 4, 3, 1], 1),
              ("a wider network", [int(rng.integers(2, 4)), int(rng.integers(6, 10)),
                                   int(rng.integers(3, 6)), 1], int(rng.integers(4, 8))),
              ("many examples", [2, 5, 3, 1], int(rng.integers(12, 20))))
    return [(label, rng.standard_normal((sizes[0], m)), _labels(rng, m), _network(rng, sizes))
            for label, sizes, m in shapes]


def cost_cases(rng: Rng, ref: ModuleType) -> list[Case]:
    _, parameters = _course(with_X=False)
    A3 = np.array([[0.40682402, 0.01629284, 0.16722898, 0.10118111, 0.40682402]])
    cases = [Case("course example, lambd = 0.1", (A3, _course_labels(), parameters, 0.1))]
    for (label, X, Y, params), lambd in zip(_drawn(rng), (0.7, 0.0, 2.5)):
        A3 = rng.uniform(0.05, 0.95, Y.shape)
        cases.append(Case(f"{label}, lambd = {lambd}", (A3, Y, params, lambd)))
    return cases


def backward_regularization_cases(rng: Rng, ref: ModuleType) -> list[Case]:
    X, parameters = _course()
    cases = [Case("course example, lambd = 0.7",
                  (X, _course_labels(), ref.forward_propagation(X, parameters)[1], 0.7))]
    for (label, X, Y, params), lambd in zip(_drawn(rng), (0.1, 0.0, 1.5)):
        cache = ref.forward_propagation(X, params)[1]
        cases.append(Case(f"{label}, lambd = {lambd}", (X, Y, cache, lambd), gradient=True))
    return cases


def forward_dropout_cases(rng: Rng, ref: ModuleType) -> list[Case]:
    X, parameters = _course()
    cases = [Case("course example, keep_prob = 0.7", (X, parameters, 0.7))]
    for (label, X, _, params), keep_prob in zip(_drawn(rng), (0.86, 1.0, 0.5)):
        cases.append(Case(f"{label}, keep_prob = {keep_prob}", (X, params, keep_prob)))
    return cases


def backward_dropout_cases(rng: Rng, ref: ModuleType) -> list[Case]:
    """The course's public test builds its cache with keep_prob 0.5 and calls the backward pass
    with 0.8; the drawn cases use one keep_prob for both."""
    X, parameters = _course()
    cache = ref.forward_propagation_with_dropout(X, parameters, 0.5)[1]
    cases = [Case("course example, keep_prob = 0.8", (X, _course_labels(), cache, 0.8))]
    for (label, X, Y, params), keep_prob in zip(_drawn(rng), (0.7, 0.86, 0.5)):
        cache = ref.forward_propagation_with_dropout(X, params, keep_prob)[1]
        cases.append(Case(f"{label}, keep_prob = {keep_prob}", (X, Y, cache, keep_prob),
                          gradient=True))
    return cases


def _grads(output: Any) -> dict[str, Any]:
    return dict(output)


M_TIMES = "the penalty's gradient is m times too large: (lambd / m) * W, not lambd * W."

PART = Part(
    name="regularization",
    title="Regularization: L2 and dropout",
    reference="regularization",
    modules=("reg_utils", "testCases", "public_tests", "test_utils"),
    ships=("reg_utils",),
    functions=(
        GradedFunction(
            "compute_cost_with_regularization", 10, cost_cases, output="cost",
            mistakes=(
                Mistake("not_divided_by_m", "the L2 term is m times too large: it is "
                                            "(1/m) * (lambd/2) * the sum of the squares."),
                Mistake("no_half", "the L2 term is twice too large: multiply the sum of the "
                                   "squares by lambd / (2 * m)."),
                Mistake("norm_not_squared", "np.linalg.norm(W) is the square root of the sum of "
                                            "the squares: use np.sum(np.square(W))."),
                Mistake("without_W3", "every layer's weights are penalised: W1, W2 and W3."),
            ),
        ),
        GradedFunction(
            "backward_propagation_with_regularization", 10, backward_regularization_cases,
            output="gradients",
            gradient=GradientCheck(gradients.backward_propagation_with_regularization, _grads,
                                   ("compute_cost_with_regularization",)),
            mistakes=(
                Mistake("no_penalty", "dW1, dW2 and dW3 each need the gradient of the L2 term "
                                      "added: + (lambd / m) * W."),
                Mistake("half_penalty", "the gradient of (lambd / 2m) * W² is (lambd / m) * W: "
                                        "the 1/2 goes away."),
                Mistake("not_divided_by_m", M_TIMES),
            ),
        ),
        GradedFunction(
            "forward_propagation_with_dropout", 20, forward_dropout_cases,
            outputs=("A3", "cache"), draws=True,
            mistakes=(
                Mistake("normal_mask", "the mask comes from np.random.randn (normal); use "
                                       "np.random.rand, uniform on [0, 1), then compare with "
                                       "keep_prob."),
                Mistake("not_scaled", "the kept activations must be divided by keep_prob "
                                      "(inverted dropout), so that their expected value does "
                                      "not change."),
                Mistake("keep_above", "a unit is kept where the random number is below "
                                      "keep_prob: D1 = (D1 < keep_prob); '> 1 - keep_prob' keeps "
                                      "as many units, but not the expected ones."),
                Mistake("one_mask_per_unit", "the mask has the shape of A1, one number per unit "
                                             "and example: np.random.rand(A1.shape[0], "
                                             "A1.shape[1])."),
            ),
        ),
        GradedFunction(
            "backward_propagation_with_dropout", 10, backward_dropout_cases, output="gradients",
            gradient=GradientCheck(gradients.backward_propagation_with_dropout, _grads,
                                   ("forward_propagation_with_dropout",)),
            mistakes=(
                Mistake("not_scaled", "after masking, divide dA2 and dA1 by keep_prob, as the "
                                      "forward pass divided A2 and A1."),
                Mistake("times_keep_prob", "dA2 and dA1 are divided by keep_prob, not multiplied "
                                           "by it."),
                Mistake("second_layer_only", "dA1 needs the mask D1 and the division by "
                                             "keep_prob too, not only dA2."),
            ),
        ),
    ),
)

ASSIGNMENT = Week("regularization", "Improving deep networks: regularization", (PART,))
