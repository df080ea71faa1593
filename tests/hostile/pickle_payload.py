# Threat: a value that would run code when unpickled. Expected: never unpickled; wrong type.
import os


class Payload:
    def __reduce__(self):
        return (os.system, ("echo pwned > /tmp/grade-pwned",))


def linear_forward(A, W, b):
    return Payload(), (A, W, b)
