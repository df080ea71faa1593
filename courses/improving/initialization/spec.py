"""Course 2, week 1, assignment 1: initialising a deep network with zeros, large random values
and He's scaling.

Each function gets the course's published example first (`[3, 2, 1]`; He's public test
`[3, 1, 2]` and the notebook's `[2, 4, 1]`), then layer sizes drawn from the grading RNG that
vary on purpose: one layer of weights, a deep network, a single input feature, a wide input.
The random initialisations seed numpy with 3 themselves, so their values are deterministic.
"""

from __future__ import annotations

from types import ModuleType

import numpy as np

from grader.spec import Case, GradedFunction, Mistake, Part, Week

Rng = np.random.Generator


def _sizes(rng: Rng, count: int, low: int = 1, high: int = 8) -> list[int]:
    return [int(n) for n in rng.integers(low, high, count)]


def _drawn(rng: Rng) -> list[Case]:
    """Layer sizes unlike the course's; consecutive sizes differ, so shapes tell rows from
    columns and each layer's scale from the previous one's."""
    deep = _sizes(rng, int(rng.integers(5, 7)), 2, 9)
    one_layer = [int(rng.integers(2, 6)), int(rng.integers(6, 9))]
    return [
        Case(f"one layer of weights {one_layer}", (one_layer,)),
        Case(f"a deeper network {deep}", (deep,)),
        Case("one input feature", ([1, *_sizes(rng, 2, 2, 6)],)),
        Case("a wide input", ([int(rng.integers(20, 40)), *_sizes(rng, 2, 2, 6)],)),
    ]


def zeros_cases(rng: Rng, ref: ModuleType) -> list[Case]:
    return [Case("course example [3, 2, 1]", ([3, 2, 1],)), *_drawn(rng)]


def random_cases(rng: Rng, ref: ModuleType) -> list[Case]:
    return [Case("course example [3, 2, 1]", ([3, 2, 1],)), *_drawn(rng)]


def he_cases(rng: Rng, ref: ModuleType) -> list[Case]:
    return [Case("course example [3, 1, 2]", ([3, 1, 2],)),
            Case("notebook example [2, 4, 1]", ([2, 4, 1],)), *_drawn(rng)]


SHAPE_HINT = ("W[l] has shape (layers_dims[l], layers_dims[l-1]): rows are the layer's own "
              "units, columns the previous layer's.")
BIAS_HINT = ("each b[l] is a column of shape (layers_dims[l], 1), not a rank-1 array: "
             "np.zeros((layers_dims[l], 1)).")

PART = Part(
    name="initialization",
    title="Initialization: zeros, large random values, He",
    reference="initialization",
    modules=("init_utils", "public_tests", "testCases", "test_utils"),
    ships=("init_utils",),
    functions=(
        GradedFunction(
            "initialize_parameters_zeros", 10, zeros_cases, output="parameters",
            mistakes=(
                Mistake("shape_as_two_arguments",
                        "np.zeros takes the shape as one tuple: np.zeros((layers_dims[l], "
                        "layers_dims[l-1])); a second argument is read as the dtype."),
                Mistake("transposed", SHAPE_HINT),
                Mistake("rank1_bias", BIAS_HINT),
            ),
        ),
        GradedFunction(
            "initialize_parameters_random", 10, random_cases, output="parameters", draws=True,
            mistakes=(
                Mistake("times_0_01", "the weights are scaled by 0.01, as in the first course; "
                                      "here they are meant to be large: multiply by 10."),
                Mistake("not_scaled", "the weights are not scaled: multiply "
                                      "np.random.randn(...) by 10."),
                Mistake("uniform", "the weights come from np.random.rand (uniform on [0, 1)); "
                                   "use np.random.randn (standard normal), times 10."),
            ),
        ),
        GradedFunction(
            "initialize_parameters_he", 10, he_cases, output="parameters", draws=True,
            math_allowed=True,  # math.sqrt(2 / layers_dims[l-1]) is a number: it is right here
            mistakes=(
                Mistake("current_layer", "He's scale uses the size of the previous layer: "
                                         "np.sqrt(2 / layers_dims[l-1]), not layers_dims[l]."),
                Mistake("xavier", "that is Xavier's scale, sqrt(1 / n_prev); He's is "
                                  "sqrt(2 / n_prev)."),
                Mistake("no_sqrt", "the scale is 2 / n_prev without the square root: "
                                   "np.sqrt(2 / layers_dims[l-1])."),
            ),
        ),
    ),
)

ASSIGNMENT = Week("initialization", "Improving deep networks: initialization", (PART,))
