"""Course 2, week 1, assignment 3: gradient checking, in one dimension and in N.

In one dimension J(theta) = theta * x: the course's example is x = 2, theta = 4, whose check
gives 2.919335883291695e-10. Drawn cases use other values, signs and epsilons; |x| stays above
1.5 and |theta| above 1, so that a check missing its denominator, or perturbing x instead of
theta, cannot give the right number by chance.

In N dimensions the network is the course's 4-5-3-1 (the plumbing of `gc_utils` is written for
its 47 parameters): the course's example checks the notebook's deliberately wrong gradients
(0.2850931567761623) and the right ones (1.1890913024229996e-07); drawn cases change the
number of examples, the parameters, epsilon and the mistake planted in the gradients.

The differences are rounding noise when the gradients are right, so their tolerance is
relative (1e-4) with almost no absolute slack: a check that returns 0, or that is off by a
factor, fails.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

import numpy as np

from grader.compare import Tolerance
from grader.spec import Case, GradedFunction, Mistake, Part, Week, seeded

Rng = np.random.Generator
Params = dict[str, np.ndarray]
SHAPES = (("W1", (5, 4)), ("b1", (5, 1)), ("W2", (3, 5)), ("b2", (3, 1)), ("W3", (1, 3)),
          ("b3", (1, 1)))
CHECK = Tolerance(rtol=1e-4, atol=1e-15)


def _scalar(rng: Rng, low: float, high: float) -> float:
    """A value with |value| in [low, high), of either sign, rounded for readable labels."""
    return float(np.round(rng.choice((-1.0, 1.0)) * rng.uniform(low, high), 3))


def _one_d(rng: Rng, count: int = 3) -> list[tuple[float, float]]:
    return [(_scalar(rng, 1.5, 6.0), _scalar(rng, 1.0, 10.0)) for _ in range(count)]


def forward_cases(rng: Rng, ref: ModuleType) -> list[Case]:
    cases = [Case("course example x = 2, theta = 4", (2, 4))]
    cases += [Case(f"x = {x}, theta = {theta}", (x, theta)) for x, theta in _one_d(rng)]
    return [*cases, Case("x = 0", (0.0, _scalar(rng, 1.0, 5.0)))]


def backward_cases(rng: Rng, ref: ModuleType) -> list[Case]:
    cases = [Case("course example x = 2, theta = 4", (2, 4))]
    return cases + [Case(f"x = {x}, theta = {theta}", (x, theta)) for x, theta in _one_d(rng)]


def gradient_check_cases(rng: Rng, ref: ModuleType) -> list[Case]:
    cases = [Case("course example x = 2, theta = 4", (2, 4))]
    for (x, theta), epsilon in zip(_one_d(rng), (1e-7, 1e-6, 1e-8)):
        cases.append(Case(f"x = {x}, theta = {theta}, epsilon = {epsilon}", (x, theta),
                          {"epsilon": epsilon}))
    cases.append(Case("x = 3, theta = 4", (3, 4)))
    return cases


def _network(draw: Callable[[tuple[int, int]], np.ndarray]) -> Params:
    return {key: draw(shape) for key, shape in SHAPES}


def _gradients(ref: ModuleType, X: np.ndarray, Y: np.ndarray, parameters: Params,
               planted: dict[str, float]) -> dict[str, np.ndarray]:
    """The network's gradients, with some of them multiplied by a factor (a planted bug)."""
    _, cache = ref.forward_propagation_n(X, Y, parameters)
    gradients = ref.backward_propagation_n(X, Y, cache)
    return {key: value * planted.get(key, 1.0) for key, value in gradients.items()}


def gradient_check_n_cases(rng: Rng, ref: ModuleType) -> list[Case]:
    course = seeded(1)
    X, Y = course.randn(4, 3), np.array([1, 1, 0])
    parameters = _network(lambda shape: course.randn(*shape))
    notebook = {"dW2": 2.0, "db1": 4.0}  # the notebook's backward_propagation_n has these bugs
    cases = [Case("course example, the notebook's wrong gradients",
                  (parameters, _gradients(ref, X, Y, parameters, notebook), X, Y)),
             Case("course example, right gradients",
                  (parameters, _gradients(ref, X, Y, parameters, {}), X, Y))]
    drawn: tuple[tuple[str, int, dict[str, float], float], ...] = (
        ("one example (m = 1), right gradients", 1, {}, 1e-7),
        ("more examples, db3 with the wrong sign", int(rng.integers(6, 12)), {"db3": -1.0}, 1e-7),
        ("right gradients, epsilon = 1e-6", int(rng.integers(3, 6)), {}, 1e-6))
    for label, m, planted, epsilon in drawn:
        X, Y = rng.standard_normal((4, m)), (rng.random((1, m)) > 0.5).astype(np.float64)
        parameters = _network(rng.standard_normal)
        cases.append(Case(label, (parameters, _gradients(ref, X, Y, parameters, planted), X, Y),
                          {"epsilon": epsilon}))
    return cases


PRECEDENCE = ("gradapprox is divided by 2 and then multiplied by epsilon: write "
              "(J_plus - J_minus) / (2 * epsilon), with the parentheses.")
FORMULA = ("the difference is ||grad - gradapprox|| / (||grad|| + ||gradapprox||): two norms "
           "in the denominator, np.linalg.norm(grad) + np.linalg.norm(gradapprox).")

PART = Part(
    name="gradient_checking",
    title="Gradient checking",
    reference="gradient_checking",
    modules=("gc_utils", "testCases", "public_tests", "test_utils"),
    provided="gc_utils",
    ships=("gc_utils",),
    functions=(
        GradedFunction(
            "forward_propagation", 10, forward_cases, output="J",
            mistakes=(
                Mistake("sum", "J(theta) = theta * x is a product, not theta + x."),
                Mistake("returns_x", "that is the derivative, x; forward_propagation returns "
                                     "J = theta * x."),
                Mistake("returns_theta", "J = theta * x: multiply theta by the input x."),
            ),
        ),
        GradedFunction(
            "backward_propagation", 10, backward_cases, output="dtheta",
            mistakes=(
                Mistake("returns_theta", "that is the derivative with respect to x; with respect "
                                         "to theta, the derivative of theta * x is x."),
                Mistake("returns_J", "that is J itself, theta * x; its derivative with respect "
                                     "to theta is x."),
                Mistake("returns_one", "the derivative of theta * x with respect to theta is x, "
                                       "not 1."),
            ),
        ),
        GradedFunction(
            "gradient_check", 10, gradient_check_cases, output="difference",
            helpers=("forward_propagation", "backward_propagation"), tolerance=CHECK,
            mistakes=(
                Mistake("precedence", PRECEDENCE),
                Mistake("grad_is_gradapprox", "grad must come from backward_propagation(x, "
                                              "theta): compared with itself, gradapprox always "
                                              "gives a difference of 0."),
                Mistake("perturbs_x", "epsilon is added to theta, not to x: J_plus = "
                                      "forward_propagation(x, theta + epsilon)."),
                Mistake("theta_from_x", "theta_plus is theta + epsilon, not x + epsilon: the "
                                        "check must move theta, the parameter."),
                Mistake("no_denominator", FORMULA),
            ),
        ),
        GradedFunction(
            "gradient_check_n", 20, gradient_check_n_cases, output="difference",
            helpers=("forward_propagation_n",), tolerance=CHECK,
            mistakes=(
                Mistake("no_copy", "theta_plus = parameters_values does not copy: the changes "
                                   "stay in parameters_values. Use np.copy(parameters_values) "
                                   "for theta_plus and for theta_minus."),
                Mistake("precedence", PRECEDENCE),
                Mistake("perturbs_every_parameter", "only entry i moves: theta_plus[i] = "
                                                    "theta_plus[i] + epsilon, not the whole "
                                                    "vector."),
                Mistake("norm_of_sum", FORMULA),
            ),
        ),
    ),
)

ASSIGNMENT = Week("gradient_checking", "Improving deep networks: gradient checking", (PART,))
