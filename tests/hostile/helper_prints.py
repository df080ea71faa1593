# Threat (or a habit): a model that always asks for the cost to be printed. When helpers ran in
# the grader's process, the reference's prints went to the grader's standard output and broke
# `--format json`. Expected: a correct model passes; nothing reaches the grader's output.
import numpy as np


def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5,
          print_cost=False):
    w, b = initialize_with_zeros(X_train.shape[0])
    params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate, True)
    w, b = params["w"], params["b"]
    Y_prediction_test = predict(w, b, X_test)
    Y_prediction_train = predict(w, b, X_train)
    print("train accuracy:", 100 - np.mean(np.abs(Y_prediction_train - Y_train)) * 100)
    return {"costs": costs, "Y_prediction_test": Y_prediction_test,
            "Y_prediction_train": Y_prediction_train, "w": w, "b": b,
            "learning_rate": learning_rate, "num_iterations": num_iterations}
