# Threat: finding the reference function in memory. Expected: there is none; does not pass.
import gc
import sys


def linear_forward(A, W, b):
    for obj in gc.get_objects():
        if callable(obj) and getattr(obj, "__name__", "") == "linear_forward" \
                and obj is not sys._getframe().f_globals.get("linear_forward"):
            return obj(A, W, b)
    for module in list(sys.modules.values()):
        other = getattr(module, "linear_forward", None)
        if callable(other) and other is not sys._getframe().f_globals.get("linear_forward"):
            return other(A, W, b)
    return None
