# Threat: a SysV semaphore as a one-bit channel between children. Expected: refused, `error`.
import ctypes
import os


def linear_forward(A, W, b):
    libc = ctypes.CDLL(None, use_errno=True)
    semaphores = libc.semget(0x47524144, 1, 0o1666)
    if semaphores < 0:
        raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()))
    return None
