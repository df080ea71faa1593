# Threat: raise SystemExit with a "success" code. Expected: `error` naming SystemExit.
def linear_forward(A, W, b):
    raise SystemExit("All tests passed")
