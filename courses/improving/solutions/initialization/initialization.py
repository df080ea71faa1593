"""Reference solutions: three ways to initialise a deep network (course 2, week 1, part 1).

Each function takes `layers_dims`, the number of units of every layer from the input to the
output, and returns the dictionary {"W1", "b1", ..., "WL", "bL"} with W[l] of shape
(layers_dims[l], layers_dims[l-1]) and b[l] of shape (layers_dims[l], 1). The random ones seed
numpy with 3 first, as the course does, so that the numbers match its expected values.
"""

import numpy as np


# GRADED FUNCTION: initialize_parameters_zeros
def initialize_parameters_zeros(layers_dims):
    """Every weight and every bias zero."""
    parameters = {}
    L = len(layers_dims)  # the input layer counts: there are L - 1 layers of weights
    # YOUR CODE STARTS HERE
    # for each layer l = 1 .. L-1:
    #     parameters["W" + str(l)] = ...  zeros of shape (layers_dims[l], layers_dims[l-1])
    #     parameters["b" + str(l)] = ...  zeros of shape (layers_dims[l], 1)
    for l in range(1, L):
        parameters["W" + str(l)] = np.zeros((layers_dims[l], layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    # YOUR CODE ENDS HERE
    return parameters


# GRADED FUNCTION: initialize_parameters_random
def initialize_parameters_random(layers_dims):
    """Large random weights (standard normal times 10) and zero biases."""
    np.random.seed(3)  # so that your "random" numbers are the expected ones
    parameters = {}
    L = len(layers_dims)
    # YOUR CODE STARTS HERE
    # for each layer l = 1 .. L-1, W before b:
    #     parameters["W" + str(l)] = ...  np.random.randn(layers_dims[l], layers_dims[l-1]) * 10
    #     parameters["b" + str(l)] = ...  zeros of shape (layers_dims[l], 1)
    for l in range(1, L):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * 10
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    # YOUR CODE ENDS HERE
    return parameters


# GRADED FUNCTION: initialize_parameters_he
def initialize_parameters_he(layers_dims):
    """He initialisation: standard normal weights times sqrt(2 / units of the previous layer)."""
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims) - 1  # the number of layers of weights
    # YOUR CODE STARTS HERE
    # for each layer l = 1 .. L, W before b:
    #     parameters["W" + str(l)] = ...  np.random.randn(layers_dims[l], layers_dims[l-1])
    #                                     times np.sqrt(2 / layers_dims[l-1])
    #     parameters["b" + str(l)] = ...  zeros of shape (layers_dims[l], 1)
    for l in range(1, L + 1):
        parameters["W" + str(l)] = (np.random.randn(layers_dims[l], layers_dims[l - 1])
                                    * np.sqrt(2 / layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    # YOUR CODE ENDS HERE
    return parameters
