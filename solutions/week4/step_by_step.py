"""Reference solutions: a deep neural network, built one step at a time (week 4, part 1).

Conventions follow the course exactly, so that learners' notebooks grade against them:
weights drawn after a fixed seed and scaled by 0.01, biases zero, caches laid out as
`((A_prev, W, b), Z)`, and gradient keys `dA{l-1}`, `dW{l}`, `db{l}`.
"""

import numpy as np

from dnn_utils import relu, relu_backward, sigmoid, sigmoid_backward


# GRADED FUNCTION: initialize_parameters
def initialize_parameters(n_x, n_h, n_y):
    """Small random weights and zero biases for a LINEAR->RELU->LINEAR->SIGMOID network."""
    np.random.seed(1)
    # YOUR CODE STARTS HERE
    # W1 = ...  (n_h, n_x), standard normal times 0.01;  b1 = ...  zeros (n_h, 1)
    # W2 = ...  (n_y, n_h), standard normal times 0.01;  b2 = ...  zeros (n_y, 1)
    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))
    # YOUR CODE ENDS HERE
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


# GRADED FUNCTION: initialize_parameters_deep
def initialize_parameters_deep(layer_dims):
    """Weights W1..W{L-1} of shape (n_l, n_{l-1}) scaled by 0.01, and zero biases."""
    np.random.seed(3)
    parameters = {}
    # YOUR CODE STARTS HERE
    # for each layer l = 1 .. L-1:
    #     parameters["W" + str(l)] = ...  (layer_dims[l], layer_dims[l-1]), randn times 0.01
    #     parameters["b" + str(l)] = ...  zeros (layer_dims[l], 1)
    for l in range(1, len(layer_dims)):
        parameters["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    # YOUR CODE ENDS HERE
    return parameters


# GRADED FUNCTION: linear_forward
def linear_forward(A, W, b):
    """Z = W A + b, keeping (A, W, b) for the backward pass."""
    # YOUR CODE STARTS HERE
    # Z = ...  (one line)
    Z = np.dot(W, A) + b
    # YOUR CODE ENDS HERE
    return Z, (A, W, b)


# GRADED FUNCTION: linear_activation_forward
def linear_activation_forward(A_prev, W, b, activation):
    """One layer: the linear step, then "sigmoid" or "relu"; cache both steps' inputs."""
    # YOUR CODE STARTS HERE
    # Z, linear_cache = ...          (the linear step)
    # A, activation_cache = ...      (sigmoid(Z) or relu(Z), by `activation`)
    Z, linear_cache = linear_forward(A_prev, W, b)
    if activation == "sigmoid":
        A, activation_cache = sigmoid(Z)
    elif activation == "relu":
        A, activation_cache = relu(Z)
    # YOUR CODE ENDS HERE
    return A, (linear_cache, activation_cache)


# GRADED FUNCTION: L_model_forward
def L_model_forward(X, parameters):
    """[LINEAR->RELU] for layers 1..L-1, then LINEAR->SIGMOID; one cache per layer."""
    caches = []
    A = X
    L = len(parameters) // 2
    # YOUR CODE STARTS HERE
    # layers 1 .. L-1: linear_activation_forward(..., "relu"), append each cache
    # layer L: linear_activation_forward(..., "sigmoid") gives AL; append its cache
    for l in range(1, L):
        A, cache = linear_activation_forward(
            A, parameters["W" + str(l)], parameters["b" + str(l)], "relu")
        caches.append(cache)
    AL, cache = linear_activation_forward(
        A, parameters["W" + str(L)], parameters["b" + str(L)], "sigmoid")
    caches.append(cache)
    # YOUR CODE ENDS HERE
    return AL, caches


# GRADED FUNCTION: compute_cost
def compute_cost(AL, Y):
    """Mean cross-entropy between the predictions AL and the labels Y, as a 0-d value."""
    m = Y.shape[1]
    # YOUR CODE STARTS HERE
    # cost = ...  -(1/m) * sum over examples of  y log(a) + (1 - y) log(1 - a)
    cost = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m
    # YOUR CODE ENDS HERE
    return np.squeeze(cost)


# GRADED FUNCTION: linear_backward
def linear_backward(dZ, cache):
    """From dZ of one layer, the gradients of its input, weights and bias (averaged over m)."""
    A_prev, W, b = cache
    m = A_prev.shape[1]
    # YOUR CODE STARTS HERE
    # dW = ...       (1/m) dZ A_prev^T
    # db = ...       (1/m) sum of dZ over the examples, keeping a column: (n_l, 1)
    # dA_prev = ...  W^T dZ
    dW = np.dot(dZ, A_prev.T) / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    dA_prev = np.dot(W.T, dZ)
    # YOUR CODE ENDS HERE
    return dA_prev, dW, db


# GRADED FUNCTION: linear_activation_backward
def linear_activation_backward(dA, cache, activation):
    """Back through the activation ("relu" or "sigmoid"), then through the linear step."""
    linear_cache, activation_cache = cache
    # YOUR CODE STARTS HERE
    # dZ = ...  relu_backward or sigmoid_backward of (dA, activation_cache)
    # dA_prev, dW, db = ...  linear_backward of (dZ, linear_cache)
    if activation == "relu":
        dZ = relu_backward(dA, activation_cache)
    elif activation == "sigmoid":
        dZ = sigmoid_backward(dA, activation_cache)
    dA_prev, dW, db = linear_backward(dZ, linear_cache)
    # YOUR CODE ENDS HERE
    return dA_prev, dW, db


# GRADED FUNCTION: L_model_backward
def L_model_backward(AL, Y, caches):
    """Every gradient of the cost: the sigmoid layer first, then the ReLU layers in reverse."""
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    # YOUR CODE STARTS HERE
    # dAL = ...  the derivative of the cost with respect to AL
    # layer L (sigmoid): grads["dA" + str(L-1)], grads["dW" + str(L)], grads["db" + str(L)]
    # layers l = L-2 .. 0 (relu): grads["dA" + str(l)], grads["dW" + str(l+1)], grads["db" + str(l+1)]
    dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    dA_prev, dW, db = linear_activation_backward(dAL, caches[L - 1], "sigmoid")
    grads["dA" + str(L - 1)] = dA_prev
    grads["dW" + str(L)] = dW
    grads["db" + str(L)] = db
    for l in reversed(range(L - 1)):
        dA_prev, dW, db = linear_activation_backward(grads["dA" + str(l + 1)], caches[l], "relu")
        grads["dA" + str(l)] = dA_prev
        grads["dW" + str(l + 1)] = dW
        grads["db" + str(l + 1)] = db
    # YOUR CODE ENDS HERE
    return grads


# GRADED FUNCTION: update_parameters
def update_parameters(params, grads, learning_rate):
    """One gradient-descent step on every W and b; the input dictionary is left untouched."""
    parameters = {key: np.copy(value) for key, value in params.items()}
    L = len(parameters) // 2
    # YOUR CODE STARTS HERE
    # for l = 1 .. L:  W_l = W_l - learning_rate * dW_l ;  b_l = b_l - learning_rate * db_l
    for l in range(1, L + 1):
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)]
    # YOUR CODE ENDS HERE
    return parameters
