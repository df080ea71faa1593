# Threat: reading the grader's memory through /proc or process_vm_readv. Expected: refused.
import ctypes
import os


def linear_forward(A, W, b):
    libc = ctypes.CDLL(None, use_errno=True)
    buffer = ctypes.create_string_buffer(64)
    local = (ctypes.c_void_p * 2)(ctypes.addressof(buffer), 64)
    remote = (ctypes.c_void_p * 2)(0x400000, 64)
    if libc.process_vm_readv(os.getppid(), local, 1, remote, 1, 0) < 0:
        errno = ctypes.get_errno()
        with open(f"/proc/{os.getppid()}/mem", "rb") as memory:  # raises when refused
            memory.read(16)
        raise OSError(errno, "process_vm_readv refused")
    return None
