"""Confine a sandbox child before it runs a learner's code (Linux).

Layers, each applied when the machine offers it, each named in the report when active:

- resource limits: address space (memory), CPU seconds, no core files, no file growth, few fds;
- PID and IPC namespaces apart from the grader's, set up by the zygote (`identity`);
- as root, a throw-away uid keeping only the power to read files; otherwise every capability
  dropped (`identity`); and no new privileges;
- Landlock: a read-only view of the standard library and numpy, no TCP, no signals out of the
  child (`landlock`);
- seccomp: no new processes, programs or sockets, no ptrace, no SysV IPC or message queues, no
  signals, limits, priorities or scheduling for any process but itself (`seccomp`).

`Prepared` is made once, in the zygote; `confine` runs in each child, after fork, before the
learner's code is loaded.
"""

from __future__ import annotations

import ctypes
import platform
import resource
import sys
from dataclasses import dataclass, field

from grader.sandbox import identity, landlock, seccomp

_libc = ctypes.CDLL(None, use_errno=True)
_libc.prctl.restype = ctypes.c_int

PR_SET_NO_NEW_PRIVS = 38


@dataclass(frozen=True)
class Prepared:
    """What the zygote prepares once for all its children: the Landlock ruleset (the seccomp
    filter's template is cached in `seccomp`), and the namespaces they live in apart."""

    ruleset: landlock.Ruleset = field(default_factory=landlock.Ruleset)
    namespaces: tuple[str, ...] = ()

    @classmethod
    def here(cls) -> Prepared:
        """Prepare, in the zygote: the filter's template, the ruleset, the namespaces."""
        if platform.machine() in seccomp.AUDIT_ARCH:
            seccomp.template(platform.machine())
        if not sys.platform.startswith("linux"):
            return cls()
        return cls(landlock.Ruleset.build(landlock.readable_paths()),
                   identity.children_apart())


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
    return int(_libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)) == 0


def confine(prepared: Prepared, *, memory_bytes: int, cpu_seconds: int,
            uid: int) -> tuple[str, ...]:
    """Apply every layer this machine offers; return the names of those now active. `uid` is
    the throw-away uid a child of a root grader becomes."""
    active = []
    set_limits(memory_bytes=memory_bytes, cpu_seconds=cpu_seconds)
    active.append("resource limits")
    if not sys.platform.startswith("linux"):
        return tuple(active)
    active += prepared.namespaces
    who = identity.throw_away_root(uid)
    if who:
        active.append(who)
    if no_new_privileges():
        active.append("no new privileges")
    abi = prepared.ruleset.restrict()
    if abi:
        active.append(f"landlock v{abi}")
    if seccomp.install():
        active.append("seccomp")
    return tuple(active)
