"""Reference solutions: optimisation methods (course 2, week 2).

Gradient descent, mini-batches, momentum, Adam and learning-rate decay for a network whose
parameters are {"W1", "b1", ..., "WL", "bL"} and whose gradients and moving averages use the
keys "dW1", "db1", ... . The update functions return new arrays in their dictionaries; the
mini-batches are shuffled after `np.random.seed(seed)`, as in the course.
"""

import math

import numpy as np


# GRADED FUNCTION: update_parameters_with_gd
def update_parameters_with_gd(parameters, grads, learning_rate):
    """One step of gradient descent: W[l] -= learning_rate * dW[l], and the same for b[l]."""
    L = len(parameters) // 2  # the number of layers
    parameters = dict(parameters)  # a copy: the caller's dictionary stays as it was
    # YOUR CODE STARTS HERE
    # for each layer l = 1 .. L (keys "W" + str(l), "dW" + str(l), ...):
    #     parameters["W" + str(l)] = ...  W minus learning_rate times dW
    #     parameters["b" + str(l)] = ...  b minus learning_rate times db
    for l in range(1, L + 1):
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)]
    # YOUR CODE ENDS HERE
    return parameters


# GRADED FUNCTION: random_mini_batches
def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    """The columns of (X, Y) shuffled together, then cut into mini-batches of
    `mini_batch_size` examples, the last one smaller when m is not a multiple of it."""
    np.random.seed(seed)  # so that your "random" mini-batches are the expected ones
    m = X.shape[1]
    mini_batches = []
    permutation = list(np.random.permutation(m))
    shuffled_X = X[:, permutation]
    shuffled_Y = Y[:, permutation].reshape((1, m))
    num_complete_minibatches = math.floor(m / mini_batch_size)
    for k in range(num_complete_minibatches):
        # YOUR CODE STARTS HERE
        # mini_batch_X = ...  the k-th block of mini_batch_size columns of shuffled_X
        # mini_batch_Y = ...  the same columns of shuffled_Y
        mini_batch_X = shuffled_X[:, k * mini_batch_size:(k + 1) * mini_batch_size]
        mini_batch_Y = shuffled_Y[:, k * mini_batch_size:(k + 1) * mini_batch_size]
        # YOUR CODE ENDS HERE
        mini_batch = (mini_batch_X, mini_batch_Y)
        mini_batches.append(mini_batch)
    if m % mini_batch_size != 0:
        # YOUR CODE STARTS HERE
        # mini_batch_X = ...  the columns left after the complete mini-batches
        # mini_batch_Y = ...
        mini_batch_X = shuffled_X[:, num_complete_minibatches * mini_batch_size:]
        mini_batch_Y = shuffled_Y[:, num_complete_minibatches * mini_batch_size:]
        # YOUR CODE ENDS HERE
        mini_batch = (mini_batch_X, mini_batch_Y)
        mini_batches.append(mini_batch)
    return mini_batches


# GRADED FUNCTION: initialize_velocity
def initialize_velocity(parameters):
    """The velocity {"dW1", "db1", ...}: zeros of the shapes of W1, b1, ..."""
    L = len(parameters) // 2
    v = {}
    # YOUR CODE STARTS HERE
    # for each layer l = 1 .. L:
    #     v["dW" + str(l)] = ...  zeros of the shape of parameters["W" + str(l)]
    #     v["db" + str(l)] = ...  zeros of the shape of parameters["b" + str(l)]
    for l in range(1, L + 1):
        v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        v["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
    # YOUR CODE ENDS HERE
    return v


# GRADED FUNCTION: update_parameters_with_momentum
def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    """v = beta v + (1 - beta) grad, then W -= learning_rate v (each W and b)."""
    L = len(parameters) // 2
    parameters, v = dict(parameters), dict(v)  # copies: the caller's dictionaries stay as they were
    # YOUR CODE STARTS HERE
    # for each layer l = 1 .. L:
    #     v["dW" + str(l)] = ...  beta * v["dW" + str(l)] + (1 - beta) * dW
    #     v["db" + str(l)] = ...
    #     parameters["W" + str(l)] = ...  W minus learning_rate times the new v["dW" + str(l)]
    #     parameters["b" + str(l)] = ...
    for l in range(1, L + 1):
        v["dW" + str(l)] = beta * v["dW" + str(l)] + (1 - beta) * grads["dW" + str(l)]
        v["db" + str(l)] = beta * v["db" + str(l)] + (1 - beta) * grads["db" + str(l)]
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * v["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * v["db" + str(l)]
    # YOUR CODE ENDS HERE
    return parameters, v


# GRADED FUNCTION: initialize_adam
def initialize_adam(parameters):
    """The two moving averages of Adam, v and s: zeros of the shapes of W1, b1, ..."""
    L = len(parameters) // 2
    v = {}
    s = {}
    # YOUR CODE STARTS HERE
    # for each layer l = 1 .. L:
    #     v["dW" + str(l)], v["db" + str(l)] = ...  zeros of the shapes of W and b
    #     s["dW" + str(l)], s["db" + str(l)] = ...  the same, in new arrays
    for l in range(1, L + 1):
        v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        v["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
        s["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        s["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
    # YOUR CODE ENDS HERE
    return v, s


# GRADED FUNCTION: update_parameters_with_adam
def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01,
                                beta1=0.9, beta2=0.999, epsilon=1e-8):
    """One step of Adam (t counts the steps, from 1); returns the parameters, v, s and the
    bias-corrected v_corrected and s_corrected."""
    L = len(parameters) // 2
    parameters, v, s = dict(parameters), dict(v), dict(s)  # copies, as in the momentum update
    v_corrected = {}
    s_corrected = {}
    # YOUR CODE STARTS HERE
    # for each layer l = 1 .. L, and for each of "dW" + str(l), "db" + str(l):
    #     v[...] = ...            beta1 * v[...] + (1 - beta1) * the gradient
    #     v_corrected[...] = ...  v[...] / (1 - beta1 ** t)
    #     s[...] = ...            beta2 * s[...] + (1 - beta2) * the gradient squared
    #     s_corrected[...] = ...  s[...] / (1 - beta2 ** t)
    #     the parameter = ...     itself minus learning_rate * v_corrected[...]
    #                             / (np.sqrt(s_corrected[...]) + epsilon)
    for l in range(1, L + 1):
        for key in ("W" + str(l), "b" + str(l)):
            grad = grads["d" + key]
            v["d" + key] = beta1 * v["d" + key] + (1 - beta1) * grad
            v_corrected["d" + key] = v["d" + key] / (1 - beta1 ** t)
            s["d" + key] = beta2 * s["d" + key] + (1 - beta2) * np.square(grad)
            s_corrected["d" + key] = s["d" + key] / (1 - beta2 ** t)
            parameters[key] = parameters[key] - learning_rate * v_corrected["d" + key] / (
                np.sqrt(s_corrected["d" + key]) + epsilon)
    # YOUR CODE ENDS HERE
    return parameters, v, s, v_corrected, s_corrected


# GRADED FUNCTION: update_lr
def update_lr(learning_rate0, epoch_num, decay_rate):
    """The learning rate after `epoch_num` epochs of decay: learning_rate0 / (1 + decay_rate
    * epoch_num)."""
    # YOUR CODE STARTS HERE
    # learning_rate = ...
    learning_rate = learning_rate0 / (1 + decay_rate * epoch_num)
    # YOUR CODE ENDS HERE
    return learning_rate


# GRADED FUNCTION: schedule_lr_decay
def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    """The same decay, counted in whole intervals of `time_interval` epochs: learning_rate0 /
    (1 + decay_rate * floor(epoch_num / time_interval))."""
    # YOUR CODE STARTS HERE
    # learning_rate = ...  (np.floor rounds down)
    learning_rate = learning_rate0 / (1 + decay_rate * np.floor(epoch_num / time_interval))
    # YOUR CODE ENDS HERE
    return learning_rate
