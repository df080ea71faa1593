"""Week 4, part 2: the deep network applied to cat pictures.

The two training functions are graded on small random data and few iterations, so that a whole
week grades in well under a second: the course's public examples (2 and 3 iterations), then
cases from the grading RNG whose learning rate, iteration count (past 100, so that the rule
"one cost every 100 iterations" shows) and layer sizes differ from the course's, so that a
function with any of those hard-coded fails. The helpers the models call are the application's
own (`dnn_app_utils_v3`), in the learner's sandbox as in the reference.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np

from grader.spec import Case, CaseMaker, GradedFunction, Mistake, Part, seeded
from grader.variants import FirstOutput, Imports, Template, Variant

from ..releases import CURRENT, older

Rng = np.random.Generator

# The course's own sizes and rate: cases avoid them, so that hard-coding them shows.
COURSE_HIDDEN = (4, 7)
COURSE_RATE = 0.0075


def _data(rng: Rng, n_x: int) -> tuple[np.ndarray, np.ndarray]:
    m = int(rng.integers(5, 21))
    return rng.standard_normal((n_x, m)), (rng.random((1, m)) > 0.5).astype(np.float64)


def _hidden(rng: Rng) -> int:
    return int(rng.choice([n for n in range(2, 10) if n not in COURSE_HIDDEN]))


def _rate(rng: Rng) -> float:
    return float(np.round(rng.uniform(0.05, 0.3), 3))


def two_layer_model_cases(rng: Rng, ref: ModuleType) -> list[Case]:
    course = seeded(1)
    X, Y = course.randn(10, 10), course.randn(1, 10)
    n_x, n_h, rate = int(rng.integers(3, 9)), _hidden(rng), _rate(rng)
    X1, Y1 = _data(rng, n_x)
    n_x2, n_h2 = int(rng.integers(3, 9)), _hidden(rng)
    X2, Y2 = _data(rng, n_x2)
    return [
        Case("course example, 2 iterations", (X, Y, (10, 4, 1), COURSE_RATE, 2, False)),
        Case("course example, learning rate 0.1, 3 iterations", (X, Y, (10, 4, 1), 0.1, 3, False)),
        Case(f"n_h = {n_h}, learning rate {rate}, 11 iterations",
             (X1, Y1, (n_x, n_h, 1), rate, 11, False)),
        Case(f"n_h = {n_h2}, the default learning rate, 101 iterations", (X2, Y2, (n_x2, n_h2, 1)),
             {"num_iterations": 101}, exercise={"print_cost": True}),
    ]


def L_layer_model_cases(rng: Rng, ref: ModuleType) -> list[Case]:
    course = seeded(1)
    X = course.randn(10, 10)
    Y = np.array([[1, 1, 1, 1, 0, 0, 0, 1, 1, 0]])
    deep = [int(rng.integers(3, 9)), _hidden(rng), _hidden(rng), _hidden(rng), 1]
    rate = _rate(rng)
    X1, Y1 = _data(rng, deep[0])
    shallow = [int(rng.integers(3, 9)), _hidden(rng), 1]
    X2, Y2 = _data(rng, shallow[0])
    return [
        Case("course example, 2 iterations", (X, Y, (10, 5, 6, 1), COURSE_RATE, 2, False)),
        Case("course example, learning rate 0.02, 3 iterations",
             (X, Y, (10, 5, 6, 1), 0.02, 3, False)),
        Case(f"layers {deep}, learning rate {rate}, 11 iterations",
             (X1, Y1, deep, rate, 11, False)),
        Case(f"layers {shallow}, the default learning rate, 101 iterations", (X2, Y2, shallow),
             {"num_iterations": 101}, exercise={"print_cost": True}),
    ]


def _costs(output: Any) -> Any:
    return output[1]


def _model(name: str, cases: CaseMaker, helpers: tuple[str, ...],
           *mistakes: Mistake) -> GradedFunction:
    """A training function: 10 points, returns (parameters, costs), calls course helpers,
    starts from random weights."""
    return GradedFunction(name, 10, cases, outputs=("parameters", "costs"), helpers=helpers,
                          costs=_costs, mistakes=mistakes, draws=True)


FIXED_RATE = ("the learning rate is fixed at 0.0075 instead of the function's learning_rate: "
              "pass learning_rate on to update_parameters.")
EVERY_ITERATION = ("costs holds a cost for every iteration: record it only when i % 100 == 0 "
                   "(iterations 0, 100, 200, ...).")

TWO_LAYER_MODEL = _model(
    "two_layer_model", two_layer_model_cases,
    ("initialize_parameters", "linear_activation_forward", "compute_cost",
     "linear_activation_backward", "update_parameters"),
    Mistake("fixed_learning_rate", FIXED_RATE),
    Mistake("deep_initialisation", "the two-layer model starts from "
            "initialize_parameters(n_x, n_h, n_y), not initialize_parameters_deep."),
    Mistake("dA2_sign", "dA2 has the wrong sign, so the model climbs the cost: "
            "dA2 = -(Y/A2 - (1-Y)/(1-A2))."),
    Mistake("dA2_is_A2_minus_Y", "dA2 is A2 - Y, which is dZ2; the sigmoid's backward "
            "step wants dA2 = -(Y/A2 - (1-Y)/(1-A2))."),
    Mistake("cost_every_iteration", EVERY_ITERATION),
)
L_LAYER_MODEL = _model(
    "L_layer_model", L_layer_model_cases,
    ("initialize_parameters_deep", "L_model_forward", "compute_cost",
     "L_model_backward", "update_parameters"),
    Mistake("fixed_learning_rate", FIXED_RATE),
    Mistake("small_initialisation", "the weights start scaled by 0.01 (the step-by-step "
            "way); here each layer is scaled by 1/sqrt(n_prev): call "
            "initialize_parameters_deep from dnn_app_utils_v3."),
    Mistake("he_initialisation", "the weights start scaled by sqrt(2/n_prev) (He "
            "initialisation); this assignment scales them by 1/sqrt(n_prev)."),
    Mistake("cost_every_iteration", EVERY_ITERATION),
)


def _parameters_only(model: GradedFunction) -> Variant:
    """Older releases' models return `parameters` alone (costs were only kept to plot)."""
    return Variant(model.name, "returns parameters only, not (parameters, costs)",
                   {"output": "parameters", "outputs": (), "costs": None,
                    "mistakes": tuple(m for m in model.mistakes
                                      if m.name != "cost_every_iteration")},
                   answer=FirstOutput())


def _returns_parameters(model: str) -> Template:
    return Template(model, r"^\s*return\s+parameters\s*$", f"{model} returns parameters only")


PART = Part(
    name="application",
    title="Deep neural network, application: cat or not",
    reference="application",
    modules=("dnn_app_utils_v3", "dnn_app_utils_v2", "dnn_utils", "public_tests", "test_utils"),
    provided="dnn_app_utils_v3",
    ships=("dnn_app_utils_v3",),
    functions=(TWO_LAYER_MODEL, L_LAYER_MODEL),
    releases=(
        CURRENT,
        older("v8", "the v8 release (### START CODE HERE ###; the models return parameters "
                    "only)",
              "[2-8]", Imports(("dnn_app_utils_v2",)), _returns_parameters("two_layer_model"),
              _returns_parameters("L_layer_model"),
              variants=(_parameters_only(TWO_LAYER_MODEL), _parameters_only(L_LAYER_MODEL))),
    ),
)
