# Threat: SysV shared memory that outlives the child (and the grader): answers recorded while
# grading one learner serve the next, and the memory stays allocated on the host after `grade`
# exits. Expected: refused, `error`.
import ctypes
import os


def linear_forward(A, W, b):
    libc = ctypes.CDLL(None, use_errno=True)
    segment = libc.shmget(0x47524144, 1 << 30, 0o1666)  # 1 GiB, IPC_CREAT | 0666
    if segment < 0:
        raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()))
    return None
