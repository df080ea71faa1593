"""Mistakes learners make with L2 regularisation and dropout, each as a working function.

`<function>__<mistake>` is what a learner who makes that mistake writes. The grader runs these
on the same inputs as the learner's code and names the mistake when the outputs match; the
self-check grades each one as a submission. The course module's functions are imported here
under their plain names, as the notebook imports them.
"""

import numpy as np
from reg_utils import backward_propagation, compute_cost, relu, sigmoid


def _cost(A3, Y, parameters, penalty):
    weights = [parameters["W1"], parameters["W2"], parameters["W3"]]
    return compute_cost(A3, Y) + penalty(weights, Y.shape[1])


def compute_cost_with_regularization__not_divided_by_m(A3, Y, parameters, lambd):
    return _cost(A3, Y, parameters,
                 lambda weights, m: lambd / 2 * sum(np.sum(np.square(W)) for W in weights))


def compute_cost_with_regularization__no_half(A3, Y, parameters, lambd):
    return _cost(A3, Y, parameters,
                 lambda weights, m: lambd / m * sum(np.sum(np.square(W)) for W in weights))


def compute_cost_with_regularization__norm_not_squared(A3, Y, parameters, lambd):
    return _cost(A3, Y, parameters,
                 lambda weights, m: lambd / (2 * m) * sum(np.linalg.norm(W) for W in weights))


def compute_cost_with_regularization__without_W3(A3, Y, parameters, lambd):
    return _cost(A3, Y, parameters, lambda weights, m: lambd / (2 * m) * (
        np.sum(np.square(weights[0])) + np.sum(np.square(weights[1]))))


def _penalised(X, Y, cache, term):
    """The plain gradients, each dW plus term(W, m)."""
    gradients = backward_propagation(X, Y, cache)
    m = X.shape[1]
    for key, position in (("dW1", 2), ("dW2", 6), ("dW3", 10)):
        gradients[key] = gradients[key] + term(cache[position], m)
    return gradients


def backward_propagation_with_regularization__no_penalty(X, Y, cache, lambd):
    return _penalised(X, Y, cache, lambda W, m: 0 * W)


def backward_propagation_with_regularization__half_penalty(X, Y, cache, lambd):
    return _penalised(X, Y, cache, lambda W, m: lambd / (2 * m) * W)


def backward_propagation_with_regularization__not_divided_by_m(X, Y, cache, lambd):
    return _penalised(X, Y, cache, lambda W, m: lambd * W)


def _dropout_forward(X, parameters, mask, scaled):
    """The forward pass with dropout, each hidden layer's mask drawn by mask(A) and the kept
    activations passed through scaled(A)."""
    np.random.seed(1)
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    W3, b3 = parameters["W3"], parameters["b3"]
    Z1 = np.dot(W1, X) + b1
    A1 = relu(Z1)
    D1 = mask(A1)
    A1 = scaled(A1 * D1)
    Z2 = np.dot(W2, A1) + b2
    A2 = relu(Z2)
    D2 = mask(A2)
    A2 = scaled(A2 * D2)
    Z3 = np.dot(W3, A2) + b3
    A3 = sigmoid(Z3)
    return A3, (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)


def forward_propagation_with_dropout__normal_mask(X, parameters, keep_prob=0.5):
    return _dropout_forward(X, parameters, lambda A: np.random.randn(*A.shape) < keep_prob,
                            lambda A: A / keep_prob)


def forward_propagation_with_dropout__not_scaled(X, parameters, keep_prob=0.5):
    return _dropout_forward(X, parameters, lambda A: np.random.rand(*A.shape) < keep_prob,
                            lambda A: A)


def forward_propagation_with_dropout__keep_above(X, parameters, keep_prob=0.5):
    return _dropout_forward(X, parameters, lambda A: np.random.rand(*A.shape) > 1 - keep_prob,
                            lambda A: A / keep_prob)


def forward_propagation_with_dropout__one_mask_per_unit(X, parameters, keep_prob=0.5):
    return _dropout_forward(X, parameters, lambda A: np.random.rand(A.shape[0], 1) < keep_prob,
                            lambda A: A / keep_prob)


def _dropout_backward(X, Y, cache, layer2, layer1):
    """The backward pass, dA2 and dA1 passed through layer2(dA2, D2) and layer1(dA1, D1)."""
    m = X.shape[1]
    (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dA2 = layer2(np.dot(W3.T, dZ3), D2)
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))
    dA1 = layer1(np.dot(W2.T, dZ2), D1)
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    return {"dZ3": dZ3, "dW3": 1.0 / m * np.dot(dZ3, A2.T),
            "db3": 1.0 / m * np.sum(dZ3, axis=1, keepdims=True), "dA2": dA2,
            "dZ2": dZ2, "dW2": 1.0 / m * np.dot(dZ2, A1.T),
            "db2": 1.0 / m * np.sum(dZ2, axis=1, keepdims=True), "dA1": dA1,
            "dZ1": dZ1, "dW1": 1.0 / m * np.dot(dZ1, X.T),
            "db1": 1.0 / m * np.sum(dZ1, axis=1, keepdims=True)}


def backward_propagation_with_dropout__not_scaled(X, Y, cache, keep_prob):
    return _dropout_backward(X, Y, cache, lambda dA, D: dA * D, lambda dA, D: dA * D)


def backward_propagation_with_dropout__times_keep_prob(X, Y, cache, keep_prob):
    return _dropout_backward(X, Y, cache, lambda dA, D: dA * D * keep_prob,
                             lambda dA, D: dA * D * keep_prob)


def backward_propagation_with_dropout__second_layer_only(X, Y, cache, keep_prob):
    return _dropout_backward(X, Y, cache, lambda dA, D: dA * D / keep_prob, lambda dA, D: dA)
