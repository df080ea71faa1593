"""Confine a sandbox child before it runs a learner's code (Linux).

Layers, each applied when the machine offers it, each named in the report when active:

- resource limits: address space (memory), CPU seconds, no core files, no file growth, few fds;
- no new privileges, and every capability dropped when running as root;
- Landlock: the file system becomes read-only and limited to Python's own library folders, so
  the project (its `solutions/`), the home folder and `/proc` cannot be read; TCP is refused,
  and signals cannot reach processes outside the child;
- seccomp: no new processes, no exec, no new sockets, no ptrace, no signals to others.

Everything here runs in the child, after fork, before the learner's code is loaded.
"""

from __future__ import annotations

import ctypes
import functools
import os
import platform
import resource
import struct
import sys
import sysconfig
from collections.abc import Iterable, Sequence

_libc = ctypes.CDLL(None, use_errno=True)
_libc.syscall.restype = ctypes.c_long
_libc.prctl.restype = ctypes.c_int

PR_SET_NO_NEW_PRIVS = 38
PR_SET_SECCOMP = 22
PR_SET_DUMPABLE = 4
PR_CAPBSET_DROP = 24
SECCOMP_MODE_FILTER = 2


def set_limits(*, memory_bytes: int, cpu_seconds: int) -> None:
    """Apply the resource limits; memory counts on top of what the child already maps."""
    current = _mapped_bytes()
    address_space = current + memory_bytes
    resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
    resource.setrlimit(resource.RLIMIT_NOFILE, (64, 64))


def _mapped_bytes() -> int:
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[0]) * resource.getpagesize()
    except OSError:
        return 0


def no_new_privileges() -> bool:
    """Forbid gaining privileges (setuid binaries, file capabilities); needed by the rest."""
    return bool(_libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0)


def drop_capabilities() -> bool:
    """As root, give up every capability: root stays uid 0 but loses its powers."""
    if os.geteuid() != 0:
        return False
    for cap in range(64):
        if _libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            break
    # struct __user_cap_header_struct {u32 version; int pid} + two empty data structs (v3)
    header = struct.pack("Ii", 0x20080522, 0)
    data = bytes(24)
    return bool(_libc.syscall(_CAPSET.get(platform.machine(), -1), header, data) == 0)


_CAPSET = {"x86_64": 126, "aarch64": 91}

# --- Landlock -------------------------------------------------------------------------------

_LANDLOCK_CREATE, _LANDLOCK_ADD, _LANDLOCK_RESTRICT = 444, 445, 446
_FS_BITS_BY_ABI = {1: 13, 2: 14, 3: 15, 4: 15, 5: 16, 6: 16, 7: 16}
_FS_READ = (1 << 2) | (1 << 3)  # READ_FILE | READ_DIR


def landlock_abi() -> int:
    """The Landlock ABI version the kernel offers, 0 if none."""
    version = _libc.syscall(_LANDLOCK_CREATE, None, 0, 1)
    return max(int(version), 0)


def restrict_filesystem(readable: Iterable[str]) -> int:
    """Make the file system read-only and limited to `readable`; return the ABI used (0: none)."""
    abi = landlock_abi()
    if abi == 0:
        return 0
    handled_fs = (1 << _FS_BITS_BY_ABI.get(abi, 16)) - 1
    handled_net = 0b11 if abi >= 4 else 0  # bind and connect over TCP
    scoped = 0b11 if abi >= 6 else 0  # abstract unix sockets and signals
    if abi >= 6:
        attr = struct.pack("QQQ", handled_fs, handled_net, scoped)
    elif abi >= 4:
        attr = struct.pack("QQ", handled_fs, handled_net)
    else:
        attr = struct.pack("Q", handled_fs)
    ruleset = _libc.syscall(_LANDLOCK_CREATE, attr, len(attr), 0)
    if ruleset < 0:
        return 0
    try:
        for path in readable:
            try:
                fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
            except OSError:
                continue
            try:
                rule = struct.pack("=Qi", _FS_READ, fd)
                _libc.syscall(_LANDLOCK_ADD, ruleset, 1, rule, 0)
            finally:
                os.close(fd)
        if _libc.syscall(_LANDLOCK_RESTRICT, ruleset, 0) != 0:
            return 0
    finally:
        os.close(ruleset)
    return abi


def python_library_paths() -> list[str]:
    """The folders Python and installed packages are imported from; nothing of the project."""
    paths = {sysconfig.get_path(name) for name in ("stdlib", "platstdlib", "purelib", "platlib")}
    paths.update(p for p in sys.path if p and ("site-packages" in p or p.endswith("lib-dynload")))
    return sorted(p for p in paths if p and os.path.isdir(p))


# --- seccomp --------------------------------------------------------------------------------

_AUDIT_ARCH = {"x86_64": 0xC000003E, "aarch64": 0xC00000B7}
_CLONE_THREAD = 0x00010000
_RET_ALLOW = 0x7FFF0000
_RET_ERRNO = 0x00050000
_RET_KILL_PROCESS = 0x80000000
_EPERM, _ENOSYS = 1, 38

# Syscalls refused outright, by architecture: new programs, new sockets, tracing other
# processes, kernel state, io_uring (which would bypass this filter).
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
    },
}
_COMMON_DENIED = {"io_uring_setup": 425, "io_uring_enter": 426, "io_uring_register": 427,
                  "pidfd_send_signal": 424, "pidfd_getfd": 438, "process_madvise": 440}
_CLONE = {"x86_64": 56, "aarch64": 220}
_CLONE3 = 435
_SIGNALS = {"x86_64": {"kill": 62, "tgkill": 234}, "aarch64": {"kill": 129, "tgkill": 131}}


def _filter_program(machine: str, own_pid: int) -> list[tuple[int, int, int, int]]:
    """Assemble the BPF program; jumps are resolved against labels at the end."""
    ld_abs, jeq, jge, jset, ret = 0x20, 0x15, 0x35, 0x45, 0x06
    program: list[tuple[int, str | int, str | int, int]] = [
        (ld_abs, 0, 0, 4),
        (jeq, 0, "kill", _AUDIT_ARCH[machine]),
        (ld_abs, 0, 0, 0),
    ]
    if machine == "x86_64":
        program.append((jge, "deny", 0, 0x40000000))  # the x32 ABI
    for number in sorted({*_DENIED[machine].values(), *_COMMON_DENIED.values()}):
        program.append((jeq, "deny", 0, number))
    program.append((jeq, "enosys", 0, _CLONE3))
    program.append((jeq, "clone", 0, _CLONE[machine]))
    for number in _SIGNALS[machine].values():
        program.append((jeq, "signal", 0, number))
    program.append((ret, 0, 0, _RET_ALLOW))
    labels = {"clone": len(program)}
    program += [(ld_abs, 0, 0, 16), (jset, "allow", "deny", _CLONE_THREAD)]
    labels["signal"] = len(program)
    program += [
        (ld_abs, 0, 0, 20),  # high half of the first argument: must be 0
        (jeq, 0, "deny", 0),
        (ld_abs, 0, 0, 16),
        (jeq, "allow", "deny", own_pid),
    ]
    for label, value in (("allow", _RET_ALLOW), ("deny", _RET_ERRNO | _EPERM),
                         ("enosys", _RET_ERRNO | _ENOSYS), ("kill", _RET_KILL_PROCESS)):
        labels[label] = len(program)
        program.append((ret, 0, 0, value))

    resolved = []
    for index, (code, jt, jf, k) in enumerate(program):
        def offset(target: str | int) -> int:
            return target if isinstance(target, int) else labels[target] - index - 1  # noqa: B023
        resolved.append((code, offset(jt), offset(jf), k))
    return resolved


@functools.lru_cache(maxsize=1)
def _filter_template(machine: str) -> tuple[bytes, int]:
    """The filter's bytes with a placeholder for the child's pid, and where that sits: built
    once in the zygote (assembling it in Python costs each child half a millisecond)."""
    placeholder = 0x7FFFFFFF
    program = _filter_program(machine, placeholder)
    index = next(i for i, (_, _, _, k) in enumerate(program) if k == placeholder)
    return b"".join(struct.pack("HBBI", *instruction) for instruction in program), index


def prepare() -> None:
    """Do, once in the zygote, the work every child would otherwise repeat."""
    if platform.machine() in _AUDIT_ARCH:
        _filter_template(platform.machine())


def _filter_bytes(machine: str, pid: int) -> bytes:
    raw, index = _filter_template(machine)
    code, jt, jf, _ = struct.unpack_from("HBBI", raw, index * 8)
    return raw[: index * 8] + struct.pack("HBBI", code, jt, jf, pid) + raw[index * 8 + 8 :]


def install_seccomp() -> bool:
    """Install the syscall filter; False where the architecture or kernel does not allow it."""
    machine = platform.machine()
    if machine not in _AUDIT_ARCH:
        return False
    raw = _filter_bytes(machine, os.getpid())
    buffer = ctypes.create_string_buffer(raw, len(raw))
    fprog = struct.pack("HxxxxxxQ", len(raw) // 8, ctypes.addressof(buffer))
    return bool(_libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, fprog, 0, 0) == 0)


def confine(*, memory_bytes: int, cpu_seconds: int,
            readable: Sequence[str] | None = None) -> tuple[str, ...]:
    """Apply every layer this machine offers; return the names of those now active.

    `readable` are the folders left readable (default: `python_library_paths()`).
    """
    active = []
    set_limits(memory_bytes=memory_bytes, cpu_seconds=cpu_seconds)
    active.append("resource limits")
    if not sys.platform.startswith("linux"):
        return tuple(active)
    if no_new_privileges():
        active.append("no new privileges")
    if drop_capabilities():
        active.append("capabilities dropped")
    abi = restrict_filesystem(python_library_paths() if readable is None else readable)
    if abi:
        active.append(f"landlock v{abi}")
    if install_seccomp():
        active.append("seccomp")
    return tuple(active)
