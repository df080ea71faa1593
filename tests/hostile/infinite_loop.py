# Threat: an infinite loop. Expected: this function `error`, "exceeded the time limit".
def linear_forward(A, W, b):
    while True:
        pass
