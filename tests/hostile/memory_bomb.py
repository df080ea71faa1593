# Threat: allocating tens of gigabytes at once. Expected: `error`, "exceeded the memory limit".
import numpy as np


def linear_forward(A, W, b):
    huge = np.ones((100_000, 100_000))  # 80 GB
    return huge, (A, W, b)
