"""Week 3: a planar classifier with one hidden layer.

The course's examples come first (its test-case inputs, with its legacy seeds), then cases drawn
from the grading RNG: one example (m = 1), hidden sizes other than 4, two outputs where the
function allows it (the course's `forward_propagation` asserts a single output), and samples of
the flower data. `nn_model` trains for a few iterations with n_h = 3 and 5 and two iteration
counts, so that a hard-coded hidden size or loop length shows; backward cases come from a real
forward pass, so that their gradients can be checked numerically.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np

from grader.datasets.planar import flower
from grader.spec import Case, GradedFunction, GradientCheck, Mistake, Part, seeded
from grader.variants import Signature, Template, Variant

from ..releases import CURRENT, older
from . import gradients

Rng = np.random.Generator

COURSE_W1 = np.array([[-0.00416758, -0.00056267], [-0.02136196, 0.01640271],
                      [-0.01793436, -0.00841747], [0.00502881, -0.01245288]])
COURSE_W2 = np.array([[-0.01057952, -0.00909008, 0.00551454, 0.02292208]])
COURSE_A2 = np.array([[0.5002307, 0.49985831, 0.50023963]])
COURSE_CACHE = {  # the forward pass of the course's backward example, as the course rounds it
    "A1": np.array([[-0.00616578, 0.0020626, 0.00349619], [-0.05225116, 0.02725659, -0.02646251],
                    [-0.02009721, 0.0036869, 0.02883756], [0.02152675, -0.01385234, 0.02599885]]),
    "A2": COURSE_A2,
    "Z1": np.array([[-0.00616586, 0.0020626, 0.0034962], [-0.05229879, 0.02726335, -0.02646869],
                    [-0.02009991, 0.00368692, 0.02884556], [0.02153007, -0.01385322, 0.02600471]]),
    "Z2": np.array([[0.00092281, -0.00056678, 0.00095853]]),
}
TRAINED = {  # the course's parameters after a few steps, used by its update and predict tests
    "W1": np.array([[-0.00615039, 0.0169021], [-0.02311792, 0.03137121],
                    [-0.0169217, -0.01752545], [0.00935436, -0.05018221]]),
    "b1": np.array([[-8.97523455e-07], [8.15562092e-06], [6.04810633e-07], [-2.54560700e-06]]),
    "W2": np.array([[-0.0104319, -0.04019007, 0.01607211, 0.04440255]]),
    "b2": np.array([[9.14954378e-05]]),
}


def _size(rng: Rng, low: int = 2, high: int = 7) -> int:
    return int(rng.integers(low, high))


def _network(rng: Rng, n_x: int, n_h: int, n_y: int) -> dict[str, np.ndarray]:
    return {"W1": rng.normal(0, 1, (n_h, n_x)), "b1": rng.normal(0, 0.5, (n_h, 1)),
            "W2": rng.normal(0, 1, (n_y, n_h)), "b2": rng.normal(0, 0.5, (n_y, 1))}


def _labels(rng: Rng, n_y: int, m: int) -> np.ndarray:
    return (rng.random((n_y, m)) > 0.5).astype(np.float64)


def _flower_sample(rng: Rng, m: int) -> tuple[np.ndarray, np.ndarray]:
    X, Y = flower()
    columns = rng.choice(X.shape[1], size=m, replace=False)
    return X[:, columns], Y[:, columns]


def layer_sizes_cases(rng: Rng, ref: ModuleType) -> list[Case]:
    course = seeded(1)
    first = course.randn(5, 3), course.randn(2, 3)
    second = course.randn(7, 5), course.randn(5, 5)
    return [
        Case("course example (5 features, 2 outputs)", first),
        Case("course example (7 features, 5 outputs)", second),
        Case("one example (m = 1)", (rng.normal(size=(2, 1)), _labels(rng, 1, 1))),
    ]


def initialize_parameters_cases(rng: Rng, ref: ModuleType) -> list[Case]:
    return [
        Case("course example (2, 4, 1), seed 2", (2, 4, 1), seed=2),
        Case("course example (3, 5, 2), seed 2", (3, 5, 2), seed=2),
        Case("more hidden units", (_size(rng, 2, 5), _size(rng, 5, 10), 1),
             seed=int(rng.integers(1000))),
    ]


def forward_propagation_cases(rng: Rng, ref: ModuleType) -> list[Case]:
    course = seeded(1)
    X = course.randn(2, 3)
    parameters = {"W1": COURSE_W1, "W2": COURSE_W2, "b1": course.randn(4, 1),
                  "b2": np.array([[-1.3]])}
    cases = [Case("course example", (X, parameters))]
    for label, n_x, n_h, m in (("one example (m = 1)", 2, 3, 1),
                               ("more features and hidden units", _size(rng, 3, 6),
                                _size(rng, 5, 9), _size(rng, 4, 9))):
        cases.append(Case(label, (rng.normal(size=(n_x, m)), _network(rng, n_x, n_h, 1))))
    return cases


def compute_cost_cases(rng: Rng, ref: ModuleType) -> list[Case]:
    course = seeded(1)
    course_parameters = {"W1": COURSE_W1, "W2": COURSE_W2}
    notebook_Y = course.randn(1, 3) > 0
    course = seeded(1)
    test_Y = course.randn(1, 5) > 0
    test_A2 = np.array([[0.5002307, 0.49985831, 0.50023963, 0.25, 0.7]])
    cases = [
        Case("course example (notebook)", (COURSE_A2, notebook_Y), legacy=(course_parameters,)),
        Case("course example (public test)", (test_A2, test_Y), legacy=(course_parameters,)),
    ]
    for label, m in (("one example (m = 1)", 1), ("many examples", _size(rng, 8, 20))):
        parameters = _network(rng, 2, 4, 1)
        cases.append(Case(label, (rng.uniform(0.05, 0.95, (1, m)), _labels(rng, 1, m)),
                          legacy=(parameters,)))
    return cases


def backward_propagation_cases(rng: Rng, ref: ModuleType) -> list[Case]:
    course = seeded(1)
    X, Y = course.randn(2, 3), course.randn(1, 3) > 0
    parameters = {"W1": COURSE_W1, "W2": COURSE_W2, "b1": np.zeros((4, 1)), "b2": np.zeros((1, 1))}
    cases = [Case("course example", (parameters, COURSE_CACHE, X, Y))]
    course = seeded(1)
    X, Y = course.randn(3, 7), course.randn(1, 7) > 0
    parameters = {"W1": course.randn(9, 3), "W2": course.randn(1, 9), "b1": np.zeros((9, 1)),
                  "b2": np.zeros((1, 1))}
    cache = {"A1": course.randn(9, 7), "A2": course.randn(1, 7), "Z1": course.randn(9, 7),
             "Z2": course.randn(1, 7)}
    cases.append(Case("course example (public test, 9 hidden units)", (parameters, cache, X, Y)))
    for label, n_x, n_h, n_y, m in (("one example (m = 1)", 2, _size(rng, 2, 5), 1, 1),
                                    ("two outputs (n_y = 2)", 2, 3, 2, _size(rng, 5, 9))):
        X, parameters = rng.normal(size=(n_x, m)), _network(rng, n_x, n_h, n_y)
        cache = ref.forward_propagation(X, parameters)[1]
        cases.append(Case(label, (parameters, cache, X, _labels(rng, n_y, m)), gradient=True))
    return cases


def update_parameters_cases(rng: Rng, ref: ModuleType) -> list[Case]:
    grads = {"dW1": np.array([[0.00023322, -0.00205423], [0.00082222, -0.00700776],
                              [-0.00031831, 0.0028636], [-0.00092857, 0.00809933]]),
             "dW2": np.array([[-1.75740039e-05, 3.70231337e-03, -1.25683095e-03,
                               -2.55715317e-03]]),
             "db1": np.array([[1.05570087e-07], [-3.81814487e-06], [-1.90155145e-07],
                              [5.46467802e-07]]),
             "db2": np.array([[-1.08923140e-05]])}
    cases = [Case("course example, the default learning rate (1.2)", (TRAINED, grads))]
    for n_h, n_y in ((_size(rng, 5, 9), 1), (3, 2)):
        parameters = _network(rng, 2, n_h, n_y)
        grads = {f"d{key}": rng.normal(0, 0.1, value.shape) for key, value in parameters.items()}
        rate = float(np.round(rng.uniform(0.01, 0.9), 3))
        cases.append(Case(f"{n_h} hidden units, {n_y} output{'s' if n_y > 1 else ''}, "
                          f"learning rate {rate}", (parameters, grads, rate)))
    return cases


def nn_model_cases(rng: Rng, ref: ModuleType) -> list[Case]:
    course = seeded(1)
    X, Y = course.randn(2, 3), course.randn(1, 3) > 0
    cases = [Case("course example, n_h = 4, 10 iterations", (X, Y, 4),
                  {"num_iterations": 10, "print_cost": False})]
    for n_h, m, iterations in ((3, _size(rng, 10, 16), 4), (3, _size(rng, 10, 16), 9),
                               (5, 1, 6)):
        X, Y = _flower_sample(rng, m)
        cases.append(Case(f"{m} flower point{'s' if m > 1 else ''}, n_h = {n_h}, "
                          f"{iterations} iterations", (X, Y, n_h),
                          {"num_iterations": iterations, "print_cost": False},
                          # the printing branch runs too, as it does in the notebook
                          exercise={"print_cost": True} if iterations == 9 else {}))
    return cases


def predict_cases(rng: Rng, ref: ModuleType) -> list[Case]:
    course = seeded(1)
    cases = [Case("course example", (TRAINED, course.randn(2, 3)))]
    for label, m in (("one example (m = 1)", 1), ("many flower points", _size(rng, 30, 50))):
        X, _ = _flower_sample(rng, m)
        parameters = _network(rng, 2, _size(rng, 3, 6), 1)
        parameters["W2"] *= 0.3  # probabilities near 0.5 tell a threshold on A2 from one on Z2
        cases.append(Case(label, (parameters, X)))
    return cases


def _grads(output: Any) -> dict[str, Any]:
    return dict(output)


M_TOO_LARGE = "is m times too large: did you forget to divide by m?"
# Each case trains for a few iterations and takes milliseconds; a loop of the course's 10000
# iterations, with every helper call a round trip to the grader, would take half a minute.
NN_MODEL_SECONDS = 3.0

RELEASES = (
    CURRENT,
    older("v6c", "the v6c release (### START CODE HERE ###, compute_cost(A2, Y, parameters), "
                 "np.random.seed(2) in initialize_parameters)",
          "[1-6]", Signature("compute_cost", ("A2", "Y", "parameters")),
          Template("initialize_parameters", r"np\.random\.seed\(\s*2\s*\)",
                   "initialize_parameters seeds numpy with 2 above the learner's code"),
          variants=(Variant(
              "initialize_parameters", "its template calls np.random.seed(2) above the "
              "learner's code: the weights are drawn after that seed, whatever the caller "
              "seeded", seed=2),)),
)

PART = Part(
    name="planar",
    title="Planar data classification with one hidden layer",
    reference="planar",
    modules=("planar_utils", "testCases_v2", "public_tests", "test_utils"),
    ships=("planar_utils",),
    releases=RELEASES,
    functions=(
        GradedFunction(
            "layer_sizes", 10, layer_sizes_cases, output="sizes", strict_types=True,
            mistakes=(
                Mistake("columns", "shape[1] counts the examples: the layer sizes are the "
                                   "numbers of rows, X.shape[0] and Y.shape[0]."),
                Mistake("list", "return a tuple (n_x, n_h, n_y), not a list."),
                Mistake("swapped", "n_x is the size of the input, X.shape[0], and n_y that of "
                                   "the output, Y.shape[0]."),
            ),
        ),
        GradedFunction(
            "initialize_parameters", 10, initialize_parameters_cases, output="parameters",
            draws=True,
            mistakes=(
                Mistake("no_scaling", "the weights are about 100 times too large: multiply "
                                      "np.random.randn(...) by 0.01."),
                Mistake("uniform", "the weights come from np.random.rand (uniform on [0, 1)); "
                                   "use np.random.randn (standard normal)."),
                Mistake("transposed_weights", "W1 should have shape (n_h, n_x) and W2 "
                                              "(n_y, n_h): rows are the layer's own units."),
                Mistake("rank1_bias", "each b should be a column, np.zeros((n, 1)), not a "
                                      "rank-1 array."),
            ),
        ),
        GradedFunction(
            "forward_propagation", 10, forward_propagation_cases, outputs=("A2", "cache"),
            mistakes=(
                Mistake("sigmoid_hidden", "the hidden layer uses tanh (np.tanh); only the "
                                          "output uses sigmoid."),
                Mistake("tanh_output", "the output layer uses sigmoid, which gives "
                                       "probabilities; tanh is for the hidden layer."),
                Mistake("relu_hidden", "the hidden layer of this network uses tanh, not relu."),
            ),
        ),
        GradedFunction(
            "compute_cost", 10, compute_cost_cases, output="cost", strict_types=True,
            mistakes=(
                Mistake("positive_term_only", "only the y log(a) term is there: add "
                                              "(1 - y) log(1 - a)."),
                Mistake("no_divide_by_m", f"the cost {M_TOO_LARGE}"),
                Mistake("not_a_float", "the cost must be a Python float: keep the line "
                                       "cost = float(np.squeeze(cost))."),
                Mistake("no_minus", "the cost has the wrong sign: cross-entropy starts with a "
                                    "minus, -(1/m) * sum(...)."),
            ),
        ),
        GradedFunction(
            "backward_propagation", 10, backward_propagation_cases,
            output="grads",
            gradient=GradientCheck(gradients.backward_propagation, _grads,
                                   ("forward_propagation", "compute_cost")),
            mistakes=(
                Mistake("slope_from_Z1", "the slope of tanh is 1 - A1^2, computed from A1 (the "
                                         "activation), not from Z1."),
                Mistake("sigmoid_slope", "A1 * (1 - A1) is the slope of the sigmoid; the hidden "
                                         "layer uses tanh, whose slope is 1 - A1^2."),
                Mistake("no_keepdims", "db1 and db2 lost their second axis: np.sum(..., axis=1, "
                                       "keepdims=True)."),
                Mistake("elementwise_W2", "W2.T * dZ2 is elementwise: it only works when there "
                                          "is one output. Use np.dot(W2.T, dZ2)."),
            ),
        ),
        GradedFunction(
            "update_parameters", 10, update_parameters_cases, output="parameters",
            mistakes=(
                Mistake("plus", "the step goes up the gradient: subtract learning_rate * grad."),
                Mistake("no_learning_rate", "the learning rate is not applied: W - "
                                            "learning_rate * dW."),
                Mistake("fixed_learning_rate", "the learning rate is fixed at 1.2: use the "
                                               "learning_rate argument."),
            ),
        ),
        GradedFunction(
            "nn_model", 10, nn_model_cases, output="parameters", seconds=NN_MODEL_SECONDS,
            draws=True,
            helpers=("layer_sizes", "initialize_parameters", "forward_propagation",
                     "compute_cost", "backward_propagation", "update_parameters"),
            mistakes=(
                Mistake("fixed_hidden_size", "the hidden layer always has 4 units: use the n_h "
                                             "argument, not layer_sizes(X, Y)[1]."),
                Mistake("learning_rate", "the steps use a learning rate of 0.5: call "
                                         "update_parameters(parameters, grads) with its default "
                                         "(1.2)."),
                Mistake("fixed_iterations", "the loop always runs 10000 times: use the "
                                            "num_iterations argument.",
                        evidence=r"range\((?:0,\s*)?10000\)|=\s*10000\b"),
            ),
        ),
        GradedFunction(
            "predict", 10, predict_cases, output="predictions",
            helpers=("forward_propagation",),
            mistakes=(
                Mistake("probabilities", "those are the probabilities A2: the predictions are "
                                         "A2 > 0.5."),
                Mistake("not_unpacked", "forward_propagation returns a pair (A2, cache): unpack "
                                        "it before comparing A2 with 0.5."),
                Mistake("threshold_on_Z2", "Z2 was compared with 0.5: compare the output A2, "
                                           "the sigmoid of Z2."),
            ),
        ),
    ),
)
