"""The course's `init_utils`: a three-layer ReLU network to train, and the "circles" data.

The initialization notebook imports these to train one network three times, with weights
initialised by the learner's three functions. The network's pieces come from `shared_utils`;
its gradients name the activations' gradients `dz3`, `da2`, ... and divide dz3 by m, as the
course's module does. The circles are drawn the way scikit-learn's `make_circles` draws them,
with numpy only, so the course's seeds give the course's points.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from shared_utils import (Array, Cache, backward, plot_decision_boundary, predict, predict_dec,
                          relu, shuffled_and_blurred, sigmoid, update_parameters)
from shared_utils import forward as forward_propagation

__all__ = ["backward_propagation", "compute_loss", "forward_propagation", "load_dataset",
           "plot_decision_boundary", "predict", "predict_dec", "relu", "sigmoid",
           "update_parameters"]


def backward_propagation(X: Array, Y: Array, cache: Cache) -> dict[str, Array]:
    """The gradients of the cross-entropy loss, from the cache of `forward_propagation`."""
    return backward(X, Y, cache, average_first=True)


def compute_loss(a3: Array, Y: Array) -> float:
    """The mean cross-entropy; an example whose log is not a number adds nothing (nansum)."""
    m = Y.shape[1]
    with np.errstate(divide="ignore", invalid="ignore"):
        logprobs = -np.log(a3) * Y - np.log(1 - a3) * (1 - Y)
    return float(1.0 / m * np.nansum(logprobs))


def circles(n: int, seed: int, noise: float = 0.05,
            factor: float = 0.8) -> tuple[Array, NDArray[np.int64]]:
    """Two noisy concentric circles: points X (n, 2) and labels y (n,), 0 on the outer circle,
    1 on the inner one (`factor` times smaller), each at evenly spaced angles."""
    outer = n // 2
    angles = np.concatenate((np.linspace(0, 2 * np.pi, outer, endpoint=False),
                             np.linspace(0, 2 * np.pi, n - outer, endpoint=False)))
    radius = np.where(np.arange(n) < outer, 1.0, factor)
    points = np.vstack((np.cos(angles) * radius, np.sin(angles) * radius)).T
    return shuffled_and_blurred(points, (np.arange(n) >= outer).astype(np.int64), seed, noise)


def load_dataset() -> tuple[Array, NDArray[np.int64], Array, NDArray[np.int64]]:
    """The circles: train_X (2, 300), train_Y (1, 300), test_X (2, 100), test_Y (1, 100)."""
    train_X, train_y = circles(300, seed=1)
    test_X, test_y = circles(100, seed=2)
    return train_X.T, train_y.reshape(1, -1), test_X.T, test_y.reshape(1, -1)
