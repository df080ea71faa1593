"""The helpers of the course's deep-network application, as its `dnn_app_utils_v3` provides them.

Everything the step-by-step assignment builds, finished, with the application's own conventions:
`initialize_parameters_deep` seeds with 1 and scales each layer by 1/sqrt(n_prev) (the
step-by-step version seeds with 3 and scales by 0.01). Also the cat data (`load_data`), a
`predict` that prints the accuracy, and `print_mislabeled_images`.

These are answers to the step-by-step part: only the application part may import this module.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from dnn_utils import relu, relu_backward, sigmoid, sigmoid_backward
from lr_utils import load_dataset

__all__ = [
    "L_model_backward", "L_model_forward", "compute_cost", "initialize_parameters",
    "initialize_parameters_deep", "linear_activation_backward", "linear_activation_forward",
    "linear_backward", "linear_forward", "load_data", "predict", "print_mislabeled_images",
    "relu", "relu_backward", "sigmoid", "sigmoid_backward", "update_parameters",
]

Array = NDArray[Any]
Parameters = dict[str, Array]
LinearCache = tuple[Array, Array, Array]
Cache = tuple[LinearCache, Array]


def load_data(folder: Path | str | None = None) -> tuple[Array, Array, Array, Array, Array]:
    """Return the cat / non-cat images: (train_x_orig, train_y, test_x_orig, test_y, classes)."""
    return load_dataset(folder)


def initialize_parameters(n_x: int, n_h: int, n_y: int) -> Parameters:
    """Seed 1; weights randn * 0.01 of shapes (n_h, n_x) and (n_y, n_h); zero biases."""
    np.random.seed(1)
    W1 = np.random.randn(n_h, n_x) * 0.01
    W2 = np.random.randn(n_y, n_h) * 0.01
    return {"W1": W1, "b1": np.zeros((n_h, 1)), "W2": W2, "b2": np.zeros((n_y, 1))}


def initialize_parameters_deep(layer_dims: list[int] | tuple[int, ...]) -> Parameters:
    """Seed 1; W[l] = randn(n_l, n_{l-1}) / sqrt(n_{l-1}) and zero biases, for l = 1 .. L."""
    np.random.seed(1)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = (np.random.randn(layer_dims[l], layer_dims[l - 1])
                               / np.sqrt(layer_dims[l - 1]))
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return parameters


def linear_forward(A: Array, W: Array, b: Array) -> tuple[Array, LinearCache]:
    """Return Z = W A + b and the cache (A, W, b)."""
    return W.dot(A) + b, (A, W, b)


def linear_activation_forward(A_prev: Array, W: Array, b: Array,
                              activation: str) -> tuple[Array, Cache]:
    """Apply one layer ("sigmoid" or "relu"); cache (linear_cache, Z)."""
    Z, linear_cache = linear_forward(A_prev, W, b)
    A, activation_cache = sigmoid(Z) if activation == "sigmoid" else relu(Z)
    return A, (linear_cache, activation_cache)


def L_model_forward(X: Array, parameters: Parameters) -> tuple[Array, list[Cache]]:
    """Run RELU layers 1 .. L-1 and a SIGMOID layer L; return AL and the L caches."""
    L = len(parameters) // 2
    A, caches = X, []
    for l in range(1, L + 1):
        A, cache = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"],
                                             "sigmoid" if l == L else "relu")
        caches.append(cache)
    return A, caches


def compute_cost(AL: Array, Y: Array) -> Array:
    """Return the mean cross-entropy of AL against Y, as a 0-d array."""
    m = Y.shape[1]
    cost = (1.0 / m) * (-np.dot(Y, np.log(AL).T) - np.dot(1 - Y, np.log(1 - AL).T))
    squeezed: Array = np.squeeze(cost)
    return squeezed


def linear_backward(dZ: Array, cache: LinearCache) -> tuple[Array, Array, Array]:
    """Return (dA_prev, dW, db) of one linear step, averaged over the m examples."""
    A_prev, W, _ = cache
    m = A_prev.shape[1]
    dW = dZ.dot(A_prev.T) / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    return W.T.dot(dZ), dW, db


def linear_activation_backward(dA: Array, cache: Cache,
                               activation: str) -> tuple[Array, Array, Array]:
    """Go back through one layer's activation, then its linear step."""
    linear_cache, activation_cache = cache
    backward = sigmoid_backward if activation == "sigmoid" else relu_backward
    return linear_backward(backward(dA, activation_cache), linear_cache)


def L_model_backward(AL: Array, Y: Array, caches: list[Cache]) -> dict[str, Array]:
    """Return every gradient: dA0 .. dA{L-1}, dW1 .. dWL, db1 .. dbL."""
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dA = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    grads = {}
    for l in range(L, 0, -1):
        dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(
            dA, caches[l - 1], "sigmoid" if l == L else "relu")
        grads[f"dA{l - 1}"] = dA
    return grads


def update_parameters(parameters: Parameters, grads: dict[str, Array],
                      learning_rate: float) -> Parameters:
    """Take one gradient-descent step on `parameters`, in place, and return them."""
    # In place, as the course's module does: a learner who drops the assignment
    # `parameters = update_parameters(...)` still trains there, so must here.
    for l in range(1, len(parameters) // 2 + 1):
        parameters[f"W{l}"] = parameters[f"W{l}"] - learning_rate * grads[f"dW{l}"]
        parameters[f"b{l}"] = parameters[f"b{l}"] - learning_rate * grads[f"db{l}"]
    return parameters


def predict(X: Array, y: Array, parameters: Parameters) -> Array:
    """Return 0/1 predictions of shape (1, m) (probability > 0.5) and print the accuracy."""
    m = X.shape[1]
    probabilities, _ = L_model_forward(X, parameters)
    p = (probabilities > 0.5).astype(np.float64)
    print("Accuracy: " + str(np.sum((p == y) / m)))
    return p


def print_mislabeled_images(classes: Array, X: Array, y: Array, p: Array) -> None:
    """Show the images whose prediction is wrong (listed as text when matplotlib is absent)."""
    wrong = np.flatnonzero((p + y) == 1)
    names = [c.decode("utf-8") if isinstance(c, bytes) else str(c) for c in classes]
    try:
        from matplotlib import pyplot as plt
    except ImportError:  # the grader does not need matplotlib; learners may not have it
        for index in wrong:
            print(f"image {index}: predicted {names[int(p[0, index])]}, "
                  f"labelled {names[int(y[0, index])]}")
        return
    side = round(float(np.sqrt(X.shape[0] / 3)))
    plt.rcParams["figure.figsize"] = (40.0, 40.0)
    for position, index in enumerate(wrong):
        plt.subplot(2, len(wrong), position + 1)
        plt.imshow(X[:, index].reshape(side, side, 3), interpolation="nearest")
        plt.axis("off")
        plt.title(f"Prediction: {names[int(p[0, index])]} \n Class: {names[int(y[0, index])]}")
