"""Numerical gradient checks: centered differences and the course's relative difference.

    gradapprox = (J(θ + ε) - J(θ - ε)) / 2ε
    difference = ‖grad - gradapprox‖₂ / (‖grad‖₂ + ‖gradapprox‖₂)
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

EPSILON = 1e-7
THRESHOLD = 2e-7  # the course prints "there is a mistake" above this

Array = NDArray[np.float64]


def numerical_gradient(objective: Callable[[], float], x: Array, eps: float = EPSILON) -> Array:
    """The gradient of `objective()` with respect to `x`, which it reads and which is perturbed
    in place entry by entry (and restored)."""
    gradient = np.zeros_like(x, dtype=np.float64)
    for index in np.ndindex(x.shape):
        saved = x[index]
        x[index] = saved + eps
        plus = objective()
        x[index] = saved - eps
        minus = objective()
        x[index] = saved
        gradient[index] = (plus - minus) / (2 * eps)
    return gradient


def relative_difference(analytic: Array, numeric: Array) -> float:
    """The course's measure; 0 when both are exactly zero."""
    denominator = float(np.linalg.norm(analytic) + np.linalg.norm(numeric))
    if denominator == 0.0:
        return 0.0
    return float(np.linalg.norm(analytic - numeric)) / denominator


def meaning(difference: float) -> str:
    """What a relative difference says about a backward pass, in words."""
    if difference < THRESHOLD:
        return "matches the numerical gradient"
    if difference < 1e-4:
        return "close, but above the course's threshold of 2e-7: look for a small slip"
    if difference < 1e-2:
        return "does not match the numerical gradient: probably wrong"
    return "does not match the numerical gradient at all: wrong"
