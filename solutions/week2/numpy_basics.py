"""Reference solutions: numpy basics (week 2, part 1).

Vectorised numpy on small arrays: the sigmoid and its derivative, reshaping an image into a
column, normalising rows, a row-wise softmax, and the L1 and L2 losses.
"""

import math

import numpy as np


# GRADED FUNCTION: basic_sigmoid
def basic_sigmoid(x):
    """The sigmoid of one real number, with the math module."""
    # YOUR CODE STARTS HERE
    # s = ...  1 / (1 + e^(-x)), with math.exp
    s = 1 / (1 + math.exp(-x))
    # YOUR CODE ENDS HERE
    return s


# GRADED FUNCTION: sigmoid
def sigmoid(x):
    """The sigmoid of every element of an array (or of a number), with numpy."""
    # YOUR CODE STARTS HERE
    # s = ...  the same formula with np.exp, which works elementwise
    s = 1 / (1 + np.exp(-x))
    # YOUR CODE ENDS HERE
    return s


# GRADED FUNCTION: sigmoid_derivative
def sigmoid_derivative(x):
    """The slope of the sigmoid at every element of x: s (1 - s) with s = sigmoid(x)."""
    # YOUR CODE STARTS HERE
    # s = ...   the sigmoid of x (you wrote it above)
    # ds = ...  s times (1 - s)
    s = sigmoid(x)
    ds = s * (1 - s)
    # YOUR CODE ENDS HERE
    return ds


# GRADED FUNCTION: image2vector
def image2vector(image):
    """An image of shape (length, height, depth) as one column of length * height * depth."""
    # YOUR CODE STARTS HERE
    # v = ...  image.reshape to (length * height * depth, 1), sizes from image.shape
    v = image.reshape((image.shape[0] * image.shape[1] * image.shape[2], 1))
    # YOUR CODE ENDS HERE
    return v


# GRADED FUNCTION: normalize_rows
def normalize_rows(x):
    """Each row of x divided by its Euclidean length, so that every row has length 1."""
    # YOUR CODE STARTS HERE
    # x_norm = ...  np.linalg.norm over each row (axis=1), keeping a column: keepdims=True
    # x = ...       x divided by x_norm (numpy broadcasts the column over each row)
    x_norm = np.linalg.norm(x, axis=1, keepdims=True)
    x = x / x_norm
    # YOUR CODE ENDS HERE
    return x


# GRADED FUNCTION: softmax
def softmax(x):
    """The softmax of each row of x (shape (m, n)): exponentials divided by their row's sum."""
    # YOUR CODE STARTS HERE
    # x_exp = ...  np.exp of every element
    # x_sum = ...  the sum of each row of x_exp, kept as a column (axis=1, keepdims=True)
    # s = ...      x_exp divided by x_sum
    x_exp = np.exp(x)
    x_sum = np.sum(x_exp, axis=1, keepdims=True)
    s = x_exp / x_sum
    # YOUR CODE ENDS HERE
    return s


# GRADED FUNCTION: L1
def L1(yhat, y):
    """The L1 loss: the sum of the absolute differences between predictions and labels."""
    # YOUR CODE STARTS HERE
    # loss = ...  sum over i of |y_i - yhat_i|
    loss = np.sum(np.abs(y - yhat))
    # YOUR CODE ENDS HERE
    return loss


# GRADED FUNCTION: L2
def L2(yhat, y):
    """The L2 loss: the sum of the squared differences between predictions and labels."""
    # YOUR CODE STARTS HERE
    # loss = ...  sum over i of (y_i - yhat_i)^2; np.dot of a vector with itself sums squares
    loss = np.sum((y - yhat) ** 2)
    # YOUR CODE ENDS HERE
    return loss
