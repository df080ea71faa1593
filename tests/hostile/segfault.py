# Threat: a segmentation fault in C code. Expected: `error`, "segmentation fault".
import ctypes


def linear_forward(A, W, b):
    return ctypes.string_at(0)
