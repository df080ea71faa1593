"""Week 2, part 1: numpy basics.

Each function gets the course's published example and cases drawn from the grading RNG that
change the shapes: a single row or element, square matrices (where a missing `keepdims`
broadcasts silently instead of failing), columns, three-dimensional arrays. Sizes are kept
above one where a size-1 array would let `math.exp` through.
"""

from __future__ import annotations

from types import ModuleType

import numpy as np

from grader.spec import Case, GradedFunction, Mistake, Part
from grader.variants import Signature

from ..releases import CURRENT, older

Rng = np.random.Generator

COURSE_IMAGE = np.array([
    [[0.67826139, 0.29380381], [0.90714982, 0.52835647], [0.4215251, 0.45017551]],
    [[0.92814219, 0.96677647], [0.85304703, 0.52351845], [0.19981397, 0.27417313]],
    [[0.60659855, 0.00533165], [0.10820313, 0.49978937], [0.34144279, 0.94630077]],
])
COURSE_YHAT = np.array([0.9, 0.2, 0.1, 0.4, 0.9])
COURSE_Y = np.array([1, 0, 0, 1, 1])


def _number(rng: Rng, low: float, high: float) -> float:
    return float(np.round(rng.uniform(low, high), 3))


def _size(rng: Rng, low: int = 2, high: int = 7) -> int:
    return int(rng.integers(low, high))


def basic_sigmoid_cases(rng: Rng, ref: ModuleType) -> list[Case]:
    return [
        Case("course example", (1,)),
        Case("a negative number", (_number(rng, -6, -1),)),
        Case("a small fraction", (_number(rng, 0.05, 0.9),)),
        Case("a large number", (_number(rng, 4, 12),)),
    ]


def sigmoid_cases(rng: Rng, ref: ModuleType) -> list[Case]:
    return [
        Case("course example [1, 2, 3]", (np.array([1, 2, 3]),)),
        Case("a matrix", (rng.normal(0, 3, (_size(rng), _size(rng, 3))),)),
        Case("a column", (rng.normal(0, 3, (_size(rng, 3), 1)),)),
        Case("a three-dimensional array", (rng.normal(0, 3, (2, _size(rng), 3)),)),
    ]


def sigmoid_derivative_cases(rng: Rng, ref: ModuleType) -> list[Case]:
    return [
        Case("course example [1, 2, 3]", (np.array([1, 2, 3]),)),
        Case("a matrix", (rng.normal(0, 2, (_size(rng), _size(rng, 3))),)),
        Case("a row of negative numbers", (-rng.uniform(0.1, 5, (1, _size(rng, 4))),)),
    ]


def image2vector_cases(rng: Rng, ref: ModuleType) -> list[Case]:
    return [
        Case("course example (a 3 x 3 x 2 array)", (COURSE_IMAGE,)),
        Case("a single pixel (1 x 1 x 3)", (rng.random((1, 1, 3)),)),
        Case("a colour image", (rng.random((_size(rng, 3), _size(rng, 3, 8), 3)),)),
        Case("a grey image (depth 1)", (rng.random((_size(rng), _size(rng, 3), 1)),)),
    ]


def normalize_rows_cases(rng: Rng, ref: ModuleType) -> list[Case]:
    square = _size(rng, 3, 6)
    return [
        Case("course example", (np.array([[0, 3, 4], [1, 6, 4]]),)),
        Case("one row", (rng.normal(size=(1, _size(rng, 3))),)),
        Case("a square matrix", (rng.normal(size=(square, square)),)),
        Case("more rows than columns", (rng.normal(size=(_size(rng, 5, 9), 3)),)),
    ]


def softmax_cases(rng: Rng, ref: ModuleType) -> list[Case]:
    square = _size(rng, 3, 6)
    return [
        Case("course example", (np.array([[9, 2, 5, 0, 0], [7, 5, 0, 0, 0]]),)),
        Case("one row", (rng.normal(0, 2, (1, _size(rng, 3))),)),
        Case("a square matrix", (rng.normal(0, 2, (square, square)),)),
        Case("more rows than columns", (rng.normal(0, 2, (_size(rng, 5, 9), 2)),)),
    ]


def _loss_cases(rng: Rng) -> list[Case]:
    def draw(m: int) -> tuple[np.ndarray, np.ndarray]:
        return np.round(rng.random(m), 2), rng.integers(0, 2, m)

    return [
        Case("course example", (COURSE_YHAT, COURSE_Y)),
        Case("one example", draw(1)),
        Case("many examples", draw(_size(rng, 8, 20))),
    ]


def L1_cases(rng: Rng, ref: ModuleType) -> list[Case]:
    return _loss_cases(rng)


def L2_cases(rng: Rng, ref: ModuleType) -> list[Case]:
    return _loss_cases(rng)


def precedence(exp: str, x: str) -> Mistake:
    """The sigmoid written 1 / 1 + e^(-x): the division comes first."""
    return Mistake("precedence", f"the division binds before the addition: write "
                                 f"1 / (1 + {exp}(-{x})), with the parentheses.")


def sigmoid_mistakes(x: str) -> tuple[Mistake, ...]:
    """The numpy sigmoid's mistakes, in words that call its argument `x` (week 2 has two)."""
    return (
        Mistake("math_exp", "math.exp works on one number only: use np.exp, which works on "
                            "every element of an array."),
        Mistake("no_minus", f"the exponent lost its minus sign: np.exp(-{x})."),
        precedence("np.exp", x),
    )


# The older release differs in names only (normalizeRows, an alias): it is named in reports.
RELEASES = (
    CURRENT,
    older("v3a", "the v3a release (### START CODE HERE ###, normalizeRows)", "[1-3]",
          Signature("normalizeRows", ("x",))),
)

PART = Part(
    name="numpy_basics",
    title="Python basics with numpy",
    reference="numpy_basics",
    modules=("public_tests", "test_utils"),
    releases=RELEASES,
    functions=(
        GradedFunction(
            "basic_sigmoid", 10, basic_sigmoid_cases, output="s", strict_types=True,
            mistakes=(
                Mistake("no_minus", "the exponent lost its minus sign: math.exp(-x)."),
                precedence("math.exp", "x"),
                Mistake("minus_in_denominator", "the denominator is 1 + e^(-x), not 1 - e^(-x)."),
            ),
        ),
        GradedFunction(
            "sigmoid", 10, sigmoid_cases, output="s", mistakes=sigmoid_mistakes("x"),
        ),
        GradedFunction(
            "sigmoid_derivative", 10, sigmoid_derivative_cases, output="ds",
            helpers=("sigmoid",),
            mistakes=(
                Mistake("of_x_not_s", "the formula is s * (1 - s) where s = sigmoid(x), not "
                                      "x * (1 - x)."),
                Mistake("mixed", "both factors use s = sigmoid(x): s * (1 - s), not "
                                 "s * (1 - x)."),
                Mistake("tanh_slope", "1 - s^2 is the slope of tanh; the sigmoid's is "
                                      "s * (1 - s)."),
            ),
        ),
        GradedFunction(
            "image2vector", 10, image2vector_cases, output="v",
            mistakes=(
                Mistake("rank1", "reshape(-1) gives a rank-1 array: ask for a column, shape "
                                 "(length * height * depth, 1)."),
                Mistake("row", "the result is a row; it must be a column of shape "
                               "(length * height * depth, 1)."),
                Mistake("column_major", "the values come in column-major (Fortran) order: "
                                        "reshape in numpy's default order, without order='F'."),
                Mistake("first_axis_kept", "only the last two axes were flattened: all three "
                                           "go into one column."),
            ),
        ),
        GradedFunction(
            "normalize_rows", 10, normalize_rows_cases, aliases=("normalizeRows",), output="x",
            mistakes=(
                Mistake("no_keepdims", "the norms came out as a rank-1 array, which numpy "
                                       "broadcasts across columns, not rows: pass "
                                       "keepdims=True."),
                Mistake("columns", "each column was normalised: the norm is over each row, "
                                   "axis=1."),
                Mistake("squared_norm", "x was divided by the sum of squares: take its square "
                                        "root (np.linalg.norm does)."),
            ),
        ),
        GradedFunction(
            "softmax", 10, softmax_cases, output="s",
            mistakes=(
                Mistake("columns", "the exponentials were divided by their column's sum: sum "
                                   "each row, axis=1."),
                Mistake("whole_matrix", "the exponentials were divided by the sum of the whole "
                                        "matrix: sum each row (axis=1, keepdims=True)."),
                Mistake("no_keepdims", "the row sums came out as a rank-1 array, which numpy "
                                       "broadcasts across columns: pass keepdims=True."),
            ),
        ),
        GradedFunction(
            "L1", 10, L1_cases, output="loss",
            mistakes=(
                Mistake("no_abs", "differences of opposite signs cancel: take np.abs of each "
                                  "difference before summing."),
                Mistake("mean", "that is the mean of the absolute differences: the L1 loss is "
                                "their sum."),
                Mistake("no_sum", "the loss is one number: sum the absolute differences."),
            ),
        ),
        GradedFunction(
            "L2", 10, L2_cases, output="loss",
            mistakes=(
                Mistake("norm", "that is the Euclidean distance (a square root): the L2 loss is "
                                "the sum of the squares, without the root."),
                Mistake("absolute", "that is the L1 loss: square each difference instead of "
                                    "taking its absolute value."),
                Mistake("mean", "that is the mean of the squared differences: the L2 loss is "
                                "their sum."),
            ),
        ),
    ),
)
