"""Reference solutions: a planar classifier with one hidden layer (week 3).

A network LINEAR -> TANH -> LINEAR -> SIGMOID for 2-D points: sizes, initialisation, the forward
pass, the cost, the backward pass, the update, training (`nn_model`) and predictions. Examples
are columns: X has shape (n_x, m), the labels Y shape (n_y, m).
"""

import copy

import numpy as np

from planar_utils import sigmoid


# GRADED FUNCTION: layer_sizes
def layer_sizes(X, Y):
    """The sizes (n_x, n_h, n_y) of the input, hidden and output layers; n_h is 4."""
    # YOUR CODE STARTS HERE
    # n_x = ...  the size of the input layer: the number of features, rows of X
    # n_h = 4
    # n_y = ...  the size of the output layer: rows of Y
    n_x = X.shape[0]
    n_h = 4
    n_y = Y.shape[0]
    # YOUR CODE ENDS HERE
    return (n_x, n_h, n_y)


# GRADED FUNCTION: initialize_parameters
def initialize_parameters(n_x, n_h, n_y):
    """Small random weights (standard normal times 0.01) and zero biases.

    No seed here: the caller seeds numpy, so that the weights are reproducible.
    """
    # YOUR CODE STARTS HERE
    # W1 = ...  (n_h, n_x), np.random.randn times 0.01;  b1 = ...  zeros (n_h, 1)
    # W2 = ...  (n_y, n_h), np.random.randn times 0.01;  b2 = ...  zeros (n_y, 1)
    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))
    # YOUR CODE ENDS HERE
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


# GRADED FUNCTION: forward_propagation
def forward_propagation(X, parameters):
    """The output A2 of the network for X, and the cache of Z1, A1, Z2, A2."""
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    # YOUR CODE STARTS HERE
    # Z1 = ...  W1 X + b1;   A1 = ...  tanh of Z1 (np.tanh)
    # Z2 = ...  W2 A1 + b2;  A2 = ...  sigmoid of Z2
    Z1 = np.dot(W1, X) + b1
    A1 = np.tanh(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = sigmoid(Z2)
    # YOUR CODE ENDS HERE
    cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    return A2, cache


# GRADED FUNCTION: compute_cost
def compute_cost(A2, Y, parameters=None):
    """The mean cross-entropy of the predictions A2 against the labels Y, as a float.

    `parameters` is not used: older notebooks passed it, and their calls still work.
    """
    m = Y.shape[1]
    # YOUR CODE STARTS HERE
    # logprobs = ...  Y log(A2) + (1 - Y) log(1 - A2), elementwise (np.multiply, np.log)
    # cost = ...      -(1/m) times the sum of logprobs
    logprobs = np.multiply(np.log(A2), Y) + np.multiply(np.log(1 - A2), 1 - Y)
    cost = -np.sum(logprobs) / m
    # YOUR CODE ENDS HERE
    cost = float(np.squeeze(cost))
    return cost


# GRADED FUNCTION: backward_propagation
def backward_propagation(parameters, cache, X, Y):
    """The gradients dW1, db1, dW2, db2 of the cost, from the forward pass's cache."""
    m = X.shape[1]
    W2 = parameters["W2"]
    A1, A2 = cache["A1"], cache["A2"]
    # YOUR CODE STARTS HERE
    # dZ2 = ...  A2 - Y
    # dW2 = ...  (1/m) dZ2 A1^T;   db2 = ...  (1/m) sum of dZ2 over the examples (keepdims)
    # dZ1 = ...  W2^T dZ2 times the slope of tanh, 1 - A1^2
    # dW1 = ...  (1/m) dZ1 X^T;    db1 = ...  (1/m) sum of dZ1 over the examples (keepdims)
    dZ2 = A2 - Y
    dW2 = np.dot(dZ2, A1.T) / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))
    dW1 = np.dot(dZ1, X.T) / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    # YOUR CODE ENDS HERE
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


# GRADED FUNCTION: update_parameters
def update_parameters(parameters, grads, learning_rate=1.2):
    """One step of gradient descent on W1, b1, W2, b2; the input dictionary stays as it was."""
    parameters = copy.deepcopy(parameters)
    # YOUR CODE STARTS HERE
    # for each of W1, b1, W2, b2:  new value = old value - learning_rate * its gradient
    for key in ("W1", "b1", "W2", "b2"):
        parameters[key] = parameters[key] - learning_rate * grads["d" + key]
    # YOUR CODE ENDS HERE
    return parameters


# GRADED FUNCTION: nn_model
def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):
    """Train the network with n_h hidden units for num_iterations steps; return its parameters."""
    np.random.seed(3)
    n_x = layer_sizes(X, Y)[0]
    n_y = layer_sizes(X, Y)[2]
    # YOUR CODE STARTS HERE
    # parameters = ...  initialize_parameters(n_x, n_h, n_y)
    # then, num_iterations times:
    #     forward_propagation, compute_cost, backward_propagation, update_parameters
    parameters = initialize_parameters(n_x, n_h, n_y)
    for i in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)
        cost = compute_cost(A2, Y)
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters(parameters, grads)
        if print_cost and i % 1000 == 0:
            print(f"Cost after iteration {i}: {cost:f}")
    # YOUR CODE ENDS HERE
    return parameters


# GRADED FUNCTION: predict
def predict(parameters, X):
    """True where the network's output is above 0.5, for each example of X; shape (1, m)."""
    # YOUR CODE STARTS HERE
    # A2, cache = ...  forward_propagation
    # predictions = ...  A2 > 0.5
    A2, cache = forward_propagation(X, parameters)
    predictions = A2 > 0.5
    # YOUR CODE ENDS HERE
    return predictions
