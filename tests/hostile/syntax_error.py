# Threat: a definition that does not parse. Expected: that function `error` naming the line;
# the others are graded.
def linear_forward(A, W, b):
    Z = np.dot(W, A) +
    return Z, (A, W, b)
