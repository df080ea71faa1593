# Threat: reading another process's memory (the grader's, the zygote's, a sibling child's)
# through process_vm_readv or /proc/PID/mem. Expected: refused. (In a PID namespace apart, the
# grader has no pid at all: getppid() is 0; pid 1 is the namespace's init.)
import ctypes
import os


def linear_forward(A, W, b):
    libc = ctypes.CDLL(None, use_errno=True)
    buffer = ctypes.create_string_buffer(64)
    local = (ctypes.c_void_p * 2)(ctypes.addressof(buffer), 64)
    remote = (ctypes.c_void_p * 2)(0x400000, 64)
    targets = [pid for pid in (os.getppid(), 1, os.getpid() - 1, os.getpid() + 1) if pid > 0]
    for pid in targets:
        if libc.process_vm_readv(pid, local, 1, remote, 1, 0) >= 0:
            return None
    with open(f"/proc/{targets[0]}/mem", "rb") as memory:  # raises when refused
        memory.read(16)
    raise OSError(ctypes.get_errno(), "process_vm_readv refused")
