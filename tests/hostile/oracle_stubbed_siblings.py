# Threat: the oracle when the siblings are left unimplemented (the learner wrote nothing but
# this): the sibling the learner did not write is nobody's to serve.
def linear_forward(A, W, b):
    _, (linear_cache, Z) = linear_activation_forward(A, W, b, "sigmoid")
    return Z, linear_cache


def linear_activation_forward(A_prev, W, b, activation):
    # YOUR CODE STARTS HERE
    # YOUR CODE ENDS HERE
    return None
