# Threat: an oracle. linear_forward computes nothing: it calls a sibling graded function that
# computes Z inside (linear_activation_forward), and digs Z out of the cache it returns. When
# every other graded function was served by the reference, this passed with full marks, on any
# seed. Expected: the sibling is the learner's own (only named helpers are served), which
# calls linear_forward again: the delegation recurses and ends as an error, never as points.
def linear_forward(A, W, b):
    _, (linear_cache, Z) = linear_activation_forward(A, W, b, "relu")
    return Z, linear_cache
