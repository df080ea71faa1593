# Threat: reading the instructor's hidden seed out of the child's own memory: the command line
# (`--seed N` in sys.orig_argv, or in the argument strings at the top of the stack) and the
# environment (`GRADE_SEED=N`, cleared from os.environ but still on the stack the child
# inherited). Knowing the seed, a learner can draw the hidden cases at home and hard-code them.
# Here the function earns its points only if it finds the seed: expected `fail`, nothing found.
import ctypes
import os
import sys

import numpy as np

SEED = b"20261125"  # the seed tests/test_hostile.py grades with


def _memory_holds(needle):
    if any(needle.decode() in text for text in [*sys.orig_argv, *sys.argv]):
        return True
    if any(needle.decode() in value for value in os.environ.values()):
        return True
    libc = ctypes.CDLL(None)
    libc.getauxval.restype = ctypes.c_ulong
    strings = libc.getauxval(31)  # AT_EXECFN: the program's name, beside argv and envp
    end = (strings // 4096 + 1) * 4096
    return needle in ctypes.string_at(end - 65536, 65536)  # the stack is mapped that far


def linear_forward(A, W, b):
    Z = np.dot(W, A) + b
    return (Z if _memory_holds(SEED) else Z + 1), (A, W, b)
