"""Mistakes learners make in the step-by-step assignment, each as a working function.

`<function>__<mistake>` is what a learner who makes that mistake writes. The grader runs these
on the same inputs as the learner's code, and names the mistake when the outputs match; the
self-check grades each one as a submission. Other graded functions are called by their plain
names and resolve to the references.
"""

import numpy as np

from dnn_utils import relu, relu_backward, sigmoid, sigmoid_backward


def initialize_parameters__no_scaling(n_x, n_h, n_y):
    np.random.seed(1)
    return {"W1": np.random.randn(n_h, n_x), "b1": np.zeros((n_h, 1)),
            "W2": np.random.randn(n_y, n_h), "b2": np.zeros((n_y, 1))}


def initialize_parameters__uniform(n_x, n_h, n_y):
    np.random.seed(1)
    return {"W1": np.random.rand(n_h, n_x) * 0.01, "b1": np.zeros((n_h, 1)),
            "W2": np.random.rand(n_y, n_h) * 0.01, "b2": np.zeros((n_y, 1))}


def initialize_parameters__transposed_weights(n_x, n_h, n_y):
    np.random.seed(1)
    return {"W1": np.random.randn(n_x, n_h) * 0.01, "b1": np.zeros((n_h, 1)),
            "W2": np.random.randn(n_h, n_y) * 0.01, "b2": np.zeros((n_y, 1))}


def _deep(layer_dims, first, scale, bias_shape):
    np.random.seed(3)
    parameters = {}
    for l in range(first, len(layer_dims)):
        parameters["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * scale(l)
        parameters["b" + str(l)] = np.zeros(bias_shape(layer_dims[l]))
    return parameters


def initialize_parameters_deep__loop_from_zero(layer_dims):
    return _deep(layer_dims, 0, lambda l: 0.01, lambda n: (n, 1))


def initialize_parameters_deep__sqrt_scaling(layer_dims):
    return _deep(layer_dims, 1, lambda l: 1 / np.sqrt(layer_dims[l - 1]), lambda n: (n, 1))


def initialize_parameters_deep__no_scaling(layer_dims):
    return _deep(layer_dims, 1, lambda l: 1.0, lambda n: (n, 1))


def initialize_parameters_deep__rank1_bias(layer_dims):
    return _deep(layer_dims, 1, lambda l: 0.01, lambda n: (n,))


def linear_forward__no_bias(A, W, b):
    return np.dot(W, A), (A, W, b)


def linear_forward__transposed(A, W, b):
    return np.dot(A.T, W.T) + b.T, (A, W, b)


def linear_forward__cache_without_b(A, W, b):
    return np.dot(W, A) + b, (A, W)


def linear_activation_forward__swapped_activations(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    A, activation_cache = relu(Z) if activation == "sigmoid" else sigmoid(Z)
    return A, (linear_cache, activation_cache)


def linear_activation_forward__cache_A_not_Z(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    A, _ = sigmoid(Z) if activation == "sigmoid" else relu(Z)
    return A, (linear_cache, A)


def linear_activation_forward__flat_cache(A_prev, W, b, activation):
    Z, _ = linear_forward(A_prev, W, b)
    A, _ = sigmoid(Z) if activation == "sigmoid" else relu(Z)
    return A, (A_prev, W, b, Z)


def _forward(X, parameters, hidden, last, keep_last=True):
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L):
        A, cache = linear_activation_forward(A, parameters["W" + str(l)],
                                             parameters["b" + str(l)], hidden)
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters["W" + str(L)],
                                          parameters["b" + str(L)], last)
    if keep_last:
        caches.append(cache)
    return AL, caches


def L_model_forward__all_relu(X, parameters):
    return _forward(X, parameters, "relu", "relu")


def L_model_forward__all_sigmoid(X, parameters):
    return _forward(X, parameters, "sigmoid", "sigmoid")


def L_model_forward__last_cache_missing(X, parameters):
    return _forward(X, parameters, "relu", "sigmoid", keep_last=False)


def compute_cost__no_minus(AL, Y):
    m = Y.shape[1]
    return np.squeeze(np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m)


def compute_cost__no_divide_by_m(AL, Y):
    return np.squeeze(-np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)))


def compute_cost__positive_term_only(AL, Y):
    m = Y.shape[1]
    return np.squeeze(-np.sum(Y * np.log(AL)) / m)


def compute_cost__no_sum(AL, Y):
    m = Y.shape[1]
    return np.squeeze(-(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m)


def linear_backward__no_divide_by_m(dZ, cache):
    A_prev, W, b = cache
    return np.dot(W.T, dZ), np.dot(dZ, A_prev.T), np.sum(dZ, axis=1, keepdims=True)


def linear_backward__db_rank1(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    return np.dot(W.T, dZ), np.dot(dZ, A_prev.T) / m, np.sum(dZ, axis=1) / m


def linear_backward__m_from_dZ_rows(dZ, cache):
    A_prev, W, b = cache
    m = dZ.shape[0]
    return np.dot(W.T, dZ), np.dot(dZ, A_prev.T) / m, np.sum(dZ, axis=1, keepdims=True) / m


def linear_backward__db_sum_all(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    return np.dot(W.T, dZ), np.dot(dZ, A_prev.T) / m, np.sum(dZ) / m


def linear_activation_backward__swapped_activations(dA, cache, activation):
    linear_cache, activation_cache = cache
    backward = sigmoid_backward if activation == "relu" else relu_backward
    return linear_backward(backward(dA, activation_cache), linear_cache)


def linear_activation_backward__no_activation_backward(dA, cache, activation):
    linear_cache, _ = cache
    return linear_backward(dA, linear_cache)


def linear_activation_backward__wrong_cache(dA, cache, activation):
    linear_cache, activation_cache = cache
    backward = relu_backward if activation == "relu" else sigmoid_backward
    return linear_backward(backward(dA, linear_cache), activation_cache)


def linear_activation_backward__always_relu(dA, cache, activation):
    linear_cache, activation_cache = cache
    return linear_backward(relu_backward(dA, activation_cache), linear_cache)


def _backward(AL, Y, caches, dAL, hidden, last):
    grads = {}
    L = len(caches)
    dA_prev, dW, db = linear_activation_backward(dAL, caches[L - 1], last)
    grads["dA" + str(L - 1)], grads["dW" + str(L)], grads["db" + str(L)] = dA_prev, dW, db
    for l in reversed(range(L - 1)):
        dA_prev, dW, db = linear_activation_backward(grads["dA" + str(l + 1)], caches[l], hidden)
        grads["dA" + str(l)], grads["dW" + str(l + 1)], grads["db" + str(l + 1)] = dA_prev, dW, db
    return grads


def _dAL(AL, Y):
    Y = Y.reshape(AL.shape)
    return -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))


def L_model_backward__dAL_sign(AL, Y, caches):
    return _backward(AL, Y, caches, -_dAL(AL, Y), "relu", "sigmoid")


def L_model_backward__dAL_is_AL_minus_Y(AL, Y, caches):
    return _backward(AL, Y, caches, AL - Y.reshape(AL.shape), "relu", "sigmoid")


def L_model_backward__sigmoid_hidden(AL, Y, caches):
    return _backward(AL, Y, caches, _dAL(AL, Y), "sigmoid", "sigmoid")


def L_model_backward__relu_last(AL, Y, caches):
    return _backward(AL, Y, caches, _dAL(AL, Y), "relu", "relu")


def update_parameters__plus(params, grads, learning_rate):
    parameters = {key: np.copy(value) for key, value in params.items()}
    for l in range(1, len(parameters) // 2 + 1):
        for p in ("W", "b"):
            parameters[p + str(l)] = parameters[p + str(l)] + learning_rate * grads["d" + p + str(l)]
    return parameters


def update_parameters__keys_from_zero(params, grads, learning_rate):
    parameters = {key: np.copy(value) for key, value in params.items()}
    for l in range(len(parameters) // 2):
        for p in ("W", "b"):
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * grads["d" + p + str(l)]
    return parameters


def update_parameters__no_learning_rate(params, grads, learning_rate):
    parameters = {key: np.copy(value) for key, value in params.items()}
    for l in range(1, len(parameters) // 2 + 1):
        for p in ("W", "b"):
            parameters[p + str(l)] = parameters[p + str(l)] - grads["d" + p + str(l)]
    return parameters
