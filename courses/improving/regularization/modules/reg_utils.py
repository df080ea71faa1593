"""The course's `reg_utils`: the three-layer network to regularise, and the "football" data.

The regularization notebook trains LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID with
these, then swaps in the learner's L2 and dropout functions. Its cache is the tuple
`(Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)`; its gradients have the keys `dZ3`, `dW3`,
`db3`, `dA2`, ... as in the course. Numpy only.

The course reads its football data from `datasets/data.mat`, which cannot be shipped; the data
here is drawn from a seed in the same schema (X (2, m) float64, Y (1, m) uint8; 211 training
and 200 test points of the plane, blue (1) mostly in the upper left and red (0) in the lower
right, with noisy labels: see `football`).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = ["backward_propagation", "compute_cost", "forward_propagation", "initialize_parameters",
           "load_2D_dataset", "plot_decision_boundary", "predict", "predict_dec", "relu",
           "sigmoid", "update_parameters"]

Array = NDArray[np.float64]
Cache = tuple[Array, ...]
Labels = NDArray[np.uint8]
GRID_STEP = 0.01


def sigmoid(x: Any) -> Any:
    """Apply 1 / (1 + e^-x) elementwise."""
    return 1 / (1 + np.exp(-x))


def relu(x: Any) -> Any:
    """Apply max(0, x) elementwise."""
    return np.maximum(0, x)


def initialize_parameters(layer_dims: list[int]) -> dict[str, Array]:
    """Weights drawn after `np.random.seed(3)`, scaled by 1/sqrt(n_prev); zero biases."""
    np.random.seed(3)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = (np.random.randn(layer_dims[l], layer_dims[l - 1])
                               / np.sqrt(layer_dims[l - 1]))
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return parameters


def forward_propagation(X: Array, parameters: dict[str, Array]) -> tuple[Array, Cache]:
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


def backward_propagation(X: Array, Y: Array, cache: Cache) -> dict[str, Array]:
    """The gradients of the cross-entropy cost, from the cache of `forward_propagation`."""
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


def update_parameters(parameters: dict[str, Array], grads: dict[str, Array],
                      learning_rate: float) -> dict[str, Array]:
    """One step of gradient descent on every W and b (a new dictionary)."""
    updated = dict(parameters)
    for l in range(1, len(parameters) // 2 + 1):
        updated[f"W{l}"] = parameters[f"W{l}"] - learning_rate * grads[f"dW{l}"]
        updated[f"b{l}"] = parameters[f"b{l}"] - learning_rate * grads[f"db{l}"]
    return updated


def compute_cost(a3: Array, Y: Array) -> float:
    """The mean cross-entropy; an example whose log is not a number adds nothing (nansum)."""
    m = Y.shape[1]
    with np.errstate(divide="ignore", invalid="ignore"):
        logprobs = np.multiply(-np.log(a3), Y) + np.multiply(-np.log(1 - a3), 1 - Y)
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


def football(m: int, seed: int) -> tuple[Array, Labels]:
    """`m` positions of the field, X (2, m), and who headed the ball there, Y (1, m) uint8.

    Positions spread uniformly over x1 in [-0.6, 0.3] and x2 in [-0.8, 0.6]. A point is blue (1)
    on the upper-left side of a diagonal, red (0) on the other; then some labels are flipped:
    a third of those within 0.06 of the diagonal and 4 % of the others, so that a network
    trained without regularisation bends its boundary around them and does worse on the test
    set than a regularised one, as with the course's data.
    """
    rng = np.random.RandomState(seed)
    X = np.vstack((rng.uniform(-0.6, 0.3, m), rng.uniform(-0.8, 0.6, m)))
    side = np.array([-0.88, 0.48]) @ (X - np.array([[-0.12], [-0.05]]))
    flipped = rng.uniform(size=m) < np.where(np.abs(side) < 0.06, 0.35, 0.04)
    return X, ((side > 0) ^ flipped).astype(np.uint8).reshape(1, m)


def load_2D_dataset() -> tuple[Array, Labels, Array, Labels]:
    """The football data: train_X (2, 211), train_Y (1, 211), test_X (2, 200), test_Y (1, 200)."""
    train_X, train_Y = football(211, seed=1)
    test_X, test_Y = football(200, seed=2)
    return train_X, train_Y, test_X, test_Y
