"""Mistakes learners make in the logistic-regression assignment, each as a working function.

`<function>__<mistake>` is what a learner who makes that mistake writes. The grader runs these
on the same inputs as the learner's code and names the mistake when the outputs match. Other
graded functions are called by their plain names and resolve to the references.
"""

import copy
import math

import numpy as np


def sigmoid__math_exp(z):
    return 1 / (1 + math.exp(-z))


def sigmoid__no_minus(z):
    return 1 / (1 + np.exp(z))


def sigmoid__precedence(z):
    return 1 / 1 + np.exp(-z)


def initialize_with_zeros__int_bias(dim):
    return np.zeros((dim, 1)), 0


def initialize_with_zeros__rank1(dim):
    return np.zeros(dim), 0.0


def initialize_with_zeros__row(dim):
    return np.zeros((1, dim)), 0.0


def initialize_with_zeros__array_bias(dim):
    return np.zeros((dim, 1)), np.zeros((1, 1))


def _propagate(w, b, X, Y, cost_of, dw_of, divide=True):
    m = X.shape[1]
    A = sigmoid(np.dot(w.T, X) + b)
    scale = 1 / m if divide else 1
    grads = {"dw": dw_of(X, A - Y) * scale, "db": np.sum(A - Y) * scale}
    return grads, np.squeeze(np.array(cost_of(A, Y) / m))


def _cross_entropy(A, Y):
    return -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A))


def _dw(X, error):
    return np.dot(X, error.T)


def propagate__elementwise_dw(w, b, X, Y):
    return _propagate(w, b, X, Y, _cross_entropy, lambda X, error: X * error)


def propagate__no_divide_by_m(w, b, X, Y):
    return _propagate(w, b, X, Y, _cross_entropy, _dw, divide=False)


def propagate__cost_sign(w, b, X, Y):
    return _propagate(w, b, X, Y, lambda A, Y: -_cross_entropy(A, Y), _dw)


def _outer_cross_entropy(A, Y):
    return -np.sum(Y * np.log(A).T + (1 - Y) * np.log(1 - A).T)


def propagate__log_transposed(w, b, X, Y):
    return _propagate(w, b, X, Y, _outer_cross_entropy, _dw)


def _optimize(w, b, X, Y, num_iterations, learning_rate, sign=-1, every=100):
    w, b = copy.deepcopy(w), copy.deepcopy(b)
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        w = w + sign * learning_rate * grads["dw"]
        b = b + sign * learning_rate * grads["db"]
        if i % every == 0:
            costs.append(cost)
    return {"w": w, "b": b}, grads, costs


def optimize__fixed_learning_rate(w, b, X, Y, num_iterations=100, learning_rate=0.009,
                                  print_cost=False):
    return _optimize(w, b, X, Y, num_iterations, 0.009)


def optimize__fixed_iterations(w, b, X, Y, num_iterations=100, learning_rate=0.009,
                               print_cost=False):
    return _optimize(w, b, X, Y, 100, learning_rate)


def optimize__gradient_ascent(w, b, X, Y, num_iterations=100, learning_rate=0.009,
                              print_cost=False):
    return _optimize(w, b, X, Y, num_iterations, learning_rate, sign=1)


def optimize__cost_every_iteration(w, b, X, Y, num_iterations=100, learning_rate=0.009,
                                   print_cost=False):
    return _optimize(w, b, X, Y, num_iterations, learning_rate, every=1)


def predict__no_bias(w, b, X):
    A = sigmoid(np.dot(w.reshape(X.shape[0], 1).T, X))
    return (A > 0.5).astype(np.float64)


def predict__probabilities(w, b, X):
    return sigmoid(np.dot(w.reshape(X.shape[0], 1).T, X) + b)


def predict__threshold_before_sigmoid(w, b, X):
    Z = np.dot(w.reshape(X.shape[0], 1).T, X) + b
    return (Z > 0.5).astype(np.float64)


def _model(X_train, Y_train, X_test, Y_test, num_iterations, learning_rate, train_on_test=False):
    w, b = initialize_with_zeros(X_train.shape[0])
    params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate)
    w, b = params["w"], params["b"]
    test, train = (X_train, X_test) if train_on_test else (X_test, X_train)
    return {"costs": costs, "Y_prediction_test": predict(w, b, test),
            "Y_prediction_train": predict(w, b, train), "w": w, "b": b,
            "learning_rate": learning_rate, "num_iterations": num_iterations}


def model__defaults_to_optimize(X_train, Y_train, X_test, Y_test, num_iterations=2000,
                                learning_rate=0.5, print_cost=False):
    result = _model(X_train, Y_train, X_test, Y_test, 100, 0.009)
    return {**result, "learning_rate": learning_rate, "num_iterations": num_iterations}


def model__fixed_hyperparameters(X_train, Y_train, X_test, Y_test, num_iterations=2000,
                                 learning_rate=0.5, print_cost=False):
    return _model(X_train, Y_train, X_test, Y_test, 2000, 0.005)


def model__predictions_swapped(X_train, Y_train, X_test, Y_test, num_iterations=2000,
                               learning_rate=0.5, print_cost=False):
    return _model(X_train, Y_train, X_test, Y_test, num_iterations, learning_rate,
                  train_on_test=True)
