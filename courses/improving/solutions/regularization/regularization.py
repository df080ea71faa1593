"""Reference solutions: L2 regularisation and dropout for a three-layer network (course 2, week 1,
part 2).

The network is LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID, examples in columns. Its
forward pass without dropout, its cross-entropy `compute_cost` and its plain backward pass come
from the course module `reg_utils`; these functions add the L2 penalty to the cost and to the
weights' gradients, and dropout (inverted: masks from `np.random.rand`, kept entries divided by
`keep_prob`) to the two hidden layers, forward and backward.
"""

import numpy as np

# forward_propagation is not called here: the grader's cases and gradient check use it
from reg_utils import compute_cost, forward_propagation, relu, sigmoid  # noqa: F401


# GRADED FUNCTION: compute_cost_with_regularization
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    """The cross-entropy cost plus (1/m) * (lambd/2) * the sum of the squared weights."""
    m = Y.shape[1]
    W1 = parameters["W1"]
    W2 = parameters["W2"]
    W3 = parameters["W3"]
    cross_entropy_cost = compute_cost(A3, Y)  # the cross-entropy part of the cost
    # YOUR CODE STARTS HERE
    # L2_regularization_cost = ...  (1/m) * (lambd/2) * (np.sum(np.square(W1)) + the same for
    #                               W2 and W3)
    L2_regularization_cost = (lambd / (2 * m)) * (
        np.sum(np.square(W1)) + np.sum(np.square(W2)) + np.sum(np.square(W3)))
    # YOUR CODE ENDS HERE
    cost = cross_entropy_cost + L2_regularization_cost
    return cost


# GRADED FUNCTION: backward_propagation_with_regularization
def backward_propagation_with_regularization(X, Y, cache, lambd):
    """The gradients of the regularised cost: each dW gains (lambd / m) * W."""
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    # YOUR CODE STARTS HERE
    # dW3 = ...  (1/m) dZ3 A2ᵀ, plus the gradient of the L2 term: (lambd/m) * W3
    dW3 = 1.0 / m * np.dot(dZ3, A2.T) + (lambd / m) * W3
    # YOUR CODE ENDS HERE
    db3 = 1.0 / m * np.sum(dZ3, axis=1, keepdims=True)
    dA2 = np.dot(W3.T, dZ3)
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))
    # YOUR CODE STARTS HERE
    # dW2 = ...  (1/m) dZ2 A1ᵀ + (lambd/m) * W2
    dW2 = 1.0 / m * np.dot(dZ2, A1.T) + (lambd / m) * W2
    # YOUR CODE ENDS HERE
    db2 = 1.0 / m * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = np.dot(W2.T, dZ2)
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    # YOUR CODE STARTS HERE
    # dW1 = ...  (1/m) dZ1 Xᵀ + (lambd/m) * W1
    dW1 = 1.0 / m * np.dot(dZ1, X.T) + (lambd / m) * W1
    # YOUR CODE ENDS HERE
    db1 = 1.0 / m * np.sum(dZ1, axis=1, keepdims=True)
    gradients = {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2,
                 "dZ2": dZ2, "dW2": dW2, "db2": db2, "dA1": dA1,
                 "dZ1": dZ1, "dW1": dW1, "db1": db1}
    return gradients


# GRADED FUNCTION: forward_propagation_with_dropout
def forward_propagation_with_dropout(X, parameters, keep_prob=0.5):
    """The forward pass with (inverted) dropout on the two hidden layers; the cache holds the
    masks D1 and D2 too: (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)."""
    np.random.seed(1)
    W1 = parameters["W1"]
    b1 = parameters["b1"]
    W2 = parameters["W2"]
    b2 = parameters["b2"]
    W3 = parameters["W3"]
    b3 = parameters["b3"]
    Z1 = np.dot(W1, X) + b1
    A1 = relu(Z1)
    # YOUR CODE STARTS HERE
    # D1 = ...  np.random.rand with the shape of A1
    # D1 = ...  1 (or True) where D1 < keep_prob, else 0 (or False)
    # A1 = ...  shut down the neurons where D1 is 0: multiply by D1
    # A1 = ...  divide by keep_prob, so that the expected value of A1 does not change
    D1 = np.random.rand(A1.shape[0], A1.shape[1])
    D1 = D1 < keep_prob
    A1 = A1 * D1
    A1 = A1 / keep_prob
    # YOUR CODE ENDS HERE
    Z2 = np.dot(W2, A1) + b2
    A2 = relu(Z2)
    # YOUR CODE STARTS HERE
    # the same four steps for A2, with a mask D2 of the shape of A2
    D2 = np.random.rand(A2.shape[0], A2.shape[1])
    D2 = D2 < keep_prob
    A2 = A2 * D2
    A2 = A2 / keep_prob
    # YOUR CODE ENDS HERE
    Z3 = np.dot(W3, A2) + b3
    A3 = sigmoid(Z3)
    cache = (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)
    return A3, cache


# GRADED FUNCTION: backward_propagation_with_dropout
def backward_propagation_with_dropout(X, Y, cache, keep_prob):
    """The backward pass through the same masks: dA1 and dA2 are masked and divided by
    keep_prob, as A1 and A2 were."""
    m = X.shape[1]
    (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = 1.0 / m * np.dot(dZ3, A2.T)
    db3 = 1.0 / m * np.sum(dZ3, axis=1, keepdims=True)
    dA2 = np.dot(W3.T, dZ3)
    # YOUR CODE STARTS HERE
    # dA2 = ...  apply the mask D2: shut down the neurons the forward pass shut down
    # dA2 = ...  divide by keep_prob, as the forward pass did
    dA2 = dA2 * D2
    dA2 = dA2 / keep_prob
    # YOUR CODE ENDS HERE
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))
    dW2 = 1.0 / m * np.dot(dZ2, A1.T)
    db2 = 1.0 / m * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = np.dot(W2.T, dZ2)
    # YOUR CODE STARTS HERE
    # the same two steps for dA1, with the mask D1
    dA1 = dA1 * D1
    dA1 = dA1 / keep_prob
    # YOUR CODE ENDS HERE
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    dW1 = 1.0 / m * np.dot(dZ1, X.T)
    db1 = 1.0 / m * np.sum(dZ1, axis=1, keepdims=True)
    gradients = {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2,
                 "dZ2": dZ2, "dW2": dW2, "db2": db2, "dA1": dA1,
                 "dZ1": dZ1, "dW1": dW1, "db1": db1}
    return gradients
