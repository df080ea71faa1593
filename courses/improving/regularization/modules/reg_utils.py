"""The course's `reg_utils`: the three-layer network to regularise, and the "football" data.

The regularization notebook trains LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID with
these, then swaps in the learner's L2 and dropout functions. The network's pieces come from
`shared_utils`; its gradients have the keys `dZ3`, `dW3`, `db3`, `dA2`, ... and divide each dW
and db by m, as the course's module does. Numpy only.

The course reads its football data from `datasets/data.mat`, which cannot be shipped; the data
here is drawn from a seed in the same schema (X (2, m) float64, Y (1, m) uint8; 211 training
and 200 test points of the plane, blue (1) mostly in the upper left and red (0) in the lower
right, with noisy labels: see `football`).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from shared_utils import (Array, Cache, backward, plot_decision_boundary, predict, predict_dec,
                          relu, sigmoid, update_parameters)
from shared_utils import forward as forward_propagation

__all__ = ["backward_propagation", "compute_cost", "forward_propagation", "initialize_parameters",
           "load_2D_dataset", "plot_decision_boundary", "predict", "predict_dec", "relu",
           "sigmoid", "update_parameters"]

Labels = NDArray[np.uint8]


def initialize_parameters(layer_dims: list[int]) -> dict[str, Array]:
    """Weights drawn after `np.random.seed(3)`, scaled by 1/sqrt(n_prev); zero biases."""
    np.random.seed(3)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = (np.random.randn(layer_dims[l], layer_dims[l - 1])
                               / np.sqrt(layer_dims[l - 1]))
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return parameters


def backward_propagation(X: Array, Y: Array, cache: Cache) -> dict[str, Array]:
    """The gradients of the cross-entropy cost, from the cache of `forward_propagation`."""
    return backward(X, Y, cache)


def compute_cost(a3: Array, Y: Array) -> float:
    """The mean cross-entropy; an example whose log is not a number adds nothing (nansum)."""
    m = Y.shape[1]
    with np.errstate(divide="ignore", invalid="ignore"):
        logprobs = np.multiply(-np.log(a3), Y) + np.multiply(-np.log(1 - a3), 1 - Y)
    return float(1.0 / m * np.nansum(logprobs))


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
