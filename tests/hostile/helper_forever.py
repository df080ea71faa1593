# Threat: asking a reference helper for unbounded work: optimize with 10^12 iterations. When
# helpers ran in the grader's process, the grader hung (and a whole class behind it). Expected:
# the call's time limit stops it, naming the helper and the arguments; the grader lives.
def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5,
          print_cost=False):
    w, b = initialize_with_zeros(X_train.shape[0])
    optimize(w, b, X_train, Y_train, 10 ** 12, learning_rate, False)
