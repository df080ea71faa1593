"""The references reproduce the course's published values on the course's own examples.

The inputs are the week spec's "course example" cases (built from the course's seeds), so this
also checks that those cases are the course's.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np
import pytest

from grader.references import References
from grader.spec import Case
from grader.courses.registry import get_week

WEEK4 = get_week("week4")
PART = WEEK4.parts[0]


@pytest.fixture(scope="module")
def ref(references: References) -> ModuleType:
    return references.module("week4", PART)


def course_case(ref: ModuleType, name: str, label: str = "course example") -> Case:
    cases = PART.function(name).cases(np.random.default_rng(0), ref)
    return next(c for c in cases if c.label.startswith(label))


def run(ref: ModuleType, name: str, label: str = "course example") -> Any:
    case = course_case(ref, name, label)
    return getattr(ref, name)(*case.args, **case.kwargs)


def close(actual: Any, expected: Any) -> None:
    np.testing.assert_allclose(np.asarray(actual), np.asarray(expected), rtol=1e-6, atol=1e-8)


def test_initialize_parameters(ref: ModuleType) -> None:
    parameters = run(ref, "initialize_parameters")
    close(parameters["W1"], [[0.01624345, -0.00611756, -0.00528172],
                             [-0.01072969, 0.00865408, -0.02301539]])
    close(parameters["W2"], [[0.01744812, -0.00761207]])


def test_initialize_parameters_deep(ref: ModuleType) -> None:
    parameters = run(ref, "initialize_parameters_deep")
    close(parameters["W1"][0], [0.01788628, 0.0043651, 0.00096497, -0.01863493, -0.00277388])
    close(parameters["W2"][0], [-0.01185047, -0.0020565, 0.01486148, 0.00236716])
    assert parameters["b2"].shape == (3, 1)


def test_forward_steps(ref: ModuleType) -> None:
    close(run(ref, "linear_forward")[0], [[3.26295337, -1.23429987]])
    close(run(ref, "linear_activation_forward", "course example, sigmoid")[0],
          [[0.96890023, 0.11013289]])
    close(run(ref, "linear_activation_forward", "course example, relu")[0], [[3.43896131, 0.0]])
    AL, caches = run(ref, "L_model_forward")
    close(AL, [[0.03921668, 0.70498921, 0.19734387, 0.04728177]])
    assert len(caches) == 3


def test_compute_cost(ref: ModuleType) -> None:
    assert float(run(ref, "compute_cost")) == pytest.approx(0.2797765635793422, rel=1e-12)


def test_backward_steps(ref: ModuleType) -> None:
    close(run(ref, "linear_backward")[2], [[-0.14713786], [-0.11313155], [-0.13209101]])
    dA_prev, dW, db = run(ref, "linear_activation_backward", "course example, sigmoid")
    close(dA_prev, [[0.11017994, 0.01105339], [0.09466817, 0.00949723],
                    [-0.05743092, -0.00576154]])
    close(dW, [[0.10266786, 0.09778551, -0.01968084]])
    close(db, [[-0.05729622]])
    dA_prev, dW, db = run(ref, "linear_activation_backward", "course example, relu")
    close(dA_prev, [[0.44090989, 0], [0.37883606, 0], [-0.2298228, 0]])
    close(dW, [[0.44513824, 0.37371418, -0.10478989]])
    close(db, [[-0.20837892]])


def test_L_model_backward(ref: ModuleType) -> None:
    grads = run(ref, "L_model_backward")
    close(grads["dA0"], [[0, 0.52257901], [0, -0.3269206], [0, -0.32070404], [0, -0.74079187]])
    close(grads["dA1"], [[0.12913162, -0.44014127], [-0.14175655, 0.48317296],
                         [0.01663708, -0.05670698]])
    close(grads["dW1"], [[0.41010002, 0.07807203, 0.13798444, 0.10502167], [0, 0, 0, 0],
                         [0.05283652, 0.01005865, 0.01777766, 0.0135308]])
    close(grads["db1"], [[-0.22007063], [0], [-0.02835349]])
    close(grads["dW2"], [[-0.39202432, -0.13325855, -0.04601089]])
    close(grads["db2"], [[0.15187861]])


def test_update_parameters(ref: ModuleType) -> None:
    parameters = run(ref, "update_parameters")
    close(parameters["W1"], [[-0.59562069, -0.09991781, -2.14584584, 1.82662008],
                             [-1.76569676, -0.80627147, 0.51115557, -1.18258802],
                             [-1.0535704, -0.86128581, 0.68284052, 2.20374577]])
    close(parameters["b1"], [[-0.04659241], [-1.28888275], [0.53405496]])
    close(parameters["W2"], [[-0.55569196, 0.0354055, 1.32964895]])
    close(parameters["b2"], [[-0.84610769]])
