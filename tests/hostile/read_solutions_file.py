# Threat: reading the reference file and running it. Expected: impossible; does not pass.
# The test puts the real path of solutions/week4/step_by_step.py in REFERENCE.
REFERENCE = "__REFERENCE__"


def linear_forward(A, W, b):
    namespace = {}
    with open(REFERENCE) as source:
        exec(source.read(), namespace)
    return namespace["linear_forward"](A, W, b)
