"""Who a sandbox child is: its own IPC namespace, a PID namespace apart from the grader's, and,
when the grader runs as root, a throw-away uid (Linux).

- The zygote moves its future children into a PID namespace of their own, and itself and them
  into an IPC namespace of their own (`children_apart`): from inside, neither the grader nor
  the zygote has a pid, so no call can name them; SysV shared memory, semaphores, message
  queues and POSIX message queues a child could make (the seccomp filter refuses them too)
  would be invisible to the host and die with the zygote. The PID namespace's first process is
  a do-nothing init that dies with the zygote, and takes every child with it. (One namespace
  per zygote, not per child: a namespace per child costs each child a millisecond, and the
  seccomp filter already keeps children from each other.)
- As root, each child becomes a uid nobody else has (`throw_away_root`), so that the kernel's
  own permission checks keep it from every other process (signals, resource limits,
  priorities). It keeps one capability, reading any file, because the Python installation may
  sit in root's home folder; Landlock then narrows what it may read to the allow-list. Not as
  root, every capability is dropped.
"""

from __future__ import annotations

import ctypes
import os
import platform
import signal
import struct

_libc = ctypes.CDLL(None, use_errno=True)
_libc.syscall.restype = ctypes.c_long
_libc.prctl.restype = ctypes.c_int
_libc.unshare.restype = ctypes.c_int

CLONE_NEWIPC, CLONE_NEWUSER, CLONE_NEWPID = 0x08000000, 0x10000000, 0x20000000
PR_SET_PDEATHSIG, PR_SET_KEEPCAPS, PR_CAPBSET_DROP = 1, 8, 24
CAP_DAC_READ_SEARCH = 2
_CAPSET = {"x86_64": 126, "aarch64": 91}
_CAP_VERSION_3 = 0x20080522
THROW_AWAY_BASE = 0x60000000  # uids from here on belong to no account


def _unshare(flags: int) -> bool:
    return int(_libc.unshare(flags)) == 0


def children_apart() -> tuple[str, ...]:
    """In the zygote: a new IPC namespace for itself and its children, and a new PID namespace
    for every process it forks from now on, with that namespace's init started; return the
    namespaces made ("pid namespace", "ipc namespace"), none where the kernel does not allow
    them."""
    user = 0 if os.geteuid() == 0 else CLONE_NEWUSER
    if _unshare(CLONE_NEWPID | CLONE_NEWIPC | user):
        made = ("pid namespace", "ipc namespace")
    elif _unshare(CLONE_NEWIPC | user):
        return ("ipc namespace",)
    else:
        return ()
    try:
        pid = os.fork()
    except OSError:
        return ("ipc namespace",)
    if pid == 0:  # pid 1 of the namespace: reap, and die with the zygote
        try:
            _libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
            os.closerange(0, 65536)
            while True:
                try:
                    os.wait()
                except ChildProcessError:
                    signal.pause()
        finally:
            os._exit(0)
    return made


def throw_away_uid(serial: int) -> int:
    """The uid for the `serial`-th child of this zygote: unused by accounts, and unlike those
    of the children of other zygotes running at the same time."""
    return THROW_AWAY_BASE + ((os.getpid() & 0xFFFF) << 12) + (serial & 0xFFF)


def throw_away_root(uid: int) -> str | None:
    """As root, become `uid`, keeping only the capability to read files; otherwise (not root, or
    the kernel refused) keep no capability at all. Return the layer now active, if any."""
    if os.geteuid() == 0:
        for cap in range(64):
            if cap != CAP_DAC_READ_SEARCH and _libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
                break
        try:
            _libc.prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0)
            os.setgroups([])
            os.setresgid(uid, uid, uid)
            os.setresuid(uid, uid, uid)
        except OSError:
            pass
        else:
            if _set_capabilities(1 << CAP_DAC_READ_SEARCH):
                return "throw-away uid"
    return "capabilities dropped" if _set_capabilities(0) else None


def _set_capabilities(mask: int) -> bool:
    """Make `mask` the effective and permitted capabilities, nothing inheritable."""
    header = struct.pack("Ii", _CAP_VERSION_3, 0)
    low, high = mask & 0xFFFFFFFF, mask >> 32
    data = struct.pack("IIIIII", low, low, 0, high, high, 0)
    number = _CAPSET.get(platform.machine(), -1)
    return number >= 0 and int(_libc.syscall(number, header, data)) == 0
