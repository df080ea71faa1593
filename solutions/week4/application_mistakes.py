"""Mistakes learners make in the application assignment, each as a working function.

`<function>__<mistake>` is what a learner who makes that mistake writes. The grader runs these
on the same inputs as the learner's code, and names the mistake when the outputs match. The
helpers (`initialize_parameters`, `L_model_forward`, …) are the reference module's, which are
the application's own (`dnn_app_utils_v3`).
"""

import numpy as np

COURSE_RATE = 0.0075


def _two_layer(X, Y, layers_dims, learning_rate, num_iterations,
                      *, init="two_layer",
               rate=None, dA2=None, every=100):
    """The two-layer training loop with one thing done wrong, as the keywords say."""
    np.random.seed(1)
    if init == "deep":
        parameters = initialize_parameters_deep(layers_dims)
    else:
        parameters = initialize_parameters(*layers_dims)
    costs = []
    for i in range(num_iterations):
        A1, cache1 = linear_activation_forward(X, parameters["W1"], parameters["b1"], "relu")
        A2, cache2 = linear_activation_forward(A1, parameters["W2"], parameters["b2"], "sigmoid")
        cost = compute_cost(A2, Y)
        start = (dA2 or (lambda A, Y: -(np.divide(Y, A) - np.divide(1 - Y, 1 - A))))(A2, Y)
        dA1, dW2, db2 = linear_activation_backward(start, cache2, "sigmoid")
        _, dW1, db1 = linear_activation_backward(dA1, cache1, "relu")
        grads = {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
        parameters = update_parameters(parameters, grads, rate or learning_rate)
        if i % every == 0:
            costs.append(cost)
    return parameters, costs


def _flipped_dA2(A, Y):
    return np.divide(Y, A) - np.divide(1 - Y, 1 - A)


def _A_minus_Y(A, Y):
    return A - Y


def two_layer_model__fixed_learning_rate(X, Y, layers_dims, learning_rate=0.0075,
                                         num_iterations=3000, print_cost=False):
    return _two_layer(X, Y, layers_dims, learning_rate, num_iterations, rate=COURSE_RATE)


def two_layer_model__deep_initialisation(X, Y, layers_dims, learning_rate=0.0075,
                                         num_iterations=3000, print_cost=False):
    return _two_layer(X, Y, layers_dims, learning_rate, num_iterations, init="deep")


def two_layer_model__dA2_sign(X, Y, layers_dims, learning_rate=0.0075,
                              num_iterations=3000, print_cost=False):
    return _two_layer(X, Y, layers_dims, learning_rate, num_iterations, dA2=_flipped_dA2)


def two_layer_model__dA2_is_A2_minus_Y(X, Y, layers_dims, learning_rate=0.0075,
                                       num_iterations=3000, print_cost=False):
    return _two_layer(X, Y, layers_dims, learning_rate, num_iterations, dA2=_A_minus_Y)


def two_layer_model__cost_every_iteration(X, Y, layers_dims, learning_rate=0.0075,
                                          num_iterations=3000, print_cost=False):
    return _two_layer(X, Y, layers_dims, learning_rate, num_iterations, every=1)


def _scaled_initialisation(layers_dims, scale):
    np.random.seed(1)
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = (np.random.randn(layers_dims[l], layers_dims[l - 1])
                                    * scale(layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def _L_layer(X, Y, layers_dims, learning_rate, num_iterations,
                      *, scale=None, rate=None,
             every=100):
    """The L-layer training loop with one thing done wrong, as the keywords say."""
    np.random.seed(1)
    if scale is None:
        parameters = initialize_parameters_deep(layers_dims)
    else:
        parameters = _scaled_initialisation(layers_dims, scale)
    costs = []
    for i in range(num_iterations):
        AL, caches = L_model_forward(X, parameters)
        cost = compute_cost(AL, Y)
        grads = L_model_backward(AL, Y, caches)
        parameters = update_parameters(parameters, grads, rate or learning_rate)
        if i % every == 0:
            costs.append(cost)
    return parameters, costs


def _hundredth(n):
    return 0.01


def _he(n):
    return np.sqrt(2 / n)


def L_layer_model__fixed_learning_rate(X, Y, layers_dims, learning_rate=0.0075,
                                       num_iterations=3000, print_cost=False):
    return _L_layer(X, Y, layers_dims, learning_rate, num_iterations, rate=COURSE_RATE)


def L_layer_model__small_initialisation(X, Y, layers_dims, learning_rate=0.0075,
                                        num_iterations=3000, print_cost=False):
    return _L_layer(X, Y, layers_dims, learning_rate, num_iterations, scale=_hundredth)


def L_layer_model__he_initialisation(X, Y, layers_dims, learning_rate=0.0075,
                                     num_iterations=3000, print_cost=False):
    return _L_layer(X, Y, layers_dims, learning_rate, num_iterations, scale=_he)


def L_layer_model__cost_every_iteration(X, Y, layers_dims, learning_rate=0.0075,
                                        num_iterations=3000, print_cost=False):
    return _L_layer(X, Y, layers_dims, learning_rate, num_iterations, every=1)
