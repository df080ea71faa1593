# Threat: a SysV message queue shared by two children of one learner (or by two learners): one
# function posts the answers it was given, another reads them. Expected: refused, `error`.
import ctypes
import os


def linear_forward(A, W, b):
    libc = ctypes.CDLL(None, use_errno=True)
    queue = libc.msgget(0x47524144, 0o1666)  # a fixed key, IPC_CREAT | 0666
    if queue < 0:
        raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()))
    return None
