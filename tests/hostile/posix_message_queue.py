# Threat: a POSIX message queue (mq_open) as a channel between children. Expected: refused.
import ctypes
import os


def linear_forward(A, W, b):
    libc = ctypes.CDLL(None, use_errno=True)  # glibc >= 2.34 holds mq_open
    queue = libc.mq_open(b"/grade-answers", os.O_CREAT | os.O_RDWR, 0o666, None)
    if queue < 0:
        raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()))
    return None
