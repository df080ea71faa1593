"""Landlock for sandbox children: a read-only view of the standard library and numpy, nothing else.

The ruleset is built once, in the zygote (`Ruleset.build`), from an allow-list: each entry of
the standard library's folders except installed packages (`site-packages`), and the folders of
the few packages a learner's code may import (numpy, and scipy when present). Nothing else is
readable: not the project (its `solutions/`), not the grader's own package, not references
installed anywhere else (a non-editable install puts them in `site-packages`), not the home
folder, not `/proc`. TCP bind and connect are refused (ABI 4), and signals and abstract unix
sockets cannot reach a process outside the child (ABI 6).

Each child applies the zygote's ruleset to itself (`Ruleset.restrict`) and closes it at once,
before any learner code runs; the seccomp filter then refuses the Landlock calls, so a child
can never add a rule to the ruleset later children apply.
"""

from __future__ import annotations

import ctypes
import importlib.util
import os
import struct
import sys
import sysconfig
from collections.abc import Iterable
from dataclasses import dataclass

_libc = ctypes.CDLL(None, use_errno=True)
_libc.syscall.restype = ctypes.c_long

_CREATE, _ADD, _RESTRICT = 444, 445, 446
_FS_BITS_BY_ABI = {1: 13, 2: 14, 3: 15, 4: 15, 5: 16, 6: 16, 7: 16}
_READ_FILE, _READ_DIR = 1 << 2, 1 << 3
# Installed packages a learner's code may use: numpy (imported in the zygote already; its
# submodules load from its folder). Others are not found, as if not installed.
IMPORTABLE = ("numpy",)
_PACKAGE_FOLDERS = ("site-packages", "dist-packages")


def abi() -> int:
    """The Landlock ABI version the kernel offers, 0 if none."""
    return max(int(_libc.syscall(_CREATE, None, 0, 1)), 0)


def readable_paths() -> list[tuple[str, int]]:
    """What a child may read, and how: the standard library's folders may be listed, and every
    entry in them read except installed packages (`site-packages`, whose files stay unreadable);
    the folders of the `IMPORTABLE` packages (with their bundled libraries) may be read."""
    found: dict[str, int] = {}
    for name in ("stdlib", "platstdlib"):
        root = sysconfig.get_path(name)
        if root and os.path.isdir(root):
            found[root] = _READ_DIR
            for entry in os.listdir(root):
                if entry not in _PACKAGE_FOLDERS:
                    path = os.path.join(root, entry)
                    found[path] = _READ_FILE | (_READ_DIR if os.path.isdir(path) else 0)
    found.update((p, _READ_FILE | _READ_DIR) for p in sys.path if p.endswith("lib-dynload"))
    for package in IMPORTABLE:
        spec = importlib.util.find_spec(package)
        for folder in (spec.submodule_search_locations or []) if spec else []:
            found[folder] = _READ_FILE | _READ_DIR
            libs = f"{folder.rstrip(os.sep)}.libs"  # wheels bundle shared libraries here
            if os.path.isdir(libs):
                found[libs] = _READ_FILE | _READ_DIR
    return sorted((path, access) for path, access in found.items() if os.path.exists(path))


def importable_paths() -> list[str]:
    """A child's `sys.path`: the standard library only (numpy is imported already, and its
    submodules load from its own folder), so that nothing else installed is even looked for."""
    paths = {sysconfig.get_path(name) for name in ("stdlib", "platstdlib")}
    paths.update(p for p in sys.path if p.endswith("lib-dynload"))
    return sorted(p for p in paths if p and os.path.isdir(p))


@dataclass(frozen=True)
class Ruleset:
    """A Landlock ruleset prepared in the zygote: its file descriptor and ABI (0: none)."""

    fd: int = -1
    abi: int = 0

    @classmethod
    def build(cls, readable: Iterable[tuple[str, int]]) -> Ruleset:
        """Create the ruleset allowing only the reads `readable` lists (path, access); an empty
        one where the kernel has no Landlock."""
        version = abi()
        if version == 0:
            return cls()
        handled_fs = (1 << _FS_BITS_BY_ABI.get(version, 16)) - 1
        handled_net = 0b11 if version >= 4 else 0  # bind and connect over TCP
        scoped = 0b11 if version >= 6 else 0  # abstract unix sockets and signals
        if version >= 6:
            attr = struct.pack("QQQ", handled_fs, handled_net, scoped)
        elif version >= 4:
            attr = struct.pack("QQ", handled_fs, handled_net)
        else:
            attr = struct.pack("Q", handled_fs)
        fd = int(_libc.syscall(_CREATE, attr, len(attr), 0))
        if fd < 0:
            return cls()
        os.set_inheritable(fd, True)
        for path, access in readable:
            try:
                target = os.open(path, os.O_PATH | os.O_CLOEXEC)
            except OSError:
                continue
            try:
                rule = struct.pack("=Qi", access, target)
                _libc.syscall(_ADD, fd, 1, rule, 0)
            finally:
                os.close(target)
        return cls(fd, version)

    def restrict(self) -> int:
        """Apply the ruleset to this process and close it; return the ABI used (0: none)."""
        if self.fd < 0:
            return 0
        try:
            return self.abi if int(_libc.syscall(_RESTRICT, self.fd, 0)) == 0 else 0
        finally:
            os.close(self.fd)
