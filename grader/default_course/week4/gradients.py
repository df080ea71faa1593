"""Numerical gradients for the week-4 backward functions, through a given set of forward functions.

Each function takes the backward function's arguments and `fns`, a mapping from names to the
forward functions to differentiate through. The grader passes the reference's, to check the
learner's gradients; it also ships this module into the learner's sandbox child and passes the
learner's own, to tell them whether their backward pass agrees with their own forward pass.
So this module may import nothing but numpy and `grader.gradcheck`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from grader.gradcheck import numerical_gradient

Fns = Mapping[str, Callable[..., Any]]


def _floats(*arrays: Any) -> list[np.ndarray]:
    return [np.array(a, dtype=np.float64) for a in arrays]


def _layer_gradients(A: np.ndarray, W: np.ndarray, b: np.ndarray,
                     objective: Callable[[], float]) -> dict[str, np.ndarray]:
    """dA_prev (per example) and dW, db (averaged over the m examples) of a weighted sum."""
    m = A.shape[1]
    return {"dA_prev": numerical_gradient(objective, A),
            "dW": numerical_gradient(objective, W) / m,
            "db": numerical_gradient(objective, b) / m}


def linear_backward(args: tuple[Any, ...], fns: Fns) -> dict[str, np.ndarray]:
    """Through linear_forward: the gradients of sum(dZ * Z)."""
    dZ, cache = args
    A, W, b = _floats(*cache)
    forward = fns["linear_forward"]
    return _layer_gradients(A, W, b, lambda: float(np.sum(dZ * forward(A, W, b)[0])))


def linear_activation_backward(args: tuple[Any, ...], fns: Fns) -> dict[str, np.ndarray]:
    """Through linear_activation_forward: the gradients of sum(dA * A)."""
    dA, ((A, W, b), _), activation = args
    A, W, b = _floats(A, W, b)
    forward = fns["linear_activation_forward"]
    return _layer_gradients(A, W, b,
                            lambda: float(np.sum(dA * forward(A, W, b, activation)[0])))


def L_model_backward(args: tuple[Any, ...], fns: Fns) -> dict[str, np.ndarray]:
    """Through linear_activation_forward and compute_cost: every gradient of the cost."""
    _, Y, caches = args
    L = len(caches)
    inputs = _floats(*(cache[0][0] for cache in caches))
    weights = _floats(*(cache[0][1] for cache in caches))
    biases = _floats(*(cache[0][2] for cache in caches))
    m = inputs[0].shape[1]
    forward, cost = fns["linear_activation_forward"], fns["compute_cost"]

    def cost_from(layer: int, A: np.ndarray) -> float:
        for l in range(layer, L):
            A = forward(A, weights[l], biases[l], "sigmoid" if l == L - 1 else "relu")[0]
        return float(cost(A, Y))

    grads = {}
    for l in range(L):  # each objective is used at once, inside its own iteration
        grads[f"dA{l}"] = numerical_gradient(lambda: m * cost_from(l, inputs[l]),  # noqa: B023
                                             inputs[l])
        grads[f"dW{l + 1}"] = numerical_gradient(lambda: cost_from(0, inputs[0]), weights[l])
        grads[f"db{l + 1}"] = numerical_gradient(lambda: cost_from(0, inputs[0]), biases[l])
    return grads
