# Threat: KeyboardInterrupt, which stops most harnesses. Expected: `error` naming it.
def linear_forward(A, W, b):
    raise KeyboardInterrupt
