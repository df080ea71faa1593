# Threat: asking a reference helper for a 12000 x 12000 layer (1.1 GB) from a few bytes of
# arguments. When helpers ran in the grader's process, the grader grew to gigabytes.
# Expected: the learner's memory limit stops it, naming the helper and the arguments.
def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):
    return initialize_parameters(12000, 12000, 1)
