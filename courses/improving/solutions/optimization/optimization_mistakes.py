"""Mistakes learners make with optimisation methods, each as a working function.

`<function>__<mistake>` is what a learner who makes that mistake writes; the grader names the
mistake when a learner's outputs match it on every case, and the self-check grades each one as
a submission.
"""

import math

import numpy as np


def _stepped(parameters, grads, step):
    """A new dictionary: each key k of parameters becomes step(W, dW) for its layer's l in
    1 .. L."""
    updated = dict(parameters)
    for l in range(1, len(parameters) // 2 + 1):
        for key in ("W" + str(l), "b" + str(l)):
            updated[key] = step(parameters[key], grads["d" + key])
    return updated


def update_parameters_with_gd__plus(parameters, grads, learning_rate):
    return _stepped(parameters, grads, lambda W, dW: W + learning_rate * dW)


def update_parameters_with_gd__keys_from_zero(parameters, grads, learning_rate):
    parameters = dict(parameters)
    for l in range(len(parameters) // 2):
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)]
    return parameters


def update_parameters_with_gd__no_learning_rate(parameters, grads, learning_rate):
    return _stepped(parameters, grads, lambda W, dW: W - dW)


def _cut(X, Y, mini_batch_size, seed, source, start, last_start):
    """The mini-batches: each mini-batch k taken from source(shuffled_X, shuffled_Y, X, Y) at
    columns start(k) to start(k) + mini_batch_size, the last one from last_start(k, n)."""
    np.random.seed(seed)
    m = X.shape[1]
    permutation = list(np.random.permutation(m))
    shuffled_X, shuffled_Y = X[:, permutation], Y[:, permutation].reshape((1, m))
    take_X, take_Y = source(shuffled_X, shuffled_Y, X, Y)
    complete = math.floor(m / mini_batch_size)
    mini_batches = []
    for k in range(complete):
        mini_batches.append((take_X[:, start(k):start(k) + mini_batch_size],
                             take_Y[:, start(k):start(k) + mini_batch_size]))
    if m % mini_batch_size != 0:
        first = last_start(complete)
        mini_batches.append((take_X[:, first:], take_Y[:, first:]))
    return mini_batches


def random_mini_batches__not_shuffled(X, Y, mini_batch_size=64, seed=0):
    return _cut(X, Y, mini_batch_size, seed, lambda sX, sY, X, Y: (X, Y),
                lambda k: k * mini_batch_size, lambda n: n * mini_batch_size)


def random_mini_batches__k_not_scaled(X, Y, mini_batch_size=64, seed=0):
    return _cut(X, Y, mini_batch_size, seed, lambda sX, sY, X, Y: (sX, sY), lambda k: k,
                lambda n: n * mini_batch_size)


def random_mini_batches__last_from_k(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    m = X.shape[1]
    permutation = list(np.random.permutation(m))
    shuffled_X, shuffled_Y = X[:, permutation], Y[:, permutation].reshape((1, m))
    mini_batches = []
    for k in range(math.floor(m / mini_batch_size)):
        mini_batches.append((shuffled_X[:, k * mini_batch_size:(k + 1) * mini_batch_size],
                             shuffled_Y[:, k * mini_batch_size:(k + 1) * mini_batch_size]))
    if m % mini_batch_size != 0:
        mini_batches.append((shuffled_X[:, (k + 1) * mini_batch_size:],
                             shuffled_Y[:, (k + 1) * mini_batch_size:]))
    return mini_batches


def random_mini_batches__size_64(X, Y, mini_batch_size=64, seed=0):
    return _cut(X, Y, mini_batch_size, seed, lambda sX, sY, X, Y: (sX, sY), lambda k: k * 64,
                lambda n: n * 64)


def _zeros(parameters, key, shape):
    """Zeros for each layer: {key(l, "W"): zeros of shape(W), key(l, "b"): ...}, l in 1 .. L."""
    moments = {}
    for l in range(1, len(parameters) // 2 + 1):
        for name in ("W", "b"):
            moments[key(l, name)] = np.zeros(shape(parameters[name + str(l)]))
    return moments


def initialize_velocity__parameter_keys(parameters):
    return _zeros(parameters, lambda l, name: name + str(l), np.shape)


def initialize_velocity__keys_from_zero(parameters):
    v = {}
    for l in range(len(parameters) // 2):
        v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        v["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
    return v


def initialize_velocity__rank1(parameters):
    return _zeros(parameters, lambda l, name: "d" + name + str(l), lambda a: a.shape[0])


def initialize_adam__parameter_keys(parameters):
    return (_zeros(parameters, lambda l, name: name + str(l), np.shape),
            _zeros(parameters, lambda l, name: name + str(l), np.shape))


def initialize_adam__keys_from_zero(parameters):
    v, s = {}, {}
    for l in range(len(parameters) // 2):
        v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        s["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
    return v, s


def initialize_adam__rank1(parameters):
    return (_zeros(parameters, lambda l, name: "d" + name + str(l), lambda a: a.shape[0]),
            _zeros(parameters, lambda l, name: "d" + name + str(l), lambda a: a.shape[0]))


def _momentum(parameters, grads, v, new_v, step):
    """v[dk] = new_v(v[dk], grad); parameter k = step(k, grad, new v), for every W and b."""
    parameters, v = dict(parameters), dict(v)
    for l in range(1, len(parameters) // 2 + 1):
        for key in ("W" + str(l), "b" + str(l)):
            grad = grads["d" + key]
            v["d" + key] = new_v(v["d" + key], grad)
            parameters[key] = step(parameters[key], grad, v["d" + key])
    return parameters, v


def update_parameters_with_momentum__beta_swapped(parameters, grads, v, beta, learning_rate):
    return _momentum(parameters, grads, v, lambda old, g: (1 - beta) * old + beta * g,
                     lambda W, g, new: W - learning_rate * new)


def update_parameters_with_momentum__no_one_minus(parameters, grads, v, beta, learning_rate):
    return _momentum(parameters, grads, v, lambda old, g: beta * old + g,
                     lambda W, g, new: W - learning_rate * new)


def update_parameters_with_momentum__step_with_gradient(parameters, grads, v, beta,
                                                        learning_rate):
    return _momentum(parameters, grads, v, lambda old, g: beta * old + (1 - beta) * g,
                     lambda W, g, new: W - learning_rate * g)


def _adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon, mistake):
    """Adam with one of four mistakes (see the functions below)."""
    parameters, v, s = dict(parameters), dict(v), dict(s)
    v_corrected, s_corrected = {}, {}
    for l in range(1, len(parameters) // 2 + 1):
        for key in ("W" + str(l), "b" + str(l)):
            d, grad = "d" + key, grads["d" + key]
            squared = grad if mistake == "gradient_not_squared" else np.square(grad)
            v[d] = beta1 * v[d] + (1 - beta1) * grad
            s[d] = beta2 * s[d] + (1 - beta2) * squared
            if mistake == "correction_power":
                v_corrected[d], s_corrected[d] = v[d] / (1 - (1 - beta1) ** t), s[d] / (
                    1 - (1 - beta2) ** t)
            else:
                v_corrected[d], s_corrected[d] = v[d] / (1 - beta1 ** t), s[d] / (1 - beta2 ** t)
            mean, square = ((v[d], s[d]) if mistake == "no_bias_correction"
                            else (v_corrected[d], s_corrected[d]))
            if mistake == "epsilon_inside_sqrt":
                parameters[key] = parameters[key] - learning_rate * mean / np.sqrt(square + epsilon)
            else:
                parameters[key] = parameters[key] - learning_rate * mean / (np.sqrt(square)
                                                                            + epsilon)
    return parameters, v, s, v_corrected, s_corrected


def update_parameters_with_adam__epsilon_inside_sqrt(parameters, grads, v, s, t,
                                                     learning_rate=0.01, beta1=0.9,
                                                     beta2=0.999, epsilon=1e-8):
    return _adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon,
                 "epsilon_inside_sqrt")


def update_parameters_with_adam__no_bias_correction(parameters, grads, v, s, t,
                                                    learning_rate=0.01, beta1=0.9, beta2=0.999,
                                                    epsilon=1e-8):
    return _adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon,
                 "no_bias_correction")


def update_parameters_with_adam__correction_power(parameters, grads, v, s, t,
                                                  learning_rate=0.01, beta1=0.9, beta2=0.999,
                                                  epsilon=1e-8):
    return _adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon,
                 "correction_power")


def update_parameters_with_adam__gradient_not_squared(parameters, grads, v, s, t,
                                                      learning_rate=0.01, beta1=0.9,
                                                      beta2=0.999, epsilon=1e-8):
    return _adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon,
                 "gradient_not_squared")


def update_parameters_with_adam__three_outputs(parameters, grads, v, s, t, learning_rate=0.01,
                                               beta1=0.9, beta2=0.999, epsilon=1e-8):
    return _adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon, "")[:3]


def update_lr__precedence(learning_rate0, epoch_num, decay_rate):
    return learning_rate0 / 1 + decay_rate * epoch_num


def update_lr__without_learning_rate0(learning_rate0, epoch_num, decay_rate):
    return 1 / (1 + decay_rate * epoch_num)


def update_lr__exponential(learning_rate0, epoch_num, decay_rate):
    return learning_rate0 * decay_rate ** epoch_num


def schedule_lr_decay__no_floor(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    return learning_rate0 / (1 + decay_rate * (epoch_num / time_interval))


def schedule_lr_decay__rounded(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    return learning_rate0 / (1 + decay_rate * np.round(epoch_num / time_interval))


def schedule_lr_decay__every_epoch(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    return learning_rate0 / (1 + decay_rate * epoch_num)
