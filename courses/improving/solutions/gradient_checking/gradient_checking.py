"""Reference solutions: checking gradients numerically (course 2, week 1, part 3).

In one dimension, J(theta) = theta * x: its forward pass, its derivative, and the check that
compares the derivative with the centered difference (J(theta + e) - J(theta - e)) / 2e by the
relative difference ||grad - gradapprox|| / (||grad|| + ||gradapprox||). In N dimensions, the
same check over the 47 parameters of a 4-5-3-1 network, each perturbed in turn through the
course's `gc_utils` plumbing (`dictionary_to_vector`, `vector_to_dictionary`,
`gradients_to_vector`) and the network's cost, `forward_propagation_n`.
"""

import numpy as np

# backward_propagation_n is not called here: the grader's cases draw their gradients with it
from gc_utils import (backward_propagation_n, dictionary_to_vector,  # noqa: F401
                      forward_propagation_n, gradients_to_vector, vector_to_dictionary)


# GRADED FUNCTION: forward_propagation
def forward_propagation(x, theta):
    """J(theta) = theta * x."""
    # YOUR CODE STARTS HERE
    # J = ...  theta times x
    J = theta * x
    # YOUR CODE ENDS HERE
    return J


# GRADED FUNCTION: backward_propagation
def backward_propagation(x, theta):
    """The derivative of J(theta) = theta * x with respect to theta."""
    # YOUR CODE STARTS HERE
    # dtheta = ...  dJ/dtheta
    dtheta = x
    # YOUR CODE ENDS HERE
    return dtheta


# GRADED FUNCTION: gradient_check
def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    """The relative difference between backward_propagation's derivative and the centered
    difference of forward_propagation around theta."""
    # YOUR CODE STARTS HERE
    # theta_plus = ...   theta + epsilon
    # theta_minus = ...  theta - epsilon
    # J_plus = ...       J at theta_plus (forward_propagation)
    # J_minus = ...      J at theta_minus
    # gradapprox = ...   (J_plus - J_minus) divided by (2 epsilon): mind the parentheses
    theta_plus = theta + epsilon
    theta_minus = theta - epsilon
    J_plus = forward_propagation(x, theta_plus)
    J_minus = forward_propagation(x, theta_minus)
    gradapprox = (J_plus - J_minus) / (2 * epsilon)
    # YOUR CODE ENDS HERE
    # YOUR CODE STARTS HERE
    # grad = ...  the derivative from backward_propagation (never grad = gradapprox)
    grad = backward_propagation(x, theta)
    # YOUR CODE ENDS HERE
    # YOUR CODE STARTS HERE
    # numerator = ...    np.linalg.norm(grad - gradapprox)
    # denominator = ...  np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    # difference = ...   numerator / denominator
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = numerator / denominator
    # YOUR CODE ENDS HERE
    if print_msg:
        if difference > 2e-7:
            print("There is a mistake in the backward propagation! difference = "
                  + str(difference))
        else:
            print("Your backward propagation works perfectly fine! difference = "
                  + str(difference))
    return difference


# GRADED FUNCTION: gradient_check_n
def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    """The relative difference between `gradients` (from a backward pass) and the centered
    differences of forward_propagation_n's cost, one parameter at a time."""
    parameters_values, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    num_parameters = parameters_values.shape[0]
    J_plus = np.zeros((num_parameters, 1))
    J_minus = np.zeros((num_parameters, 1))
    gradapprox = np.zeros((num_parameters, 1))
    # YOUR CODE STARTS HERE
    # for each i in range(num_parameters):
    #     theta_plus = ...      a copy of parameters_values (np.copy), its entry i plus epsilon
    #     J_plus[i], _ = ...    forward_propagation_n(X, Y, vector_to_dictionary(theta_plus))
    #     theta_minus = ...     another copy, its entry i minus epsilon
    #     J_minus[i], _ = ...
    #     gradapprox[i] = ...   (J_plus[i] - J_minus[i]) / (2 epsilon)
    for i in range(num_parameters):
        theta_plus = np.copy(parameters_values)
        theta_plus[i] = theta_plus[i] + epsilon
        J_plus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus))
        theta_minus = np.copy(parameters_values)
        theta_minus[i] = theta_minus[i] - epsilon
        J_minus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_minus))
        gradapprox[i] = (J_plus[i] - J_minus[i]) / (2 * epsilon)
    # YOUR CODE ENDS HERE
    # YOUR CODE STARTS HERE
    # numerator = ...    np.linalg.norm(grad - gradapprox)
    # denominator = ...  np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    # difference = ...   numerator / denominator
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = numerator / denominator
    # YOUR CODE ENDS HERE
    if print_msg:
        if difference > 2e-7:
            print("There is a mistake in the backward propagation! difference = "
                  + str(difference))
        else:
            print("Your backward propagation works perfectly fine! difference = "
                  + str(difference))
    return difference
