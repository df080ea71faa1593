"""The course's `gc_utils`: activations, and the plumbing between parameters and one vector.

The gradient-checking notebook perturbs the parameters of a 4-5-3-1 network one entry at a
time. `dictionary_to_vector` rolls the six arrays W1, b1, W2, b2, W3, b3 into one column of
47 values (in that order, each array row by row), `vector_to_dictionary` unrolls such a column
back into the six arrays, and `gradients_to_vector` rolls dW1 ... db3 the same way. As in the
course, the shapes are those of the notebook's network (`SHAPES`).

`forward_propagation_n` (the cost of that network) and `backward_propagation_n` (its correct
gradients) are the two functions the notebook defines in its own cells; they are here too, so
that the grader can give a learner's `gradient_check_n` the course's cost function.
"""

from __future__ import annotations

import numpy as np
from shared_utils import Array, Cache, backward, forward, relu, sigmoid

__all__ = ["backward_propagation_n", "dictionary_to_vector", "forward_propagation_n",
           "gradients_to_vector", "relu", "sigmoid", "vector_to_dictionary"]

Shapes = tuple[tuple[str, tuple[int, int]], ...]
SHAPES: Shapes = (("W1", (5, 4)), ("b1", (5, 1)), ("W2", (3, 5)), ("b2", (3, 1)), ("W3", (1, 3)),
                  ("b3", (1, 1)))
KEYS = tuple(key for key, _ in SHAPES)


def _rolled(arrays: list[Array]) -> Array:
    return np.concatenate([np.reshape(a, (-1, 1)) for a in arrays], axis=0)


def dictionary_to_vector(parameters: dict[str, Array]) -> tuple[Array, list[str]]:
    """One column (47, 1) of W1, b1, W2, b2, W3, b3, and the name of each entry's array."""
    keys = [key for key in KEYS for _ in range(int(np.size(parameters[key])))]
    return _rolled([parameters[key] for key in KEYS]), keys


def vector_to_dictionary(theta: Array, shapes: Shapes = SHAPES) -> dict[str, Array]:
    """The arrays W1 ... b3 unrolled from the column `theta` (the inverse of the above)."""
    parameters = {}
    start = 0
    for key, shape in shapes:
        size = shape[0] * shape[1]
        parameters[key] = np.reshape(theta[start:start + size], shape)
        start += size
    return parameters


def gradients_to_vector(gradients: dict[str, Array]) -> Array:
    """One column of dW1, db1, dW2, db2, dW3, db3, in the order of `dictionary_to_vector`."""
    return _rolled([gradients["d" + key] for key in KEYS])


def forward_propagation_n(X: Array, Y: Array, parameters: dict[str, Array]) -> tuple[float, Cache]:
    """The cross-entropy cost of LINEAR->RELU->LINEAR->RELU->LINEAR->SIGMOID on X, and its cache
    `(Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)`."""
    A3, cache = forward(X, parameters)
    log_probs = np.multiply(-np.log(A3), Y) + np.multiply(-np.log(1 - A3), 1 - Y)
    return float(1.0 / X.shape[1] * np.sum(log_probs)), cache


def backward_propagation_n(X: Array, Y: Array, cache: Cache) -> dict[str, Array]:
    """The gradients of that cost (keys dZ3, dW3, db3, dA2, ... dW1, db1), without the
    mistakes the notebook's own version has on purpose."""
    return backward(X, Y, cache)
