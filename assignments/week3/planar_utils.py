"""The course helper module `planar_utils`, written by `grade release`.

Plain Python: it needs numpy (and h5py for the course's data files), not `grade`. It is made
from the course's grader.datasets.planar, planar_utils.py: edit those, not this file.
"""

from __future__ import annotations


# --- from grader.datasets.planar ---

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]
Labelled = tuple[Array, NDArray[np.int64]]

EXTRA_NAMES = ("noisy_circles", "noisy_moons", "blobs", "gaussian_quantiles", "no_structure")


def flower(m: int = 400, seed: int = 1) -> tuple[Array, NDArray[np.uint8]]:
    """The two-petal "flower": X of shape (2, m) and labels Y of shape (1, m), uint8.

    Each class is a rose curve r = 4 sin(4t) over half a turn, with noise on the angle and on
    the radius; the draws come in the course's order, so seed 1 gives the course's points.
    """
    rng = np.random.RandomState(seed)  # the legacy generator: the course seeds numpy with it
    per_class = m // 2
    X = np.zeros((per_class * 2, 2))
    Y = np.zeros((per_class * 2, 1), dtype=np.uint8)
    for label in (0, 1):
        rows = slice(per_class * label, per_class * (label + 1))
        t = np.linspace(label * 3.12, (label + 1) * 3.12, per_class) + rng.randn(per_class) * 0.2
        r = 4 * np.sin(4 * t) + rng.randn(per_class) * 0.2
        X[rows] = np.column_stack((r * np.sin(t), r * np.cos(t)))
        Y[rows] = label
    return X.T, Y.T


def noisy_circles(n: int, rng: np.random.Generator, factor: float = 0.5,
                  noise: float = 0.3) -> Labelled:
    """Two concentric circles (the inner one `factor` times smaller), with Gaussian noise."""
    outer = n // 2
    angles = np.concatenate((np.linspace(0, 2 * np.pi, outer, endpoint=False),
                             np.linspace(0, 2 * np.pi, n - outer, endpoint=False)))
    radius = np.where(np.arange(n) < outer, 1.0, factor)
    X = np.column_stack((radius * np.cos(angles), radius * np.sin(angles)))
    y = (np.arange(n) >= outer).astype(np.int64)
    return _shuffled(X + rng.normal(scale=noise, size=X.shape), y, rng)


def noisy_moons(n: int, rng: np.random.Generator, noise: float = 0.2) -> Labelled:
    """Two interleaving half circles, with Gaussian noise."""
    upper = n // 2
    top = np.linspace(0, np.pi, upper)
    bottom = np.linspace(0, np.pi, n - upper)
    X = np.vstack((np.column_stack((np.cos(top), np.sin(top))),
                   np.column_stack((1 - np.cos(bottom), 0.5 - np.sin(bottom)))))
    y = (np.arange(n) >= upper).astype(np.int64)
    return _shuffled(X + rng.normal(scale=noise, size=X.shape), y, rng)


def blobs(n: int, rng: np.random.Generator, centers: int = 6, spread: float = 1.0,
          box: tuple[float, float] = (-10.0, 10.0)) -> Labelled:
    """Gaussian clusters around `centers` random centres; the label is the cluster's number.

    (The course folds them into two classes with `y % 2`.)
    """
    middles = rng.uniform(box[0], box[1], size=(centers, 2))
    y = np.arange(n) % centers
    X = middles[y] + rng.normal(scale=spread, size=(n, 2))
    return _shuffled(X, y.astype(np.int64), rng)


def gaussian_quantiles(n: int, rng: np.random.Generator, classes: int = 2,
                       cov: float = 0.5) -> Labelled:
    """A Gaussian cloud cut into `classes` shells of equal size by the distance to its centre."""
    X = rng.normal(scale=np.sqrt(cov), size=(n, 2))
    order = np.argsort(np.sum(X**2, axis=1), kind="stable")
    y = np.empty(n, dtype=np.int64)
    y[order] = np.arange(n) * classes // n
    return _shuffled(X, y, rng)


def no_structure(n: int, rng: np.random.Generator) -> Labelled:
    """Uniform points with labels that do not depend on them: nothing to learn."""
    return rng.random((n, 2)), rng.integers(0, 2, size=n).astype(np.int64)


def extra_datasets(n: int = 200, seed: int = 0) -> tuple[Labelled, ...]:
    """The five extra sets, in the course's order (see `EXTRA_NAMES`)."""
    rng = np.random.default_rng(seed)
    return (noisy_circles(n, rng), noisy_moons(n, rng), blobs(n, rng),
            gaussian_quantiles(n, rng), no_structure(n, rng))


def _shuffled(X: Array, y: NDArray[np.int64], rng: np.random.Generator) -> Labelled:
    order = rng.permutation(len(y))
    return X[order], y[order]

# --- from planar_utils ---

from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray


__all__ = ["load_extra_datasets", "load_planar_dataset", "plot_decision_boundary", "sigmoid"]

Array = NDArray[np.float64]
GRID_STEP = 0.01


def sigmoid(x: Any) -> Any:
    """Apply 1 / (1 + e^-x) elementwise."""
    return 1 / (1 + np.exp(-x))


def load_planar_dataset() -> tuple[Array, NDArray[np.uint8]]:
    """The flower: X of shape (2, 400) and labels Y of shape (1, 400)."""
    return flower()


def load_extra_datasets() -> tuple[Labelled, ...]:
    """The five extra sets, each (X (200, 2), y (200,)), in the course's order."""
    return extra_datasets()


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
