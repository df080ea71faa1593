"""The course's `init_utils`: a three-layer ReLU network to train, and the "circles" data.

The initialization notebook imports these to train one network three times, with weights
initialised by the learner's three functions. Numpy only: the circles are drawn the way
scikit-learn's `make_circles` draws them (so the course's seeds give the course's points), and
the decision-boundary plot draws only when matplotlib is installed.

The network is LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID; its cache is the tuple
`(z1, a1, W1, b1, z2, a2, W2, b2, z3, a3, W3, b3)` and its gradients use lower-case keys for
the activations (`dz3`, `da2`, ...), as in the course.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = ["backward_propagation", "compute_loss", "forward_propagation", "load_dataset",
           "plot_decision_boundary", "predict", "predict_dec", "relu", "sigmoid",
           "update_parameters"]

Array = NDArray[np.float64]
Cache = tuple[Array, ...]
GRID_STEP = 0.01


def sigmoid(x: Any) -> Any:
    """Apply 1 / (1 + e^-x) elementwise."""
    return 1 / (1 + np.exp(-x))


def relu(x: Any) -> Any:
    """Apply max(0, x) elementwise."""
    return np.maximum(0, x)


def forward_propagation(X: Array, parameters: dict[str, Array]) -> tuple[Array, Cache]:
    """The output a3 of the network for the columns of X, and the cache of every step."""
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
    """The gradients of the cross-entropy loss, from the cache of `forward_propagation`."""
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


def update_parameters(parameters: dict[str, Array], grads: dict[str, Array],
                      learning_rate: float) -> dict[str, Array]:
    """One step of gradient descent on every W and b (a new dictionary)."""
    updated = dict(parameters)
    for l in range(1, len(parameters) // 2 + 1):
        updated[f"W{l}"] = parameters[f"W{l}"] - learning_rate * grads[f"dW{l}"]
        updated[f"b{l}"] = parameters[f"b{l}"] - learning_rate * grads[f"db{l}"]
    return updated


def compute_loss(a3: Array, Y: Array) -> float:
    """The mean cross-entropy; an example whose log is not a number adds nothing (nansum)."""
    m = Y.shape[1]
    with np.errstate(divide="ignore", invalid="ignore"):
        logprobs = -np.log(a3) * Y - np.log(1 - a3) * (1 - Y)
    return float(1.0 / m * np.nansum(logprobs))


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
    """Colour the plane by `model`'s predictions and draw the points X (2, m) coloured by y.

    `model` takes points as rows, shape (k, 2). Returns the grid (xx, yy) and the predictions
    on it; draws only when matplotlib is installed.
    """
    x_min, x_max = X[0, :].min() - 1, X[0, :].max() + 1
    y_min, y_max = X[1, :].min() - 1, X[1, :].max() + 1
    xx, yy = np.meshgrid(np.arange(x_min, x_max, GRID_STEP), np.arange(y_min, y_max, GRID_STEP))
    Z = np.asarray(model(np.c_[xx.ravel(), yy.ravel()])).reshape(xx.shape)
    try:
        plt = importlib.import_module("matplotlib.pyplot")
    except ImportError:  # plotting is optional: the notebook still runs without it
        return xx, yy, Z
    plt.contourf(xx, yy, Z, cmap=plt.cm.Spectral)
    plt.ylabel("x2")
    plt.xlabel("x1")
    plt.scatter(X[0, :], X[1, :], c=np.ravel(y), cmap=plt.cm.Spectral)
    plt.show()
    return xx, yy, Z


def circles(n: int, seed: int, noise: float = 0.05,
            factor: float = 0.8) -> tuple[Array, NDArray[np.int64]]:
    """Two noisy concentric circles: points X (n, 2) and labels y (n,), 0 on the outer circle.

    Drawn in scikit-learn's order (evenly spaced angles, a shuffle, then Gaussian noise) from
    numpy's legacy generator seeded with `seed`, so the course's seeds give its points.
    """
    rng = np.random.RandomState(seed)
    outer = n // 2
    angles = np.concatenate((np.linspace(0, 2 * np.pi, outer, endpoint=False),
                             np.linspace(0, 2 * np.pi, n - outer, endpoint=False)))
    radius = np.where(np.arange(n) < outer, 1.0, factor)
    points = np.vstack((np.cos(angles) * radius, np.sin(angles) * radius)).T
    labels = (np.arange(n) >= outer).astype(np.int64)
    order = np.arange(n)
    rng.shuffle(order)
    return points[order] + rng.normal(scale=noise, size=(n, 2)), labels[order]


def load_dataset() -> tuple[Array, NDArray[np.int64], Array, NDArray[np.int64]]:
    """The circles: train_X (2, 300), train_Y (1, 300), test_X (2, 100), test_Y (1, 100)."""
    train_X, train_y = circles(300, seed=1)
    test_X, test_y = circles(100, seed=2)
    return train_X.T, train_y.reshape(1, -1), test_X.T, test_y.reshape(1, -1)
