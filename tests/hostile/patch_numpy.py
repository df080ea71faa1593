# Threat: patching numpy's comparison functions so that a wrong answer "matches".
# Expected: no effect on the verdict; the wrong answer fails.
import numpy as np


def linear_forward(A, W, b):
    np.allclose = lambda *args, **kwargs: True
    np.isclose = lambda a, b, *args, **kwargs: np.ones(np.shape(a), dtype=bool)
    np.array_equal = lambda *args, **kwargs: True
    np.testing.assert_allclose = lambda *args, **kwargs: None
    return np.zeros((W.shape[0], A.shape[1])), (A, W, b)
