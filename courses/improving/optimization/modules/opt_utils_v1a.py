"""The course's `opt_utils_v1a`: the network the optimizers train, and the "moons" data.

The optimization notebook trains LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID on
mini-batches with the learner's update rules. As in the course's version `v1a`, `compute_cost`
returns the *sum* of the losses of a mini-batch (the model averages over the epoch), the
initialisation is He's (seed 3, scaled by sqrt(2 / n_prev)), and the gradients use lower-case
keys for the activations (`dz3`, `da2`, ...). Numpy only: the moons are drawn the way
scikit-learn's `make_moons` draws them, so the course's seed gives the course's points.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = ["backward_propagation", "compute_cost", "forward_propagation", "initialize_parameters",
           "load_dataset", "load_params_and_grads", "plot_decision_boundary", "predict",
           "predict_dec", "relu", "sigmoid"]

Array = NDArray[np.float64]
Cache = tuple[Array, ...]
GRID_STEP = 0.01


def sigmoid(x: Any) -> Any:
    """Apply 1 / (1 + e^-x) elementwise."""
    return 1 / (1 + np.exp(-x))


def relu(x: Any) -> Any:
    """Apply max(0, x) elementwise."""
    return np.maximum(0, x)


def load_params_and_grads(seed: int = 1) -> tuple[Array, ...]:
    """W1, b1, W2, b2 of a 3-2-3 network and gradients of their shapes, drawn after `seed`."""
    np.random.seed(seed)
    shapes = ((2, 3), (2, 1), (3, 3), (3, 1))
    values = [np.random.randn(*shape) for shape in shapes]
    return (*values, *(np.random.randn(*shape) for shape in shapes))


def initialize_parameters(layer_dims: list[int]) -> dict[str, Array]:
    """He initialisation drawn after `np.random.seed(3)`; zero biases."""
    np.random.seed(3)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = (np.random.randn(layer_dims[l], layer_dims[l - 1])
                               * np.sqrt(2 / layer_dims[l - 1]))
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return parameters


def compute_cost(a3: Array, Y: Array) -> float:
    """The *total* cross-entropy of a mini-batch (not divided by its size)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        logprobs = np.multiply(-np.log(a3), Y) + np.multiply(-np.log(1 - a3), 1 - Y)
    return float(np.sum(logprobs))


def forward_propagation(X: Array, parameters: dict[str, Array]) -> tuple[Array, Cache]:
    """The output a3 for the columns of X, and the cache (z1, a1, W1, b1, ..., a3, W3, b3)."""
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    W3, b3 = parameters["W3"], parameters["b3"]
    z1 = np.dot(W1, X) + b1
    a1 = relu(z1)
    z2 = np.dot(W2, a1) + b2
    a2 = relu(z2)
    z3 = np.dot(W3, a2) + b3
    a3 = sigmoid(z3)
    return a3, (z1, a1, W1, b1, z2, a2, W2, b2, z3, a3, W3, b3)


def backward_propagation(X: Array, Y: Array, cache: Cache) -> dict[str, Array]:
    """The gradients of the mean cross-entropy over the columns of X."""
    m = X.shape[1]
    _, a1, _, _, _, a2, W2, _, _, a3, W3, _ = cache
    dz3 = 1.0 / m * (a3 - Y)
    da2 = np.dot(W3.T, dz3)
    dz2 = da2 * (a2 > 0)
    da1 = np.dot(W2.T, dz2)
    dz1 = da1 * (a1 > 0)
    return {"dz3": dz3, "dW3": np.dot(dz3, a2.T), "db3": np.sum(dz3, axis=1, keepdims=True),
            "da2": da2, "dz2": dz2, "dW2": np.dot(dz2, a1.T),
            "db2": np.sum(dz2, axis=1, keepdims=True),
            "da1": da1, "dz1": dz1, "dW1": np.dot(dz1, X.T),
            "db1": np.sum(dz1, axis=1, keepdims=True)}


def predict(X: Array, y: Array, parameters: dict[str, Array]) -> NDArray[np.int64]:
    """Predictions (1, m) of 0 and 1 (threshold 0.5); prints the accuracy against y."""
    a3, _ = forward_propagation(X, parameters)
    p = (a3 > 0.5).astype(np.int64)
    print("Accuracy: " + str(np.mean(p[0, :] == y[0, :])))
    return p


def predict_dec(parameters: dict[str, Array], X: Array) -> NDArray[np.bool_]:
    """Predictions as booleans, for `plot_decision_boundary`."""
    a3, _ = forward_propagation(X, parameters)
    return np.asarray(a3 > 0.5)


def plot_decision_boundary(model: Callable[[Array], Any], X: Array,
                           y: Array) -> tuple[Array, Array, Array]:
    """Colour the plane by `model`'s predictions (points as rows, shape (k, 2)) and draw the
    points X (2, m) coloured by y; draws only when matplotlib is installed."""
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


def moons(n: int, seed: int, noise: float = 0.2) -> tuple[Array, NDArray[np.int64]]:
    """Two interleaving half circles: points X (n, 2) and labels y (n,), 0 on the upper one.

    Drawn in scikit-learn's order (evenly spaced angles, a shuffle, then Gaussian noise) from
    numpy's legacy generator seeded with `seed`, so the course's seed gives its points.
    """
    rng = np.random.RandomState(seed)
    upper = n // 2
    top, bottom = np.linspace(0, np.pi, upper), np.linspace(0, np.pi, n - upper)
    points = np.vstack((np.append(np.cos(top), 1 - np.cos(bottom)),
                        np.append(np.sin(top), 1 - np.sin(bottom) - 0.5))).T
    labels = (np.arange(n) >= upper).astype(np.int64)
    order = np.arange(n)
    rng.shuffle(order)
    return points[order] + rng.normal(scale=noise, size=(n, 2)), labels[order]


def load_dataset() -> tuple[Array, NDArray[np.int64]]:
    """The moons: train_X (2, 300) and train_Y (1, 300)."""
    X, y = moons(300, seed=3)
    return X.T, y.reshape(1, -1)
