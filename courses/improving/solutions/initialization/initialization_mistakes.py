"""Mistakes learners make initialising a deep network, each as a working function.

`<function>__<mistake>` is what a learner who makes that mistake writes; the grader names the
mistake when a learner's outputs match it on every case, and the self-check grades each one as
a submission.
"""

import numpy as np


def _layers(layers_dims, weight, bias, seed=None):
    if seed is not None:
        np.random.seed(seed)
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = weight(layers_dims[l], layers_dims[l - 1])
        parameters["b" + str(l)] = bias(layers_dims[l])
    return parameters


def _column(n):
    return np.zeros((n, 1))


def initialize_parameters_zeros__shape_as_two_arguments(layers_dims):
    return _layers(layers_dims, lambda n, n_prev: np.zeros(n, n_prev), _column)


def initialize_parameters_zeros__transposed(layers_dims):
    return _layers(layers_dims, lambda n, n_prev: np.zeros((n_prev, n)), _column)


def initialize_parameters_zeros__rank1_bias(layers_dims):
    return _layers(layers_dims, lambda n, n_prev: np.zeros((n, n_prev)), np.zeros)


def initialize_parameters_random__times_0_01(layers_dims):
    return _layers(layers_dims, lambda n, n_prev: np.random.randn(n, n_prev) * 0.01, _column, 3)


def initialize_parameters_random__not_scaled(layers_dims):
    return _layers(layers_dims, np.random.randn, _column, 3)


def initialize_parameters_random__uniform(layers_dims):
    return _layers(layers_dims, lambda n, n_prev: np.random.rand(n, n_prev) * 10, _column, 3)


def initialize_parameters_he__current_layer(layers_dims):
    return _layers(layers_dims, lambda n, n_prev: np.random.randn(n, n_prev) * np.sqrt(2 / n),
                   _column, 3)


def initialize_parameters_he__xavier(layers_dims):
    return _layers(layers_dims,
                   lambda n, n_prev: np.random.randn(n, n_prev) * np.sqrt(1 / n_prev), _column, 3)


def initialize_parameters_he__no_sqrt(layers_dims):
    return _layers(layers_dims, lambda n, n_prev: np.random.randn(n, n_prev) * (2 / n_prev),
                   _column, 3)
