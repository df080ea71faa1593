"""Numerical gradients for week 3's `backward_propagation`, through given forward functions (see
`week4/gradients.py` for why these modules import nothing but numpy and gradcheck).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from grader.gradcheck import numerical_gradient


def backward_propagation(args: tuple[Any, ...],
                         fns: Mapping[str, Callable[..., Any]]) -> dict[str, np.ndarray]:
    """Every gradient of the cost, through forward_propagation and compute_cost."""
    parameters, _, X, Y = args
    parameters = {key: np.array(value, dtype=np.float64) for key, value in parameters.items()}
    forward, cost = fns["forward_propagation"], fns["compute_cost"]

    def objective() -> float:
        return float(cost(forward(X, parameters)[0], Y))

    return {f"d{key}": numerical_gradient(objective, value) for key, value in parameters.items()}
