# Threat: hard-coding the expected outputs of the public cases. The test fills TABLE with the
# public cases' answers. Expected: passes on the public seed, fails on a secret seed.
import numpy as np

TABLE = {}


def linear_forward(A, W, b):
    key = repr(np.round(A, 6).tolist())
    return np.array(TABLE.get(key, np.zeros((W.shape[0], A.shape[1])))), (A, W, b)
