# Threat: an ndarray subclass whose comparisons always say "equal". Expected: wrong type, `fail`.
import numpy as np


class AlwaysEqual(np.ndarray):
    def __eq__(self, other):
        return np.ones(self.shape, dtype=bool)

    def __ne__(self, other):
        return np.zeros(self.shape, dtype=bool)


def linear_forward(A, W, b):
    Z = np.zeros((W.shape[0], A.shape[1])).view(AlwaysEqual)
    return Z, (A, W, b)
