def linear_forward(A, W, b)
    return A
