"""Numerical gradients for the regularization assignment's two backward functions.

Each function takes the backward function's arguments and `fns`, a mapping from names to the
functions to differentiate through: the reference's, for the check, or the learner's own (in
their sandbox child), for a note on whether their backward pass agrees with their own forward
pass and cost. So this module imports nothing but numpy and `grader.gradcheck`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from grader.gradcheck import numerical_gradient

Fns = Mapping[str, Callable[..., Any]]
KEYS = ("W1", "b1", "W2", "b2", "W3", "b3")


def _needed(fns: Fns, name: str) -> Callable[..., Any]:
    if name not in fns:  # a learner's file without it: there is nothing to compare with
        raise NameError(f"{name} is not defined")
    return fns[name]


def _gradients(cache: tuple[Any, ...], positions: tuple[int, ...],
               cost: Callable[[dict[str, np.ndarray]], float]) -> dict[str, np.ndarray]:
    """d(cost)/d(each parameter), the parameters read from `cache` at `positions`."""
    parameters = {key: np.array(cache[i], dtype=np.float64) for key, i in zip(KEYS, positions)}
    return {f"d{key}": numerical_gradient(lambda: cost(parameters), parameters[key])
            for key in KEYS}


def backward_propagation_with_regularization(args: tuple[Any, ...],
                                             fns: Fns) -> dict[str, np.ndarray]:
    """Through forward_propagation and compute_cost_with_regularization: the L2 cost's."""
    X, Y, cache, lambd = args
    forward = _needed(fns, "forward_propagation")
    regularised = _needed(fns, "compute_cost_with_regularization")
    return _gradients(cache, (2, 3, 6, 7, 10, 11), lambda parameters: float(
        regularised(forward(X, parameters)[0], Y, parameters, lambd)))


def backward_propagation_with_dropout(args: tuple[Any, ...], fns: Fns) -> dict[str, np.ndarray]:
    """Through forward_propagation_with_dropout (which seeds its masks itself, so they stay
    those of the cache) and compute_cost."""
    X, Y, cache, keep_prob = args
    forward = _needed(fns, "forward_propagation_with_dropout")
    cost = _needed(fns, "compute_cost")
    return _gradients(cache, (3, 4, 8, 9, 12, 13), lambda parameters: float(
        cost(forward(X, parameters, keep_prob)[0], Y)))
