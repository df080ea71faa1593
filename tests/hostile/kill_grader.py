# Threat: killing the grader (and its process group). Expected: refused, `error`.
import os
import signal


def linear_forward(A, W, b):
    os.kill(os.getppid(), signal.SIGKILL)
    os.killpg(0, signal.SIGKILL)
    os.kill(1, signal.SIGKILL)
