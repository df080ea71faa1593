"""The course's `opt_utils_v1a`: the network the optimizers train, and the "moons" data.

The optimization notebook trains LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID on
mini-batches with the learner's update rules. As in the course's version `v1a`, `compute_cost`
returns the *sum* of the losses of a mini-batch (the model averages over the epoch), the
initialisation is He's (seed 3, scaled by sqrt(2 / n_prev)), and the gradients divide dz3 by
m and name the activations' gradients `dz3`, `da2`, ... (the network's pieces come from
`shared_utils`). The moons are drawn the way scikit-learn's `make_moons` draws them, with
numpy only, so the course's seed gives the course's points.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from shared_utils import (Array, Cache, backward, plot_decision_boundary, predict, predict_dec,
                          relu, shuffled_and_blurred, sigmoid)
from shared_utils import forward as forward_propagation

__all__ = ["backward_propagation", "compute_cost", "forward_propagation", "initialize_parameters",
           "load_dataset", "load_params_and_grads", "plot_decision_boundary", "predict",
           "predict_dec", "relu", "sigmoid"]


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


def backward_propagation(X: Array, Y: Array, cache: Cache) -> dict[str, Array]:
    """The gradients of the mean cross-entropy over the columns of X."""
    return backward(X, Y, cache, average_first=True)


def moons(n: int, seed: int, noise: float = 0.2) -> tuple[Array, NDArray[np.int64]]:
    """Two interleaving half circles: points X (n, 2) and labels y (n,), 0 on the upper one,
    each at evenly spaced angles."""
    upper = n // 2
    top, bottom = np.linspace(0, np.pi, upper), np.linspace(0, np.pi, n - upper)
    points = np.vstack((np.append(np.cos(top), 1 - np.cos(bottom)),
                        np.append(np.sin(top), 1 - np.sin(bottom) - 0.5))).T
    return shuffled_and_blurred(points, (np.arange(n) >= upper).astype(np.int64), seed, noise)


def load_dataset() -> tuple[Array, NDArray[np.int64]]:
    """The moons: train_X (2, 300) and train_Y (1, 300)."""
    X, y = moons(300, seed=3)
    return X.T, y.reshape(1, -1)
