"""Mistakes learners make in the planar-classifier assignment, each as a working function.

`<function>__<mistake>` is what a learner who makes that mistake writes. The grader runs these
on the same inputs as the learner's code and names the mistake when the outputs match. Other
graded functions are called by their plain names and resolve to the references.
"""

import copy

import numpy as np

from planar_utils import sigmoid


def layer_sizes__columns(X, Y):
    return (X.shape[1], 4, Y.shape[1])


def layer_sizes__list(X, Y):
    return [X.shape[0], 4, Y.shape[0]]


def layer_sizes__swapped(X, Y):
    return (Y.shape[0], 4, X.shape[0])


def _initialize(n_x, n_h, n_y, draw=np.random.randn, scale=0.01, transposed=False, rank1=False):
    W1 = draw(*((n_x, n_h) if transposed else (n_h, n_x))) * scale
    W2 = draw(*((n_h, n_y) if transposed else (n_y, n_h))) * scale
    b1, b2 = (np.zeros(n_h), np.zeros(n_y)) if rank1 else (np.zeros((n_h, 1)), np.zeros((n_y, 1)))
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


def initialize_parameters__no_scaling(n_x, n_h, n_y):
    return _initialize(n_x, n_h, n_y, scale=1.0)


def initialize_parameters__uniform(n_x, n_h, n_y):
    return _initialize(n_x, n_h, n_y, draw=np.random.rand)


def initialize_parameters__transposed_weights(n_x, n_h, n_y):
    return _initialize(n_x, n_h, n_y, transposed=True)


def initialize_parameters__rank1_bias(n_x, n_h, n_y):
    return _initialize(n_x, n_h, n_y, rank1=True)


def _forward(X, parameters, hidden, output):
    Z1 = np.dot(parameters["W1"], X) + parameters["b1"]
    A1 = hidden(Z1)
    Z2 = np.dot(parameters["W2"], A1) + parameters["b2"]
    A2 = output(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def forward_propagation__sigmoid_hidden(X, parameters):
    return _forward(X, parameters, sigmoid, sigmoid)


def forward_propagation__tanh_output(X, parameters):
    return _forward(X, parameters, np.tanh, np.tanh)


def forward_propagation__relu_hidden(X, parameters):
    return _forward(X, parameters, lambda Z: np.maximum(0, Z), sigmoid)


def compute_cost__positive_term_only(A2, Y, parameters=None):
    return float(-np.sum(np.multiply(np.log(A2), Y)) / Y.shape[1])


def compute_cost__no_divide_by_m(A2, Y, parameters=None):
    return float(-np.sum(np.multiply(np.log(A2), Y) + np.multiply(np.log(1 - A2), 1 - Y)))


def compute_cost__not_a_float(A2, Y, parameters=None):
    logprobs = np.dot(Y, np.log(A2).T) + np.dot(1 - Y, np.log(1 - A2).T)
    return np.squeeze(-logprobs / Y.shape[1])


def compute_cost__no_minus(A2, Y, parameters=None):
    return float(np.sum(np.multiply(np.log(A2), Y) + np.multiply(np.log(1 - A2), 1 - Y))
                 / Y.shape[1])


def _backward(parameters, cache, X, Y, slope, keepdims=True, product=np.dot):
    m = X.shape[1]
    dZ2 = cache["A2"] - Y
    dW2 = np.dot(dZ2, cache["A1"].T) / m
    db2 = np.sum(dZ2, axis=1, keepdims=keepdims) / m
    dZ1 = product(parameters["W2"].T, dZ2) * slope(cache)
    dW1 = np.dot(dZ1, X.T) / m
    db1 = np.sum(dZ1, axis=1, keepdims=keepdims) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


def _tanh_slope(cache):
    return 1 - np.power(cache["A1"], 2)


def backward_propagation__slope_from_Z1(parameters, cache, X, Y):
    return _backward(parameters, cache, X, Y, lambda cache: 1 - np.power(cache["Z1"], 2))


def backward_propagation__sigmoid_slope(parameters, cache, X, Y):
    return _backward(parameters, cache, X, Y, lambda cache: cache["A1"] * (1 - cache["A1"]))


def backward_propagation__no_keepdims(parameters, cache, X, Y):
    return _backward(parameters, cache, X, Y, _tanh_slope, keepdims=False)


def backward_propagation__elementwise_W2(parameters, cache, X, Y):
    return _backward(parameters, cache, X, Y, _tanh_slope, product=np.multiply)


def _step(parameters, grads, rate, sign=-1):
    parameters = copy.deepcopy(parameters)
    for key in ("W1", "b1", "W2", "b2"):
        parameters[key] = parameters[key] + sign * rate * grads["d" + key]
    return parameters


def update_parameters__plus(parameters, grads, learning_rate=1.2):
    return _step(parameters, grads, learning_rate, sign=1)


def update_parameters__no_learning_rate(parameters, grads, learning_rate=1.2):
    return _step(parameters, grads, 1.0)


def update_parameters__fixed_learning_rate(parameters, grads, learning_rate=1.2):
    return _step(parameters, grads, 1.2)


def _train(X, Y, n_h, num_iterations, learning_rate=1.2):
    np.random.seed(3)
    n_x, _, n_y = layer_sizes(X, Y)
    parameters = initialize_parameters(n_x, n_h, n_y)
    for _ in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters(parameters, grads, learning_rate)
    return parameters


def nn_model__fixed_hidden_size(X, Y, n_h, num_iterations=10000, print_cost=False):
    return _train(X, Y, 4, num_iterations)


def nn_model__fixed_iterations(X, Y, n_h, num_iterations=10000, print_cost=False):
    iterations = 10000  # whatever the caller asked for
    return _train(X, Y, n_h, iterations)


def nn_model__learning_rate(X, Y, n_h, num_iterations=10000, print_cost=False):
    return _train(X, Y, n_h, num_iterations, learning_rate=0.5)


def predict__probabilities(parameters, X):
    return forward_propagation(X, parameters)[0]


def predict__not_unpacked(parameters, X):
    A2 = forward_propagation(X, parameters)
    return A2 > 0.5


def predict__threshold_on_Z2(parameters, X):
    A2, cache = forward_propagation(X, parameters)
    return cache["Z2"] > 0.5
