# Threat: changing the inputs in place. Expected: the reference still sees pristine inputs; the
# answer is right, so the function passes, with a warning naming the input.
def update_parameters(params, grads, learning_rate):
    L = len(params) // 2
    for l in range(1, L + 1):
        params["W" + str(l)] -= learning_rate * grads["dW" + str(l)]
        params["b" + str(l)] -= learning_rate * grads["db" + str(l)]
    return params
