# Threat: an object that poses as an array through __array__ and friends. Expected: `fail`.
import numpy as np


class Chameleon:
    shape = (1, 2)
    dtype = np.dtype(float)

    def __array__(self, dtype=None, copy=None):
        return np.zeros(self.shape)

    def __eq__(self, other):
        return True


def linear_forward(A, W, b):
    return Chameleon(), (A, W, b)
