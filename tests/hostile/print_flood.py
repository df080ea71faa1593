# Threat: printing 50 MB. Expected: output captured and truncated; the answer itself is right,
# so the function passes with a warning, and the grader does not slow down.
import numpy as np


def linear_forward(A, W, b):
    for _ in range(50):
        print("x" * 1_000_000)
    return np.dot(W, A) + b, (A, W, b)
