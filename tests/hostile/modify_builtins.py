# Threat: rewriting builtins (isinstance, type, float, abs). Expected: no effect on the verdict
# or on the other functions; the wrong answer fails.
import builtins


def compute_cost(AL, Y):
    builtins.isinstance = lambda *args: True
    builtins.type = lambda *args: float
    builtins.abs = lambda x: 0.0
    builtins.float = lambda x=0: 0.0
    return 123.0
