"""Week 4, part 1: a deep neural network, step by step.

Each function gets the course's published example (the legacy seeds of its public tests) and
cases drawn from the grading RNG that vary the shapes on purpose: a single example (m = 1),
several outputs (n_y > 1), deeper and wider networks. Backward cases are built from a real
forward pass, so that their gradients can be checked numerically.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np

from grader.spec import Case, GradedFunction, GradientCheck, Mistake, Part, seeded
from grader.variants import Imports, LeaveOut, ShiftKeys, Template, Variant

from ..releases import CURRENT, older
from . import gradients

Rng = np.random.Generator


def _dims(rng: Rng, low: int = 1, high: int = 7) -> int:
    return int(rng.integers(low, high))


def _layer(rng: Rng, n: int, n_prev: int) -> tuple[np.ndarray, np.ndarray]:
    return rng.standard_normal((n, n_prev)) / np.sqrt(n_prev), rng.standard_normal((n, 1)) * 0.1


def _network(rng: Rng, dims: list[int]) -> dict[str, np.ndarray]:
    parameters = {}
    for l in range(1, len(dims)):
        parameters[f"W{l}"], parameters[f"b{l}"] = _layer(rng, dims[l], dims[l - 1])
    return parameters


def _labels(rng: Rng, n_y: int, m: int) -> np.ndarray:
    return (rng.random((n_y, m)) > 0.5).astype(np.float64)


# --- initialisation ------------------------------------------------------------------------


def initialize_parameters_cases(rng: Rng, ref: ModuleType) -> list[Case]:
    return [
        Case("course example (3, 2, 1)", (3, 2, 1)),
        Case("a single unit everywhere (1, 1, 1)", (1, 1, 1)),
        Case("several outputs", (_dims(rng, 2), _dims(rng, 2), _dims(rng, 2, 5))),
        Case("wider layers", (_dims(rng, 6, 12), _dims(rng, 5, 9), 1)),
    ]


def initialize_parameters_deep_cases(rng: Rng, ref: ModuleType) -> list[Case]:
    deep = [_dims(rng, 2, 9) for _ in range(int(rng.integers(5, 7)))]
    return [
        Case("course example [5, 4, 3]", ([5, 4, 3],)),
        Case("one layer", ([_dims(rng, 2), 1],)),
        Case(f"a deeper network {deep}", (deep,)),
        Case("wide input", ([_dims(rng, 20, 40), _dims(rng, 3), 1],)),
    ]


# --- forward ---------------------------------------------------------------------------------


def linear_forward_cases(rng: Rng, ref: ModuleType) -> list[Case]:
    course = seeded(1)
    A, W, b = course.randn(3, 2), course.randn(1, 3), course.randn(1, 1)
    cases = [Case("course example", (A, W, b))]
    for label, m, n in (("one example (m = 1)", 1, _dims(rng, 2)),
                        ("several units", _dims(rng, 2), _dims(rng, 3))):
        n_prev = _dims(rng, 2)
        W, b = _layer(rng, n, n_prev)
        cases.append(Case(label, (rng.standard_normal((n_prev, m)), W, b)))
    return cases


def linear_activation_forward_cases(rng: Rng, ref: ModuleType) -> list[Case]:
    course = seeded(2)
    A, W, b = course.randn(3, 2), course.randn(1, 3), course.randn(1, 1)
    cases = [Case(f"course example, {act}", (A, W, b, act)) for act in ("sigmoid", "relu")]
    for act in ("sigmoid", "relu"):
        n_prev, n, m = _dims(rng, 2), _dims(rng, 2), _dims(rng)
        W, b = _layer(rng, n, n_prev)
        cases.append(Case(f"{act}, {n} units, m = {m}", (rng.standard_normal((n_prev, m)), W, b,
                                                         act)))
    return cases


def L_model_forward_cases(rng: Rng, ref: ModuleType) -> list[Case]:
    course = seeded(6)
    X = course.randn(5, 4)
    parameters = {}
    for l, (n, n_prev) in enumerate(((4, 5), (3, 4), (1, 3)), start=1):
        parameters[f"W{l}"], parameters[f"b{l}"] = course.randn(n, n_prev), course.randn(n, 1)
    cases = [Case("course example (3 layers)", (X, parameters))]
    shapes = (("two layers, m = 1", [_dims(rng, 2), _dims(rng, 2), 1], 1),
              ("five layers", [_dims(rng, 2) for _ in range(5)] + [1], _dims(rng, 2)),
              ("two outputs (n_y = 2)", [_dims(rng, 2), _dims(rng, 2), 2], _dims(rng, 2)))
    for label, dims, m in shapes:
        cases.append(Case(label, (rng.standard_normal((dims[0], m)), _network(rng, dims))))
    return cases


def compute_cost_cases(rng: Rng, ref: ModuleType) -> list[Case]:
    def draw(m: int) -> tuple[np.ndarray, np.ndarray]:
        return rng.uniform(0.05, 0.95, (1, m)), _labels(rng, 1, m)

    return [
        Case("course example", (np.array([[0.8, 0.9, 0.4]]), np.array([[1.0, 1.0, 0.0]]))),
        Case("one example (m = 1)", draw(1)),
        Case("many examples", draw(_dims(rng, 8, 20))),
    ]


# --- backward --------------------------------------------------------------------------------


def linear_backward_cases(rng: Rng, ref: ModuleType) -> list[Case]:
    course = seeded(1)
    dZ, A, W, b = (course.randn(3, 4), course.randn(5, 4), course.randn(3, 5), course.randn(3, 1))
    cases = [Case("course example", (dZ, (A, W, b)))]
    for label, m in (("one example (m = 1)", 1), ("several examples", _dims(rng, 3, 8))):
        n_prev, n = _dims(rng, 2), _dims(rng, 2)
        W, b = _layer(rng, n, n_prev)
        cases.append(Case(label, (rng.standard_normal((n, m)),
                                  (rng.standard_normal((n_prev, m)), W, b)), gradient=True))
    return cases


def linear_activation_backward_cases(rng: Rng, ref: ModuleType) -> list[Case]:
    course = seeded(2)
    dA, A, W, b, Z = (course.randn(1, 2), course.randn(3, 2), course.randn(1, 3),
                      course.randn(1, 1), course.randn(1, 2))
    cases = [Case(f"course example, {act}", (dA, ((A, W, b), Z), act))
             for act in ("sigmoid", "relu")]
    for act in ("sigmoid", "relu"):
        n_prev, n, m = _dims(rng, 2), _dims(rng, 2), _dims(rng, 2)
        W, b = _layer(rng, n, n_prev)
        A = rng.standard_normal((n_prev, m))
        Z = W @ A + b
        cases.append(Case(f"{act}, {n} units, m = {m}",
                          (rng.standard_normal((n, m)), ((A, W, b), Z), act), gradient=True))
    return cases


def L_model_backward_cases(rng: Rng, ref: ModuleType) -> list[Case]:
    course = seeded(3)
    AL, Y = course.randn(1, 2), np.array([[1, 0]])
    A1, W1, b1, Z1 = course.randn(4, 2), course.randn(3, 4), course.randn(3, 1), course.randn(3, 2)
    A2, W2, b2, Z2 = course.randn(3, 2), course.randn(1, 3), course.randn(1, 1), course.randn(1, 2)
    cases = [Case("course example", (AL, Y, (((A1, W1, b1), Z1), ((A2, W2, b2), Z2))))]
    shapes = (("two layers, m = 1", [_dims(rng, 2), _dims(rng, 2), 1], 1),
              ("four layers", [4, 5, 3, _dims(rng, 2), 1], _dims(rng, 4, 8)))
    for label, dims, m in shapes:
        X = rng.standard_normal((dims[0], m))
        AL, caches = ref.L_model_forward(X, _network(rng, dims))
        cases.append(Case(label, (AL, _labels(rng, 1, m), caches), gradient=True))
    return cases


def update_parameters_cases(rng: Rng, ref: ModuleType) -> list[Case]:
    params_rng, grads_rng = seeded(2), seeded(3)
    params = {"W1": params_rng.randn(3, 4), "b1": params_rng.randn(3, 1),
              "W2": params_rng.randn(1, 3), "b2": params_rng.randn(1, 1)}
    grads = {"dW1": grads_rng.randn(3, 4), "db1": grads_rng.randn(3, 1),
             "dW2": grads_rng.randn(1, 3), "db2": grads_rng.randn(1, 1)}
    cases = [Case("course example, learning rate 0.1", (params, grads, 0.1))]
    for label, layers in (("one layer", 1), ("three layers", 3)):
        dims = [_dims(rng, 2) for _ in range(layers + 1)]
        params = _network(rng, dims)
        grads = {f"d{key}": rng.standard_normal(value.shape) for key, value in params.items()}
        rate = float(np.round(rng.uniform(0.01, 0.9), 3))
        cases.append(Case(f"{label}, learning rate {rate}", (params, grads, rate)))
    return cases


def _triple(output: Any) -> dict[str, Any]:
    return dict(zip(("dA_prev", "dW", "db"), output))


def _grads(output: Any) -> dict[str, Any]:
    return dict(output)


# --- the course's older releases ----------------------------------------------------------


def _several_outputs(case: Case) -> bool:
    """An L_model_forward case whose network has more than one output unit."""
    _, parameters = case.args
    return bool(parameters[f"W{len(parameters) // 2}"].shape[0] > 1)


ONE_OUTPUT = r"assert\s*\(?\s*AL\.shape\s*==\s*\(\s*1\s*,"
ONE_OUTPUT_SIGN = Template("L_model_forward", ONE_OUTPUT,
                           "L_model_forward ends with assert(AL.shape == (1, X.shape[1]))")
ONE_OUTPUT_ONLY = Variant(
    "L_model_forward", "its template ends with assert(AL.shape == (1,X.shape[1])), outside the "
    "learner's code: a network with several outputs cannot pass, so that case is left out",
    leave_out=LeaveOut(ONE_OUTPUT, _several_outputs, "allows one output only"))
OLD_KEYS = r'Outputs:\s*"grads\["dA"\s*\+\s*str\(l\s*\+\s*1\)\]'

RELEASES = (
    CURRENT,
    older("v8a", "the v8a release (### START CODE HERE ###, testCases_v4a, dnn_utils_v2)",
          "[6-8]", Imports(("testCases_v4a", "testCases_v4")), Imports(("dnn_utils_v2",)),
          ONE_OUTPUT_SIGN, variants=(ONE_OUTPUT_ONLY,)),
    older("v5", "the v3 to v5 releases (### START CODE HERE ###, testCases_v2/v3, "
                "grads[\"dA\" + str(l + 1)])",
          "[2-5]", Imports(("testCases_v3", "testCases_v2")), Imports(("dnn_utils_v2",)),
          ONE_OUTPUT_SIGN,
          Template("L_model_backward", OLD_KEYS,
                   'L_model_backward names its keys grads["dA" + str(l + 1)]'),
          variants=(ONE_OUTPUT_ONLY, Variant(
              "L_model_backward", 'the loop\'s keys are grads["dA" + str(l + 1)]: dA1 is the '
              "gradient of the input X (the current release's dA0), dAL that of A[L-1]",
              answer=ShiftKeys("dA", 1)))),
)

# --- the part ------------------------------------------------------------------------------

M_TOO_LARGE = "is m times too large: did you forget to divide by m?"

PART = Part(
    name="step_by_step",
    title="Deep neural network, step by step",
    reference="step_by_step",
    modules=("dnn_utils", "dnn_utils_v2", "testCases", "testCases_v4a", "public_tests",
             "test_utils"),
    ships=("dnn_utils",),
    releases=RELEASES,
    functions=(
        GradedFunction(
            "initialize_parameters", 10, initialize_parameters_cases, output="parameters",
            draws=True,
            mistakes=(
                Mistake("no_scaling", "W1 and W2 are about 100 times too large: multiply the "
                                      "random values by 0.01."),
                Mistake("uniform", "the weights come from np.random.rand (uniform on [0, 1)); "
                                   "use np.random.randn (standard normal)."),
                Mistake("transposed_weights", "W1 should have shape (n_h, n_x) and W2 "
                                              "(n_y, n_h): rows are the layer's own units."),
            ),
        ),
        GradedFunction(
            "initialize_parameters_deep", 10, initialize_parameters_deep_cases,
            output="parameters", draws=True,
            mistakes=(
                Mistake("loop_from_zero", "your loop starts at l = 0: layers are numbered from "
                                          "1, so there is no W0 (use range(1, L))."),
                Mistake("sqrt_scaling", "the weights are scaled by 1/sqrt(n_prev): that is the "
                                        "application's initialisation; here multiply by 0.01."),
                Mistake("no_scaling", "the weights are about 100 times too large: multiply "
                                      "np.random.randn(...) by 0.01."),
                Mistake("rank1_bias", "each b should be a column of shape (n_l, 1), not a "
                                      "rank-1 array: np.zeros((layer_dims[l], 1))."),
            ),
        ),
        GradedFunction(
            "linear_forward", 10, linear_forward_cases, outputs=("Z", "cache"),
            mistakes=(
                Mistake("no_bias", "Z is missing the bias: add b after the product of W and A."),
                Mistake("transposed", "Z is transposed: compute np.dot(W, A), which has shape "
                                      "(n_l, m)."),
                Mistake("cache_without_b", "the cache must hold all three inputs: (A, W, b)."),
            ),
        ),
        GradedFunction(
            "linear_activation_forward", 10, linear_activation_forward_cases,
            outputs=("A", "cache"), helpers=("linear_forward",),
            mistakes=(
                Mistake("swapped_activations", "the activations are swapped: \"sigmoid\" "
                                               "should apply sigmoid and \"relu\" relu."),
                Mistake("cache_A_not_Z", "the activation cache should hold Z (what the "
                                         "activation was applied to), not A."),
                Mistake("flat_cache", "the cache should be a pair (linear_cache, "
                                      "activation_cache), not a flat tuple."),
            ),
        ),
        GradedFunction(
            "L_model_forward", 10, L_model_forward_cases, outputs=("AL", "caches"),
            helpers=("linear_forward", "linear_activation_forward"),
            mistakes=(
                Mistake("all_relu", "the last layer must use sigmoid, not relu."),
                Mistake("all_sigmoid", "the hidden layers (1 to L-1) must use relu, not "
                                       "sigmoid."),
                Mistake("last_cache_missing", "the last layer's cache is not appended to "
                                              "caches: there must be L caches."),
            ),
        ),
        GradedFunction(
            "compute_cost", 10, compute_cost_cases, output="cost",
            mistakes=(
                Mistake("no_minus", "the cost has the wrong sign: cross-entropy starts with a "
                                    "minus, -(1/m) * sum(...)."),
                Mistake("no_divide_by_m", f"the cost {M_TOO_LARGE}"),
                Mistake("positive_term_only", "only the y·log(a) term is there: add "
                                              "(1 - y)·log(1 - a)."),
                Mistake("no_sum", "the cost should be one number: sum over the examples."),
            ),
        ),
        GradedFunction(
            "linear_backward", 10, linear_backward_cases, outputs=("dA_prev", "dW", "db"),
            gradient=GradientCheck(gradients.linear_backward, _triple, ("linear_forward",)),
            mistakes=(
                Mistake("no_divide_by_m", f"dW and db: each {M_TOO_LARGE}"),
                Mistake("db_rank1", "db lost its second axis: np.sum(dZ, axis=1, keepdims=True)."),
                Mistake("m_from_dZ_rows", "m is the number of examples, A_prev.shape[1] (the "
                                          "columns), not dZ.shape[0]."),
                Mistake("db_sum_all", "db sums over everything: sum over the examples only "
                                      "(axis=1, keepdims=True)."),
            ),
        ),
        GradedFunction(
            "linear_activation_backward", 10, linear_activation_backward_cases,
            outputs=("dA_prev", "dW", "db"), helpers=("linear_backward",),
            gradient=GradientCheck(gradients.linear_activation_backward, _triple,
                                   ("linear_activation_forward",)),
            mistakes=(
                Mistake("swapped_activations", "the activations are swapped: \"relu\" needs "
                                               "relu_backward and \"sigmoid\" sigmoid_backward."),
                Mistake("no_activation_backward", "dZ must go through the activation's "
                                                  "backward step before linear_backward."),
                Mistake("wrong_cache", "the two halves of the cache are swapped: the activation "
                                       "backward takes activation_cache (Z), linear_backward "
                                       "takes linear_cache (A_prev, W, b)."),
                Mistake("always_relu", "the activation argument is ignored: \"sigmoid\" needs "
                                       "sigmoid_backward."),
            ),
        ),
        GradedFunction(
            "L_model_backward", 10, L_model_backward_cases, output="grads",
            helpers=("linear_backward", "linear_activation_backward"),
            gradient=GradientCheck(gradients.L_model_backward, _grads,
                                   ("linear_activation_forward", "compute_cost")),
            mistakes=(
                Mistake("dAL_sign", "dAL has the wrong sign: dAL = -(Y/AL - (1-Y)/(1-AL))."),
                Mistake("dAL_is_AL_minus_Y", "dAL is AL - Y, which is dZ of the last layer; "
                                             "dAL = -(Y/AL - (1-Y)/(1-AL))."),
                Mistake("sigmoid_hidden", "the hidden layers must go back through relu, not "
                                          "sigmoid."),
                Mistake("relu_last", "the last layer must go back through sigmoid, not relu."),
            ),
        ),
        GradedFunction(
            "update_parameters", 10, update_parameters_cases, output="parameters",
            mistakes=(
                Mistake("plus", "the step goes up the gradient: subtract learning_rate * grad."),
                Mistake("keys_from_zero", "the keys are off by one: layers go from 1 to L, use "
                                          "str(l + 1) in a loop over range(L)."),
                Mistake("no_learning_rate", "the learning rate is not applied: W - "
                                            "learning_rate * dW."),
            ),
        ),
    ),
)
