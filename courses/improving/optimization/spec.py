"""Course 2, week 2: optimisation methods (gradient descent, mini-batches, momentum, Adam,
learning-rate decay).

Each function gets the course's published examples first (its test cases draw W1 (2, 3), b1,
W2 (3, 3), b2 and then the gradients after `np.random.seed(1)`), then cases drawn from the
grading RNG: one layer, three layers, velocities and moving averages that are not zero (a later
step), other hyperparameters (beta = 0 is plain gradient descent), and for the mini-batches an
m that is a multiple of the batch size, an m smaller than it, and batches of one example.
"""

from __future__ import annotations

from types import ModuleType

import numpy as np

from grader.spec import Case, GradedFunction, Mistake, Part, Week, seeded

Rng = np.random.Generator
Params = dict[str, np.ndarray]
COURSE_SHAPES = (("W1", (2, 3)), ("b1", (2, 1)), ("W2", (3, 3)), ("b2", (3, 1)))


def _course() -> tuple[Params, Params]:
    """The course's test parameters and gradients: drawn in this order after seed 1."""
    course = seeded(1)
    parameters = {key: course.randn(*shape) for key, shape in COURSE_SHAPES}
    grads = {f"d{key}": course.randn(*shape) for key, shape in COURSE_SHAPES}
    return parameters, grads


def _network(rng: Rng, layers: int) -> Params:
    sizes = [int(n) for n in rng.integers(1, 6, layers + 1)]
    parameters = {}
    for l in range(1, layers + 1):
        parameters[f"W{l}"] = rng.standard_normal((sizes[l], sizes[l - 1]))
        parameters[f"b{l}"] = rng.standard_normal((sizes[l], 1))
    return parameters


def _like(rng: Rng, parameters: Params, scale: float = 1.0, square: bool = False) -> Params:
    """Random arrays named "dW1", "db1", ... of the parameters' shapes."""
    drawn = {f"d{key}": rng.standard_normal(value.shape) * scale
             for key, value in parameters.items()}
    return {key: value ** 2 for key, value in drawn.items()} if square else drawn


def _zeros(parameters: Params) -> Params:
    return {f"d{key}": np.zeros(value.shape) for key, value in parameters.items()}


def _rate(rng: Rng) -> float:
    return float(np.round(rng.uniform(0.005, 0.5), 4))


def gd_cases(rng: Rng, ref: ModuleType) -> list[Case]:
    parameters, grads = _course()
    cases = [Case("course example, learning_rate = 0.01", (parameters, grads, 0.01))]
    for label, layers in (("one layer", 1), ("three layers", 3)):
        params, rate = _network(rng, layers), _rate(rng)
        cases.append(Case(f"{label}, learning_rate = {rate}", (params, _like(rng, params), rate)))
    return cases


def mini_batch_cases(rng: Rng, ref: ModuleType) -> list[Case]:
    course = seeded(1)
    X, Y = course.randn(7, 3), course.randn(1, 3) < 0.5
    cases = [Case("course example: m = 3, mini_batch_size = 2", (X, Y, 2))]
    notebook = np.arange(5 * 148).reshape(148, 5).T  # the notebook's check, with 5 features
    cases.append(Case("148 examples, mini_batch_size = 64", (notebook, seeded(1).randn(1, 148)
                                                             < 0.5, 64)))
    drawn = (("m a multiple of mini_batch_size", 4, 24, 8, 3),
             ("m smaller than mini_batch_size", 3, 5, 16, 7),
             ("mini-batches of one example", 2, 4, 1, 11))
    for label, n_x, m, size, seed in drawn:
        Y = (rng.random((1, m)) > 0.5).astype(np.float64)
        cases.append(Case(f"{label}: m = {m}, mini_batch_size = {size}, seed = {seed}",
                          (rng.standard_normal((n_x, m)), Y, size, seed)))
    return cases


def velocity_cases(rng: Rng, ref: ModuleType) -> list[Case]:
    parameters, _ = _course()
    return [Case("course example (two layers)", (parameters,)),
            Case("one layer", (_network(rng, 1),)),
            Case("four layers", (_network(rng, 4),))]


def momentum_cases(rng: Rng, ref: ModuleType) -> list[Case]:
    parameters, grads = _course()
    cases = [Case("course example, beta = 0.9, learning_rate = 0.01",
                  (parameters, grads, _zeros(parameters), 0.9, 0.01))]
    drawn = (("a later step (v not zero), three layers", 3, 0.8),
             ("beta = 0 (plain gradient descent)", 2, 0.0),
             ("one layer, beta = 0.99", 1, 0.99))
    for label, layers, beta in drawn:
        params = _network(rng, layers)
        rate = _rate(rng)
        cases.append(Case(f"{label}, learning_rate = {rate}",
                          (params, _like(rng, params), _like(rng, params, 0.3), beta, rate)))
    return cases


def adam_cases(rng: Rng, ref: ModuleType) -> list[Case]:
    parameters, grads = _course()
    cases = [Case("course example, t = 2", (parameters, grads, _zeros(parameters),
                                            _zeros(parameters), 2, 0.02, 0.8, 0.888, 1e-2))]
    params = _network(rng, 2)
    cases.append(Case("the first step (t = 1), default hyperparameters",
                      (params, _like(rng, params), _zeros(params), _zeros(params), 1)))
    params = _network(rng, 3)
    cases.append(Case("a later step (t = 10), three layers, epsilon = 0.1",
                      (params, _like(rng, params), _like(rng, params, 0.2),
                       _like(rng, params, 0.3, square=True), 10, 0.05, 0.85, 0.99, 0.1)))
    params = _network(rng, 1)
    cases.append(Case("one layer, t = 3, epsilon = 0.01",
                      (params, _like(rng, params), _like(rng, params, 0.2),
                       _like(rng, params, 0.3, square=True), 3),
                      {"learning_rate": 0.1, "epsilon": 0.01}))
    return cases


def update_lr_cases(rng: Rng, ref: ModuleType) -> list[Case]:
    cases = [Case("course example", (0.5, 2, 1))]
    for epoch in (0, int(rng.integers(3, 40)), int(rng.integers(100, 5000))):
        rate, decay = _rate(rng), float(np.round(rng.uniform(0.05, 2.0), 3))
        cases.append(Case(f"epoch {epoch}, decay_rate {decay}", (rate, epoch, decay)))
    return cases


def schedule_cases(rng: Rng, ref: ModuleType) -> list[Case]:
    published = ((0.5, 100, 1, 100), (0.5, 10, 1, 100), (0.3, 1000, 0.25, 100),
                 (0.3, 100, 0.25, 100), (0.5, 10, 0.3, 100), (0.5, 100, 0.3, 100))
    cases = [Case(f"course example: epoch {args[1]}, decay_rate {args[2]}, time_interval "
                  f"{args[3]}", args) for args in published]
    interval = int(rng.integers(3, 30))
    epoch = interval * int(rng.integers(2, 9)) + int(rng.integers(1, interval))
    cases.append(Case(f"epoch {epoch}, time_interval {interval}", (0.2, epoch, 0.5, interval)))
    cases.append(Case("the default time_interval (1000), epoch 2700", (0.1, 2700, 0.5)))
    return cases


KEYS_FROM_ZERO = ("the keys are off by one: layers go from 1 to L, so loop over range(1, L + 1) "
                  "(or use str(l + 1) over range(L)).")
PARAMETER_KEYS = ("the keys are those of the gradients, \"dW1\", \"db1\", ..., not those of "
                  "the parameters.")
RANK1 = ("each array has the full shape of its parameter, b's included: "
         "np.zeros(parameters[\"b\" + str(l)].shape), not a rank-1 array.")

PART = Part(
    name="optimization",
    title="Optimization methods",
    reference="optimization",
    modules=("opt_utils_v1a", "testCases", "public_tests", "test_utils"),
    ships=("opt_utils_v1a",),
    functions=(
        GradedFunction(
            "update_parameters_with_gd", 10, gd_cases, output="parameters",
            mistakes=(
                Mistake("plus", "the step goes up the gradient: subtract learning_rate * dW."),
                Mistake("keys_from_zero", KEYS_FROM_ZERO),
                Mistake("no_learning_rate", "the learning rate is not applied: W - "
                                            "learning_rate * dW."),
            ),
        ),
        GradedFunction(
            "random_mini_batches", 10, mini_batch_cases, output="mini_batches",
            mistakes=(
                Mistake("not_shuffled", "the mini-batches are cut from X and Y as they came: "
                                        "cut them from shuffled_X and shuffled_Y."),
                Mistake("k_not_scaled", "mini-batch k starts at column k * mini_batch_size, not "
                                        "at column k."),
                Mistake("last_from_k", "the loop variable k does not exist when m is smaller "
                                       "than mini_batch_size (the loop never runs): start the "
                                       "last mini-batch at num_complete_minibatches * "
                                       "mini_batch_size."),
                Mistake("size_64", "the size 64 is written into the code: use the argument "
                                   "mini_batch_size."),
            ),
        ),
        GradedFunction(
            "initialize_velocity", 10, velocity_cases, output="v",
            mistakes=(
                Mistake("parameter_keys", PARAMETER_KEYS),
                Mistake("keys_from_zero", KEYS_FROM_ZERO),
                Mistake("rank1", RANK1),
            ),
        ),
        GradedFunction(
            "update_parameters_with_momentum", 10, momentum_cases, outputs=("parameters", "v"),
            mistakes=(
                Mistake("beta_swapped", "v = beta * v + (1 - beta) * dW: beta weighs the past, "
                                        "1 - beta the new gradient."),
                Mistake("no_one_minus", "the new gradient is weighted by (1 - beta): v = beta * "
                                        "v + (1 - beta) * dW."),
                Mistake("step_with_gradient", "the step uses the velocity, not the gradient: "
                                              "W - learning_rate * v[\"dW\" + str(l)]."),
            ),
        ),
        GradedFunction(
            "initialize_adam", 10, velocity_cases, outputs=("v", "s"),
            mistakes=(
                Mistake("parameter_keys", PARAMETER_KEYS),
                Mistake("keys_from_zero", KEYS_FROM_ZERO),
                Mistake("rank1", RANK1),
            ),
        ),
        GradedFunction(
            "update_parameters_with_adam", 10, adam_cases,
            outputs=("parameters", "v", "s", "v_corrected", "s_corrected"),
            mistakes=(
                Mistake("epsilon_inside_sqrt", "epsilon is added after the square root: "
                                               "np.sqrt(s_corrected) + epsilon."),
                Mistake("no_bias_correction", "the step uses v and s; it should use the "
                                              "bias-corrected v_corrected and s_corrected."),
                Mistake("correction_power", "the bias correction is 1 - beta1 ** t (beta to "
                                            "the power t), not (1 - beta1) ** t."),
                Mistake("gradient_not_squared", "s averages the squared gradients: (1 - beta2) "
                                                "* np.square(dW)."),
                Mistake("three_outputs", "an older release of the course returned (parameters, "
                                         "v, s); this one returns v_corrected and s_corrected "
                                         "too: return parameters, v, s, v_corrected, "
                                         "s_corrected."),
            ),
        ),
        GradedFunction(
            "update_lr", 10, update_lr_cases, output="learning_rate",
            mistakes=(
                Mistake("precedence", "learning_rate0 / 1 + ... divides by 1 only: write "
                                      "learning_rate0 / (1 + decay_rate * epoch_num)."),
                Mistake("without_learning_rate0", "the decay multiplies the original rate: "
                                                  "learning_rate0 / (1 + decay_rate * "
                                                  "epoch_num)."),
                Mistake("exponential", "that is exponential decay; here the rate is "
                                       "learning_rate0 / (1 + decay_rate * epoch_num)."),
            ),
        ),
        GradedFunction(
            "schedule_lr_decay", 10, schedule_cases, output="learning_rate",
            mistakes=(
                Mistake("no_floor", "the rate changes only every time_interval epochs: round "
                                    "epoch_num / time_interval down with np.floor."),
                Mistake("rounded", "np.round rounds to the nearest whole number; the schedule "
                                   "rounds down (np.floor)."),
                Mistake("every_epoch", "the time interval is missing: decay_rate multiplies "
                                       "np.floor(epoch_num / time_interval)."),
            ),
        ),
    ),
)

ASSIGNMENT = Week("optimization", "Improving deep networks: optimization methods", (PART,))
