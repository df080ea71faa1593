# Threat: signalling another process through rt_sigqueueinfo / rt_tgsigqueueinfo, which a
# filter on kill and tgkill alone would let through. Expected: refused, `error`.
import ctypes
import os
import signal


def linear_forward(A, W, b):
    libc = ctypes.CDLL(None, use_errno=True)
    info = ctypes.create_string_buffer(128)
    ctypes.memmove(info, (ctypes.c_int * 3)(signal.SIGKILL, 0, -1), 12)  # si_code SI_QUEUE
    for pid in (1, os.getpid() - 1, os.getpid() + 1):
        if libc.syscall(129, pid, signal.SIGKILL, info) == 0:  # x86-64 rt_sigqueueinfo
            return None
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()))
