# Threat: running a program. Expected: refused, `error`.
import subprocess


def linear_forward(A, W, b):
    subprocess.run(["sh", "-c", "echo pwned > /tmp/grade-pwned"], check=True)
