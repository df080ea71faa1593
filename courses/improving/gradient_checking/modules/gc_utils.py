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

from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = ["backward_propagation_n", "dictionary_to_vector", "forward_propagation_n",
           "gradients_to_vector", "relu", "sigmoid", "vector_to_dictionary"]

Array = NDArray[np.float64]
Cache = tuple[Array, ...]
SHAPES: dict[str, tuple[int, int]] = {"W1": (5, 4), "b1": (5, 1), "W2": (3, 5), "b2": (3, 1),
                                      "W3": (1, 3), "b3": (1, 1)}


def sigmoid(x: Any) -> Any:
    """Apply 1 / (1 + e^-x) elementwise."""
    return 1 / (1 + np.exp(-x))


def relu(x: Any) -> Any:
    """Apply max(0, x) elementwise."""
    return np.maximum(0, x)


def _rolled(arrays: list[Array]) -> Array:
    return np.concatenate([np.reshape(a, (-1, 1)) for a in arrays], axis=0)


def dictionary_to_vector(parameters: dict[str, Array]) -> tuple[Array, list[str]]:
    """One column (47, 1) of W1, b1, W2, b2, W3, b3, and the name of each entry's array."""
    keys = [key for key in SHAPES for _ in range(int(np.size(parameters[key])))]
    return _rolled([parameters[key] for key in SHAPES]), keys


def vector_to_dictionary(theta: Array,
                         shapes: dict[str, tuple[int, int]] | None = None) -> dict[str, Array]:
    """The arrays W1 ... b3 unrolled from the column `theta` (the inverse of the above)."""
    parameters = {}
    start = 0
    for key, shape in (shapes or SHAPES).items():
        size = shape[0] * shape[1]
        parameters[key] = np.reshape(theta[start:start + size], shape)
        start += size
    return parameters


def gradients_to_vector(gradients: dict[str, Array]) -> Array:
    """One column of dW1, db1, dW2, db2, dW3, db3, in the order of `dictionary_to_vector`."""
    return _rolled([gradients["d" + key] for key in SHAPES])


def forward_propagation_n(X: Array, Y: Array, parameters: dict[str, Array]) -> tuple[float, Cache]:
    """The cross-entropy cost of LINEAR->RELU->LINEAR->RELU->LINEAR->SIGMOID on X, and its cache
    `(Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)`."""
    m = X.shape[1]
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    W3, b3 = parameters["W3"], parameters["b3"]
    Z1 = np.dot(W1, X) + b1
    A1 = relu(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = relu(Z2)
    Z3 = np.dot(W3, A2) + b3
    A3 = sigmoid(Z3)
    log_probs = np.multiply(-np.log(A3), Y) + np.multiply(-np.log(1 - A3), 1 - Y)
    cost = 1.0 / m * np.sum(log_probs)
    return float(cost), (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)


def backward_propagation_n(X: Array, Y: Array, cache: Cache) -> dict[str, Array]:
    """The gradients of that cost (keys dZ3, dW3, db3, dA2, ... dW1, db1), without the
    mistakes the notebook's own version has on purpose."""
    m = X.shape[1]
    _, A1, _, _, _, A2, W2, _, _, A3, W3, _ = cache
    dZ3 = A3 - Y
    dA2 = np.dot(W3.T, dZ3)
    dZ2 = dA2 * (A2 > 0)
    dA1 = np.dot(W2.T, dZ2)
    dZ1 = dA1 * (A1 > 0)
    return {"dZ3": dZ3, "dW3": 1.0 / m * np.dot(dZ3, A2.T),
            "db3": 1.0 / m * np.sum(dZ3, axis=1, keepdims=True),
            "dA2": dA2, "dZ2": dZ2, "dW2": 1.0 / m * np.dot(dZ2, A1.T),
            "db2": 1.0 / m * np.sum(dZ2, axis=1, keepdims=True),
            "dA1": dA1, "dZ1": dZ1, "dW1": 1.0 / m * np.dot(dZ1, X.T),
            "db1": 1.0 / m * np.sum(dZ1, axis=1, keepdims=True)}
