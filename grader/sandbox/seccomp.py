"""The seccomp filter of a sandbox child: the system calls it may not make (Linux x86-64, aarch64).

Refused outright: new processes and programs, new sockets, tracing or reading other processes,
SysV IPC and POSIX message queues (a channel between two children, or memory that outlives
them), kernel state (mounts, namespaces, modules, BPF, keyrings), io_uring (which would bypass
the filter), Landlock (a child must not widen the ruleset its zygote shares with later
children). Allowed only on the child itself: signals (`kill`, `tgkill`, `rt_sigqueueinfo`,
`rt_tgsigqueueinfo`: the first argument must be its own pid), resource limits (`prlimit64`) and
priorities or scheduling (`setpriority`, `sched_set*`): pid 0 or its own pid. Threads may be
created (`clone` with `CLONE_THREAD`); `clone3` answers "not implemented", so that the C library
falls back to `clone`.

The filter is assembled once in the zygote, with a placeholder where each child's own pid goes
(`template`); a child only patches its pid in (`program_bytes`) and installs it (`install`).
"""

from __future__ import annotations

import ctypes
import functools
import os
import platform
import struct

_libc = ctypes.CDLL(None, use_errno=True)
_libc.prctl.restype = ctypes.c_int

PR_SET_SECCOMP = 22
SECCOMP_MODE_FILTER = 2
AUDIT_ARCH = {"x86_64": 0xC000003E, "aarch64": 0xC00000B7}
_CLONE_THREAD = 0x00010000
_RET_ALLOW = 0x7FFF0000
_RET_ERRNO = 0x00050000
_RET_KILL_PROCESS = 0x80000000
_EPERM, _ENOSYS = 1, 38
_PLACEHOLDER = 0x7FFFFFFF  # where each child's own pid goes

_DENIED = {
    "x86_64": {
        "fork": 57, "vfork": 58, "execve": 59, "execveat": 322, "socket": 41,
        "socketpair": 53, "connect": 42, "bind": 49, "listen": 50, "accept": 43,
        "accept4": 288, "ptrace": 101, "process_vm_readv": 310, "process_vm_writev": 311,
        "mount": 165, "umount2": 166, "unshare": 272, "setns": 308, "chroot": 161,
        "pivot_root": 155, "reboot": 169, "keyctl": 250, "add_key": 248, "request_key": 249,
        "bpf": 321, "perf_event_open": 298, "userfaultfd": 323, "kexec_load": 246,
        "init_module": 175, "finit_module": 313, "delete_module": 176, "personality": 135,
        "kcmp": 312, "open_by_handle_at": 304, "name_to_handle_at": 303, "iopl": 172,
        "ioperm": 173, "tkill": 200,
        "shmget": 29, "shmat": 30, "shmctl": 31, "shmdt": 67, "semget": 64, "semop": 65,
        "semctl": 66, "semtimedop": 220, "msgget": 68, "msgsnd": 69, "msgrcv": 70,
        "msgctl": 71, "mq_open": 240, "mq_unlink": 241, "mq_timedsend": 242,
        "mq_timedreceive": 243, "mq_notify": 244, "mq_getsetattr": 245, "ioprio_set": 251,
        "migrate_pages": 256, "move_pages": 279,
    },
    "aarch64": {
        "execve": 221, "execveat": 281, "socket": 198, "socketpair": 199, "bind": 200,
        "listen": 201, "accept": 202, "connect": 203, "accept4": 242, "ptrace": 117,
        "process_vm_readv": 270, "process_vm_writev": 271, "mount": 40, "umount2": 39,
        "unshare": 97, "setns": 268, "chroot": 51, "pivot_root": 41, "reboot": 142,
        "keyctl": 219, "add_key": 217, "request_key": 218, "bpf": 280, "perf_event_open": 241,
        "userfaultfd": 282, "kexec_load": 104, "init_module": 105, "finit_module": 273,
        "delete_module": 106, "personality": 92, "kcmp": 272, "open_by_handle_at": 265,
        "name_to_handle_at": 264, "tkill": 130,
        "mq_open": 180, "mq_unlink": 181, "mq_timedsend": 182, "mq_timedreceive": 183,
        "mq_notify": 184, "mq_getsetattr": 185, "msgget": 186, "msgctl": 187, "msgrcv": 188,
        "msgsnd": 189, "semget": 190, "semctl": 191, "semtimedop": 192, "semop": 193,
        "shmget": 194, "shmctl": 195, "shmat": 196, "shmdt": 197, "ioprio_set": 30,
        "migrate_pages": 238, "move_pages": 239,
    },
}
_COMMON_DENIED = {"io_uring_setup": 425, "io_uring_enter": 426, "io_uring_register": 427,
                  "pidfd_send_signal": 424, "pidfd_getfd": 438, "process_madvise": 440,
                  "process_mrelease": 448, "landlock_create_ruleset": 444,
                  "landlock_add_rule": 445, "landlock_restrict_self": 446}
_CLONE = {"x86_64": 56, "aarch64": 220}
_CLONE3 = 435
# Calls whose first argument names a process: only the child itself (its own pid) may be named.
_OWN_PID_FIRST = {
    "x86_64": {"kill": 62, "tgkill": 234, "rt_sigqueueinfo": 129, "rt_tgsigqueueinfo": 297},
    "aarch64": {"kill": 129, "tgkill": 131, "rt_sigqueueinfo": 138, "rt_tgsigqueueinfo": 240},
}
# Calls whose first argument is a pid where 0 means the caller: 0 or its own pid.
_SELF_FIRST = {
    "x86_64": {"prlimit64": 302, "sched_setparam": 142, "sched_setscheduler": 144,
               "sched_setaffinity": 203, "sched_setattr": 314},
    "aarch64": {"prlimit64": 261, "sched_setparam": 118, "sched_setscheduler": 119,
                "sched_setaffinity": 122, "sched_setattr": 274},
}
_SETPRIORITY = {"x86_64": 141, "aarch64": 140}  # (which, who): PRIO_PROCESS, 0 or its own pid

Instruction = tuple[int, int, int, int]


def _argument(index: int) -> tuple[int, int]:
    """Offsets of the low and high 32 bits of a system call's argument in `seccomp_data`."""
    return 16 + 8 * index, 20 + 8 * index


def _is(index: int, values: tuple[int, ...], then: str) -> list[tuple[int, str | int, str | int,
                                                                    int]]:
    """Jump to `then` when argument `index` is one of `values` (as a 64-bit number); else deny."""
    ld_abs, jeq = 0x20, 0x15
    low, high = _argument(index)
    program: list[tuple[int, str | int, str | int, int]] = [
        (ld_abs, 0, 0, high), (jeq, 0, "deny", 0), (ld_abs, 0, 0, low)]
    for position, value in enumerate(values):
        last = position == len(values) - 1
        program.append((jeq, then, "deny" if last else 0, value))
    return program


def program(machine: str, own_pid: int) -> list[Instruction]:
    """The BPF program; jumps are resolved against labels at the end."""
    ld_abs, jeq, jge, jset, ret = 0x20, 0x15, 0x35, 0x45, 0x06
    code: list[tuple[int, str | int, str | int, int]] = [
        (ld_abs, 0, 0, 4),
        (jeq, 0, "kill", AUDIT_ARCH[machine]),
        (ld_abs, 0, 0, 0),
    ]
    if machine == "x86_64":
        code.append((jge, "deny", 0, 0x40000000))  # the x32 ABI
    for number in sorted({*_DENIED[machine].values(), *_COMMON_DENIED.values()}):
        code.append((jeq, "deny", 0, number))
    code.append((jeq, "enosys", 0, _CLONE3))
    code.append((jeq, "clone", 0, _CLONE[machine]))
    for number in _OWN_PID_FIRST[machine].values():
        code.append((jeq, "own", 0, number))
    for number in _SELF_FIRST[machine].values():
        code.append((jeq, "self", 0, number))
    code.append((jeq, "priority", 0, _SETPRIORITY[machine]))
    code.append((ret, 0, 0, _RET_ALLOW))
    labels = {"clone": len(code)}
    code += [(ld_abs, 0, 0, 16), (jset, "allow", "deny", _CLONE_THREAD)]
    labels["own"] = len(code)
    code += _is(0, (own_pid,), "allow")
    labels["self"] = len(code)
    code += _is(0, (0, own_pid), "allow")
    labels["priority"] = len(code)
    code += _is(0, (0,), "priority_who")  # PRIO_PROCESS
    labels["priority_who"] = len(code)
    code += _is(1, (0, own_pid), "allow")
    for label, value in (("allow", _RET_ALLOW), ("deny", _RET_ERRNO | _EPERM),
                         ("enosys", _RET_ERRNO | _ENOSYS), ("kill", _RET_KILL_PROCESS)):
        labels[label] = len(code)
        code.append((ret, 0, 0, value))

    def offset(target: str | int, index: int) -> int:
        return target if isinstance(target, int) else labels[target] - index - 1

    return [(op, offset(jt, index), offset(jf, index), k)
            for index, (op, jt, jf, k) in enumerate(code)]


@functools.lru_cache(maxsize=2)
def template(machine: str) -> tuple[bytes, tuple[int, ...]]:
    """The filter's bytes with a placeholder for the child's pid, and where it sits: built once
    in the zygote (assembling it in Python costs each child half a millisecond)."""
    instructions = program(machine, _PLACEHOLDER)
    places = tuple(i for i, (_, _, _, k) in enumerate(instructions) if k == _PLACEHOLDER)
    return b"".join(struct.pack("HBBI", *i) for i in instructions), places


def program_bytes(machine: str, pid: int) -> bytes:
    """The filter for the process `pid`, patched into the prepared template."""
    raw, places = template(machine)
    patched = bytearray(raw)
    for index in places:
        op, jt, jf, _ = struct.unpack_from("HBBI", raw, index * 8)
        struct.pack_into("HBBI", patched, index * 8, op, jt, jf, pid)
    return bytes(patched)


def install() -> bool:
    """Install the filter; False where the architecture or kernel does not allow it."""
    machine = platform.machine()
    if machine not in AUDIT_ARCH:
        return False
    raw = program_bytes(machine, os.getpid())
    buffer = ctypes.create_string_buffer(raw, len(raw))
    fprog = struct.pack("HxxxxxxQ", len(raw) // 8, ctypes.addressof(buffer))
    return int(_libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, fprog, 0, 0)) == 0
