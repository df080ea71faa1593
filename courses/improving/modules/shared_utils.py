"""What course 2's helper modules share: the three-layer network of its notebooks, its plots,
and scikit-learn's way of shuffling and blurring a toy dataset.

The network is LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID, examples in columns; its
cache is the tuple `(Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)`. `init_utils`, `reg_utils`,
`gc_utils` and `opt_utils_v1a` import from here; the grader ships this module (and releases it
beside the notebooks) with them. Numpy only.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]
Cache = tuple[Array, ...]
GRID_STEP = 0.01
UPPER = ("dZ3", "dA2", "dZ2", "dA1", "dZ1")  # reg_utils' and gc_utils' names for them
LOWER = ("dz3", "da2", "dz2", "da1", "dz1")  # init_utils' and opt_utils_v1a's


def sigmoid(x: Any) -> Any:
    """Apply 1 / (1 + e^-x) elementwise."""
    return 1 / (1 + np.exp(-x))


def relu(x: Any) -> Any:
    """Apply max(0, x) elementwise."""
    return np.maximum(0, x)


def forward(X: Array, parameters: dict[str, Array]) -> tuple[Array, Cache]:
    """The output A3 of the network for the columns of X, and the cache of every step."""
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    W3, b3 = parameters["W3"], parameters["b3"]
    Z1 = np.dot(W1, X) + b1
    A1 = relu(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = relu(Z2)
    Z3 = np.dot(W3, A2) + b3
    A3 = sigmoid(Z3)
    return A3, (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)


def backward(X: Array, Y: Array, cache: Cache, average_first: bool = False) -> dict[str, Array]:
    """The gradients of the mean cross-entropy, from the cache of `forward`.

    The course's modules differ in where they divide by m: `average_first` divides dZ3 (as
    init_utils and opt_utils_v1a do, naming the activations' gradients `dz3`, `da2`, ...),
    otherwise each dW and db (as reg_utils and gc_utils do: `dZ3`, `dA2`, ...). Both orders are
    kept, so that each module computes exactly what the course's does.
    """
    m = X.shape[1]
    _, A1, _, _, _, A2, W2, _, _, A3, W3, _ = cache
    first, then = (1.0 / m, 1.0) if average_first else (1.0, 1.0 / m)
    dZ3 = first * (A3 - Y)
    dA2 = np.dot(W3.T, dZ3)
    dZ2 = dA2 * (A2 > 0)
    dA1 = np.dot(W2.T, dZ2)
    dZ1 = dA1 * (A1 > 0)
    names = dict(zip(UPPER, LOWER if average_first else UPPER))
    return {names["dZ3"]: dZ3, "dW3": then * np.dot(dZ3, A2.T),
            "db3": then * np.sum(dZ3, axis=1, keepdims=True),
            names["dA2"]: dA2, names["dZ2"]: dZ2, "dW2": then * np.dot(dZ2, A1.T),
            "db2": then * np.sum(dZ2, axis=1, keepdims=True),
            names["dA1"]: dA1, names["dZ1"]: dZ1, "dW1": then * np.dot(dZ1, X.T),
            "db1": then * np.sum(dZ1, axis=1, keepdims=True)}


def update_parameters(parameters: dict[str, Array], grads: dict[str, Array],
                      learning_rate: float) -> dict[str, Array]:
    """One step of gradient descent on every W and b (a new dictionary)."""
    updated = dict(parameters)
    for l in range(1, len(parameters) // 2 + 1):
        updated[f"W{l}"] = parameters[f"W{l}"] - learning_rate * grads[f"dW{l}"]
        updated[f"b{l}"] = parameters[f"b{l}"] - learning_rate * grads[f"db{l}"]
    return updated


def predict(X: Array, y: Array, parameters: dict[str, Array]) -> NDArray[np.int64]:
    """Predictions (1, m) of 0 and 1 (threshold 0.5); prints the accuracy against y."""
    a3, _ = forward(X, parameters)
    p = (a3 > 0.5).astype(np.int64)
    print("Accuracy: " + str(np.mean(p[0, :] == y[0, :])))
    return p


def predict_dec(parameters: dict[str, Array], X: Array) -> NDArray[np.bool_]:
    """Predictions as booleans, for `plot_decision_boundary`."""
    a3, _ = forward(X, parameters)
    return np.asarray(a3 > 0.5)


def plot_decision_boundary(model: Callable[[Array], Any], X: Array,
                           y: Array) -> tuple[Array, Array, Array]:
    """Colour the plane by `model`'s predictions (points as rows, shape (k, 2)) and draw the
    points X (2, m) coloured by y. Returns the grid (xx, yy) and the predictions on it; draws
    only when matplotlib is installed."""
    x_min, x_max = X[0, :].min() - 1, X[0, :].max() + 1
    y_min, y_max = X[1, :].min() - 1, X[1, :].max() + 1
    xx, yy = np.meshgrid(np.arange(x_min, x_max, GRID_STEP), np.arange(y_min, y_max, GRID_STEP))
    Z = np.asarray(model(np.c_[xx.ravel(), yy.ravel()])).reshape(xx.shape)
    try:
        plt = importlib.import_module("matplotlib.pyplot")
    except ImportError:  # plotting is optional: the notebook still runs without it
        return xx, yy, Z
    plt.contourf(xx, yy, Z, cmap=plt.cm.Spectral)
    plt.scatter(X[0, :], X[1, :], c=np.ravel(y), cmap=plt.cm.Spectral)
    plt.show()
    return xx, yy, Z


def shuffled_and_blurred(points: Array, labels: NDArray[np.int64], seed: int,
                         noise: float) -> tuple[Array, NDArray[np.int64]]:
    """Points (n, 2) and labels (n,) in an order drawn by numpy's legacy generator seeded with
    `seed`, then Gaussian noise of scale `noise` on the points, drawn from the same generator:
    scikit-learn's `make_circles` and `make_moons` do these two steps in this order."""
    rng = np.random.RandomState(seed)
    order = np.arange(len(labels))
    rng.shuffle(order)
    return points[order] + rng.normal(scale=noise, size=points.shape), labels[order]
