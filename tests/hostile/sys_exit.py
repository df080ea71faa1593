# Threat: sys.exit() in the middle of grading. Expected: `error` naming SystemExit.
import sys


def linear_forward(A, W, b):
    sys.exit(0)
