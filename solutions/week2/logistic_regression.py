"""Reference solutions: logistic regression as a tiny neural network (week 2, part 2).

One sigmoid unit trained by gradient descent: zero initialisation, a forward and backward pass
(`propagate`), the training loop (`optimize`), predictions, and `model`, which puts them
together. Examples are columns: X has shape (n_x, m) and the labels Y shape (1, m).
"""

import copy

import numpy as np


# GRADED FUNCTION: sigmoid
def sigmoid(z):
    """The sigmoid of every element of z."""
    # YOUR CODE STARTS HERE
    # s = ...  1 / (1 + e^(-z)), with np.exp
    s = 1 / (1 + np.exp(-z))
    # YOUR CODE ENDS HERE
    return s


# GRADED FUNCTION: initialize_with_zeros
def initialize_with_zeros(dim):
    """A weight column of `dim` zeros and a zero bias (a Python float)."""
    # YOUR CODE STARTS HERE
    # w = ...  zeros of shape (dim, 1)
    # b = ...  0.0, a float
    w = np.zeros((dim, 1))
    b = 0.0
    # YOUR CODE ENDS HERE
    return w, b


# GRADED FUNCTION: propagate
def propagate(w, b, X, Y):
    """The cost of (w, b) on the examples X, Y and its gradients dw and db."""
    m = X.shape[1]
    # YOUR CODE STARTS HERE
    # A = ...     the sigmoid of w^T X + b, shape (1, m)
    # cost = ...  -(1/m) * sum of  Y log(A) + (1 - Y) log(1 - A)
    # dw = ...    (1/m) X (A - Y)^T, shape (n_x, 1)
    # db = ...    (1/m) * sum of (A - Y)
    A = sigmoid(np.dot(w.T, X) + b)
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    dw = np.dot(X, (A - Y).T) / m
    db = np.sum(A - Y) / m
    # YOUR CODE ENDS HERE
    cost = np.squeeze(np.array(cost))
    grads = {"dw": dw, "db": db}
    return grads, cost


# GRADED FUNCTION: optimize
def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    """Gradient descent on (w, b); the cost is recorded every 100 iterations."""
    w = copy.deepcopy(w)
    b = copy.deepcopy(b)
    costs = []
    for i in range(num_iterations):
        # YOUR CODE STARTS HERE
        # grads, cost = ...  propagate on the current w and b
        # w = ...  one step down the gradient: w - learning_rate * dw
        # b = ...  the same for b
        grads, cost = propagate(w, b, X, Y)
        dw = grads["dw"]
        db = grads["db"]
        w = w - learning_rate * dw
        b = b - learning_rate * db
        # YOUR CODE ENDS HERE
        if i % 100 == 0:
            costs.append(cost)
            if print_cost:
                print(f"Cost after iteration {i}: {float(cost):f}")
    params = {"w": w, "b": b}
    grads = {"dw": dw, "db": db}
    return params, grads, costs


# GRADED FUNCTION: predict
def predict(w, b, X):
    """Labels 1.0 where the predicted probability is above 0.5, else 0.0; shape (1, m)."""
    m = X.shape[1]
    w = w.reshape(X.shape[0], 1)
    # YOUR CODE STARTS HERE
    # A = ...  the probabilities: the sigmoid of w^T X + b
    # Y_prediction = ...  1.0 where A > 0.5, else 0.0, shape (1, m)
    A = sigmoid(np.dot(w.T, X) + b)
    Y_prediction = (A > 0.5).astype(np.float64).reshape(1, m)
    # YOUR CODE ENDS HERE
    return Y_prediction


# GRADED FUNCTION: model
def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5,
          print_cost=False):
    """Train logistic regression on the training set and predict both sets."""
    # YOUR CODE STARTS HERE
    # w, b = ...  zeros, one weight per feature (X_train.shape[0])
    # params, grads, costs = ...  optimize, passing num_iterations, learning_rate, print_cost on
    # w, b = ...  the trained parameters, from params
    # Y_prediction_test, Y_prediction_train = ...  predict on each set
    w, b = initialize_with_zeros(X_train.shape[0])
    params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate,
                                    print_cost)
    w = params["w"]
    b = params["b"]
    Y_prediction_test = predict(w, b, X_test)
    Y_prediction_train = predict(w, b, X_train)
    # YOUR CODE ENDS HERE
    if print_cost:
        train = 100 - np.mean(np.abs(Y_prediction_train - Y_train)) * 100
        test = 100 - np.mean(np.abs(Y_prediction_test - Y_test)) * 100
        print(f"train accuracy: {train} %")
        print(f"test accuracy: {test} %")
    return {"costs": costs, "Y_prediction_test": Y_prediction_test,
            "Y_prediction_train": Y_prediction_train, "w": w, "b": b,
            "learning_rate": learning_rate, "num_iterations": num_iterations}
