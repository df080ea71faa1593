"""The course helper module `dnn_app_utils_v3`, written by `grade release`.

Plain Python: it needs numpy (and h5py for the course's data files), not `grade`. It is made
from the grader's grader.course.dnn_utils, grader.course.lr_utils and
grader.course.dnn_app_utils_v3: edit those, not this file.
"""

from __future__ import annotations


# --- from grader.course.dnn_utils ---

import numpy as np
from numpy.typing import NDArray

__all__ = ["relu", "relu_backward", "sigmoid", "sigmoid_backward"]

Array = NDArray[np.float64]


def sigmoid(Z: Array) -> tuple[Array, Array]:
    """Apply 1 / (1 + e^-Z) elementwise; cache Z."""
    A = 1.0 / (1.0 + np.exp(-Z))
    return A, Z


def relu(Z: Array) -> tuple[Array, Array]:
    """Apply max(0, Z) elementwise; cache Z."""
    A = np.maximum(0, Z)
    return A, Z


def sigmoid_backward(dA: Array, cache: Array) -> Array:
    """Return dZ = dA * s * (1 - s), where s is the sigmoid of the cached Z."""
    s = 1.0 / (1.0 + np.exp(-cache))
    return dA * s * (1 - s)


def relu_backward(dA: Array, cache: Array) -> Array:
    """Return dZ = dA where the cached Z is positive, 0 elsewhere."""
    dZ = np.array(dA, copy=True)
    dZ[cache <= 0] = 0
    return dZ

# --- from grader.course.lr_utils ---

from pathlib import Path
from typing import Any

from numpy.typing import NDArray

__all__ = ["load_dataset"]


TRAIN_FILE, TEST_FILE = "train_catvnoncat.h5", "test_catvnoncat.h5"
_MISSING = ("the cat pictures are not in {where}/ ({train} and {test}): copy the course's "
            "datasets/ folder beside this notebook, or install the grader (pip install grade-dl) "
            "and load them again: it makes look-alike pictures")


def load_dataset(folder: Path | str | None = None
                 ) -> tuple[NDArray[Any], NDArray[Any], NDArray[Any], NDArray[Any], NDArray[Any]]:
    """Return (train_x_orig, train_y, test_x_orig, test_y, classes), the labels shaped (1, m).

    Read from `folder`, else from `datasets/` as the course does when the files are there;
    else, with the grader installed, its generated pictures.
    """
    where = Path("datasets" if folder is None else folder)
    course_files = (where / TRAIN_FILE).is_file() and (where / TEST_FILE).is_file()
    try:
        from grader.datasets import cats  # only when called: h5py stays out of the sandbox
    except ImportError:  # a released copy, where the grader is not installed
        if not course_files:
            raise FileNotFoundError(_MISSING.format(where=where, train=TRAIN_FILE,
                                                    test=TEST_FILE)) from None
        return _read_course_files(where)
    return cats.load_dataset(where if course_files or folder is not None else None)


def _read_course_files(where: Path
                       ) -> tuple[NDArray[Any], NDArray[Any], NDArray[Any], NDArray[Any],
                                  NDArray[Any]]:
    """The course's two HDF5 files, read as the course's own `lr_utils` reads them."""
    import h5py  # type: ignore[import-untyped]
    import numpy as np

    with h5py.File(where / TRAIN_FILE, "r") as train, h5py.File(where / TEST_FILE, "r") as test:
        return (np.array(train["train_set_x"][:]), np.array(train["train_set_y"][:]).reshape(1, -1),
                np.array(test["test_set_x"][:]), np.array(test["test_set_y"][:]).reshape(1, -1),
                np.array(test["list_classes"][:]))

# --- from grader.course.dnn_app_utils_v3 ---

from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray


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
    return np.squeeze(cost)


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
    side = int(round(np.sqrt(X.shape[0] / 3)))
    plt.rcParams["figure.figsize"] = (40.0, 40.0)
    for position, index in enumerate(wrong):
        plt.subplot(2, len(wrong), position + 1)
        plt.imshow(X[:, index].reshape(side, side, 3), interpolation="nearest")
        plt.axis("off")
        plt.title(f"Prediction: {names[int(p[0, index])]} \n Class: {names[int(y[0, index])]}")
