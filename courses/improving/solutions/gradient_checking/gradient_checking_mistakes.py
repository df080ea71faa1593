"""Mistakes learners make checking gradients, each as a working function.

`<function>__<mistake>` is what a learner who makes that mistake writes. Other graded functions
(`forward_propagation`, `backward_propagation`) are called by their plain names and resolve to
the references; `gc_utils` is imported as the notebook imports it.
"""

import numpy as np
from gc_utils import (dictionary_to_vector, forward_propagation_n, gradients_to_vector,
                      vector_to_dictionary)


def forward_propagation__sum(x, theta):
    return theta + x


def forward_propagation__returns_x(x, theta):
    return x


def forward_propagation__returns_theta(x, theta):
    return theta


def backward_propagation__returns_theta(x, theta):
    return theta


def backward_propagation__returns_J(x, theta):
    return theta * x


def backward_propagation__returns_one(x, theta):
    return 1


def _relative(grad, gradapprox):
    return np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))


def gradient_check__precedence(x, theta, epsilon=1e-7, print_msg=False):
    J_plus = forward_propagation(x, theta + epsilon)
    J_minus = forward_propagation(x, theta - epsilon)
    return _relative(backward_propagation(x, theta), (J_plus - J_minus) / 2 * epsilon)


def gradient_check__grad_is_gradapprox(x, theta, epsilon=1e-7, print_msg=False):
    gradapprox = (forward_propagation(x, theta + epsilon)
                  - forward_propagation(x, theta - epsilon)) / (2 * epsilon)
    return _relative(gradapprox, gradapprox)


def gradient_check__perturbs_x(x, theta, epsilon=1e-7, print_msg=False):
    gradapprox = (forward_propagation(x + epsilon, theta)
                  - forward_propagation(x - epsilon, theta)) / (2 * epsilon)
    return _relative(backward_propagation(x, theta), gradapprox)


def gradient_check__theta_from_x(x, theta, epsilon=1e-7, print_msg=False):
    gradapprox = (forward_propagation(x, x + epsilon)
                  - forward_propagation(x, x - epsilon)) / (2 * epsilon)
    return _relative(backward_propagation(x, theta), gradapprox)


def gradient_check__no_denominator(x, theta, epsilon=1e-7, print_msg=False):
    gradapprox = (forward_propagation(x, theta + epsilon)
                  - forward_propagation(x, theta - epsilon)) / (2 * epsilon)
    return np.linalg.norm(backward_propagation(x, theta) - gradapprox)


def _approximated(parameters, X, Y, epsilon, moved, gap):
    """gradapprox, entry i from the costs at moved(values, i, +epsilon) and (.., -epsilon),
    divided by gap(epsilon)."""
    values, _ = dictionary_to_vector(parameters)
    gradapprox = np.zeros((values.shape[0], 1))
    for i in range(values.shape[0]):
        J_plus, _ = forward_propagation_n(X, Y, vector_to_dictionary(moved(values, i, epsilon)))
        J_minus, _ = forward_propagation_n(X, Y, vector_to_dictionary(moved(values, i, -epsilon)))
        gradapprox[i] = gap(J_plus - J_minus, epsilon)
    return gradapprox


def _one_entry(values, i, shift):
    moved = np.copy(values)
    moved[i] = moved[i] + shift
    return moved


def gradient_check_n__no_copy(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    def in_place(values, i, shift):  # theta_plus = parameters_values: both are one array
        values[i] = values[i] + shift
        return values

    values, _ = dictionary_to_vector(parameters)
    gradapprox = np.zeros((values.shape[0], 1))
    for i in range(values.shape[0]):
        J_plus, _ = forward_propagation_n(X, Y, vector_to_dictionary(in_place(values, i, epsilon)))
        J_minus, _ = forward_propagation_n(X, Y,
                                           vector_to_dictionary(in_place(values, i, -epsilon)))
        gradapprox[i] = (J_plus - J_minus) / (2 * epsilon)
    return _relative(gradients_to_vector(gradients), gradapprox)


def gradient_check_n__precedence(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    gradapprox = _approximated(parameters, X, Y, epsilon, _one_entry, lambda d, e: d / 2 * e)
    return _relative(gradients_to_vector(gradients), gradapprox)


def gradient_check_n__perturbs_every_parameter(parameters, gradients, X, Y, epsilon=1e-7,
                                               print_msg=False):
    gradapprox = _approximated(parameters, X, Y, epsilon, lambda values, i, shift: values + shift,
                               lambda d, e: d / (2 * e))
    return _relative(gradients_to_vector(gradients), gradapprox)


def gradient_check_n__norm_of_sum(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    grad = gradients_to_vector(gradients)
    gradapprox = _approximated(parameters, X, Y, epsilon, _one_entry, lambda d, e: d / (2 * e))
    return np.linalg.norm(grad - gradapprox) / np.linalg.norm(grad + gradapprox)
