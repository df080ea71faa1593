# Threat: os._exit(), which no `except` can catch. Expected: `error`, "exited with code 0".
import os


def linear_forward(A, W, b):
    os._exit(0)
