"""Reference solutions: the deep network put to work on cat pictures (week 4, part 2).

The building blocks come from the course module `dnn_app_utils_v3` (here, the grader's own
version of it), with the application's conventions: a deep network starts from weights scaled by
1/sqrt(n_prev) after seed 1. Both models seed with 1 first, record the cost every 100 iterations
and return `(parameters, costs)`.
"""

import numpy as np

from dnn_app_utils_v3 import (L_model_backward, L_model_forward, compute_cost,
                                             initialize_parameters, initialize_parameters_deep,
                                             linear_activation_backward,
                                             linear_activation_forward, update_parameters)


# GRADED FUNCTION: two_layer_model
def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                    print_cost=False):
    """Train LINEAR->RELU->LINEAR->SIGMOID by gradient descent; return (parameters, costs)."""
    np.random.seed(1)
    grads = {}
    costs = []
    (n_x, n_h, n_y) = layers_dims
    # YOUR CODE STARTS HERE
    # parameters = ...  the two-layer initialisation, from n_x, n_h and n_y
    parameters = initialize_parameters(n_x, n_h, n_y)
    # YOUR CODE ENDS HERE
    W1, b1, W2, b2 = parameters["W1"], parameters["b1"], parameters["W2"], parameters["b2"]
    for i in range(num_iterations):
        # YOUR CODE STARTS HERE
        # A1, cache1 = ...  layer 1 (relu) on X;   A2, cache2 = ...  layer 2 (sigmoid) on A1
        # cost = ...
        A1, cache1 = linear_activation_forward(X, W1, b1, "relu")
        A2, cache2 = linear_activation_forward(A1, W2, b2, "sigmoid")
        cost = compute_cost(A2, Y)
        # dA2 = ...  the derivative of the cost with respect to A2
        # dA1, dW2, db2 = ...  back through layer 2;   dA0, dW1, db1 = ...  back through layer 1
        dA2 = -(np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))
        dA1, dW2, db2 = linear_activation_backward(dA2, cache2, "sigmoid")
        dA0, dW1, db1 = linear_activation_backward(dA1, cache1, "relu")
        # YOUR CODE ENDS HERE
        grads["dW1"], grads["db1"], grads["dW2"], grads["db2"] = dW1, db1, dW2, db2
        # YOUR CODE STARTS HERE
        # parameters = ...  one gradient-descent step, with this model's learning rate
        parameters = update_parameters(parameters, grads, learning_rate)
        # YOUR CODE ENDS HERE
        W1, b1, W2, b2 = parameters["W1"], parameters["b1"], parameters["W2"], parameters["b2"]
        if print_cost and (i % 100 == 0 or i == num_iterations - 1):
            print(f"Cost after iteration {i}: {np.squeeze(cost)}")
        if i % 100 == 0:
            costs.append(cost)
    return parameters, costs


# GRADED FUNCTION: L_layer_model
def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                  print_cost=False):
    """Train an L-layer network (ReLU layers, a sigmoid output); return (parameters, costs)."""
    np.random.seed(1)
    costs = []
    # YOUR CODE STARTS HERE
    # parameters = ...  the deep initialisation, from layers_dims
    parameters = initialize_parameters_deep(layers_dims)
    # YOUR CODE ENDS HERE
    for i in range(num_iterations):
        # YOUR CODE STARTS HERE
        # AL, caches = ...  the forward pass;   cost = ...
        # grads = ...  the backward pass;       parameters = ...  one gradient-descent step
        AL, caches = L_model_forward(X, parameters)
        cost = compute_cost(AL, Y)
        grads = L_model_backward(AL, Y, caches)
        parameters = update_parameters(parameters, grads, learning_rate)
        # YOUR CODE ENDS HERE
        if print_cost and (i % 100 == 0 or i == num_iterations - 1):
            print(f"Cost after iteration {i}: {np.squeeze(cost)}")
        if i % 100 == 0:
            costs.append(cost)
    return parameters, costs
