"""Numerical gradients for week 2's `propagate`, through a given `propagate` (see
`week4/gradients.py` for why these modules import nothing but numpy and gradcheck).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from grader.gradcheck import numerical_gradient


def propagate(args: tuple[Any, ...], fns: Mapping[str, Callable[..., Any]]) -> dict[str, Any]:
    """dw and db of the cost that `propagate` itself returns."""
    w, b, X, Y = args
    w = np.array(w, dtype=np.float64)
    bias = np.array([float(b)])
    forward = fns["propagate"]

    def cost() -> float:
        return float(forward(w, float(bias[0]), X, Y)[1])

    return {"dw": numerical_gradient(cost, w), "db": numerical_gradient(cost, bias)[0]}
