"""Mistakes learners make in the numpy-basics assignment, each as a working function.

`<function>__<mistake>` is what a learner who makes that mistake writes. The grader runs these
on the same inputs as the learner's code and names the mistake when the outputs match. Other
graded functions are called by their plain names and resolve to the references.
"""

import math

import numpy as np


def basic_sigmoid__no_minus(x):
    return 1 / (1 + math.exp(x))


def basic_sigmoid__precedence(x):
    return 1 / 1 + math.exp(-x)


def basic_sigmoid__minus_in_denominator(x):
    return 1 / (1 - math.exp(-x))


def sigmoid__math_exp(x):
    return 1 / (1 + math.exp(-x))


def sigmoid__no_minus(x):
    return 1 / (1 + np.exp(x))


def sigmoid__precedence(x):
    return 1 / 1 + np.exp(-x)


def sigmoid_derivative__of_x_not_s(x):
    return x * (1 - x)


def sigmoid_derivative__mixed(x):
    return sigmoid(x) * (1 - x)


def sigmoid_derivative__tanh_slope(x):
    return 1 - sigmoid(x) ** 2


def image2vector__rank1(image):
    return image.reshape(-1)


def image2vector__row(image):
    return image.reshape(1, -1)


def image2vector__column_major(image):
    return image.reshape((image.size, 1), order="F")


def image2vector__first_axis_kept(image):
    return image.reshape(image.shape[0], -1)


def normalize_rows__no_keepdims(x):
    return x / np.linalg.norm(x, axis=1)


def normalize_rows__columns(x):
    return x / np.linalg.norm(x, axis=0, keepdims=True)


def normalize_rows__squared_norm(x):
    return x / np.sum(x * x, axis=1, keepdims=True)


def softmax__columns(x):
    x_exp = np.exp(x)
    return x_exp / np.sum(x_exp, axis=0, keepdims=True)


def softmax__whole_matrix(x):
    x_exp = np.exp(x)
    return x_exp / np.sum(x_exp)


def softmax__no_keepdims(x):
    x_exp = np.exp(x)
    return x_exp / np.sum(x_exp, axis=1)


def L1__no_abs(yhat, y):
    return np.sum(yhat - y)


def L1__mean(yhat, y):
    return np.mean(np.abs(y - yhat))


def L1__no_sum(yhat, y):
    return np.abs(y - yhat)


def L2__norm(yhat, y):
    return np.linalg.norm(y - yhat)


def L2__absolute(yhat, y):
    return np.sum(np.abs(y - yhat))


def L2__mean(yhat, y):
    return np.mean((y - yhat) ** 2)
