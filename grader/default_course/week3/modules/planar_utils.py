"""The course's `planar_utils`: the sigmoid, the planar datasets and a decision-boundary plot.

The week-3 notebook imports these. The datasets come from `grader.datasets.planar` (numpy only,
no scikit-learn); the plot draws with matplotlib when it is installed and otherwise only
computes the grid, so that a notebook runs without it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray

from grader.datasets import planar

__all__ = ["load_extra_datasets", "load_planar_dataset", "plot_decision_boundary", "sigmoid"]

Array = NDArray[np.float64]
GRID_STEP = 0.01


def sigmoid(x: Any) -> Any:
    """Apply 1 / (1 + e^-x) elementwise."""
    return 1 / (1 + np.exp(-x))


def load_planar_dataset() -> tuple[Array, NDArray[np.uint8]]:
    """The flower: X of shape (2, 400) and labels Y of shape (1, 400)."""
    return planar.flower()


def load_extra_datasets() -> tuple[planar.Labelled, ...]:
    """The five extra sets, each (X (200, 2), y (200,)), in the course's order."""
    return planar.extra_datasets()


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
        import matplotlib.pyplot as plt
    except ImportError:  # plotting is optional: the notebook still runs without it
        return xx, yy, Z
    plt.contourf(xx, yy, Z, cmap=plt.cm.Spectral)
    plt.ylabel("x2")
    plt.xlabel("x1")
    plt.scatter(X[0, :], X[1, :], c=np.ravel(y), cmap=plt.cm.Spectral)
    return xx, yy, Z
