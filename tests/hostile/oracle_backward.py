# Threat: a backward oracle. linear_backward asks linear_activation_backward with a relu whose
# input is all positive, so that dZ passes through unchanged and linear_backward's answer
# comes back from the sibling.
import numpy as np


def linear_backward(dZ, cache):
    return linear_activation_backward(dZ, (cache, np.ones_like(dZ)), "relu")
