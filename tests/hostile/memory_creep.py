# Threat: memory that grows until something gives. Expected: `error`, "exceeded the memory limit".
def linear_forward(A, W, b):
    hoard = []
    while True:
        hoard.append(bytearray(50_000_000))
