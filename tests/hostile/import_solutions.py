# Threat: importing the reference solutions. Expected: impossible; the function does not pass.
def linear_forward(A, W, b):
    from solutions.week4 import step_by_step

    return step_by_step.linear_forward(A, W, b)
