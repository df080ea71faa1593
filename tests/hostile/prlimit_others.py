# Threat: lowering another process's resource limits (prlimit64): the zygote's, which cripples
# every later learner of a class, or the grader's, which kills it. Expected: refused, `error`.
import ctypes
import os
import resource


def linear_forward(A, W, b):
    libc = ctypes.CDLL(None, use_errno=True)
    tiny = (ctypes.c_ulong * 2)(1, 1)
    for pid in (1, os.getppid() or 1, os.getpid() - 1, os.getpid() + 1):
        if libc.prlimit(pid, resource.RLIMIT_AS, tiny, None) == 0:
            return None
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()))
