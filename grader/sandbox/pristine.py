"""Vouch that a sandbox child is as it was right after loading, so that it may grade another
function of the same learner; or say why it cannot be vouched for.

A child grades several functions in turn only when, between two of them, it can be put back
exactly: the learner's globals rebound to what loading gave them (and their contents, compared
against deep copies), numpy's random state, error handling and print options restored. Anything
that cannot be put back or checked cheaply — a module attribute rebound (numpy patched), a
thread or a timer left running, a signal handler, a resource limit, a warnings filter, a trace
function, a learner's class, a closure — makes the child unfit, and the grader forks a fresh
one for the next function, exactly as if no child were ever reused.

Runs in the child only, on the learner's namespace.
"""

from __future__ import annotations

import _signal  # type: ignore[import-not-found]  # signal.getsignal, without its slow enums
import _thread
import copy
import faulthandler
import gc
import math
import os
import resource
import signal
import sys
import threading
import types
import warnings
from typing import Any

import numpy as np

WATCHED_MODULES = ("numpy", "numpy.random", "numpy.linalg", "numpy.testing", "math")
LIMITS = tuple(getattr(resource, name) for name in (
    "RLIMIT_AS", "RLIMIT_CPU", "RLIMIT_CORE", "RLIMIT_FSIZE", "RLIMIT_NOFILE", "RLIMIT_DATA",
    "RLIMIT_STACK") if hasattr(resource, name))
TIMERS = (signal.ITIMER_REAL, signal.ITIMER_VIRTUAL, signal.ITIMER_PROF)
SIGNALS = tuple(int(s) for s in sorted(signal.valid_signals())
                if s not in (signal.SIGKILL, signal.SIGSTOP))
MAX_COPIED_BYTES = 4 << 20  # a global bigger than this is not copied: the child is not reused
_IMMUTABLE = (type(None), bool, int, float, complex, str, bytes, range, np.generic,
              types.BuiltinFunctionType, types.ModuleType, type(Ellipsis))


class Unfit(Exception):
    """Why a child cannot be vouched for."""


class Pristine:
    """The state of a child right after loading, and how to get back to it."""

    def __init__(self, namespace: dict[str, Any], course_modules: list[str],
                 inert: tuple[type, ...] = ()) -> None:
        self.namespace, self.inert = namespace, inert
        self.bindings = dict(namespace)
        self.unfit: str | None = None
        self.copies: dict[str, Any] = {}
        self.functions: dict[str, tuple[Any, ...]] = {}
        try:
            for name, value in self.bindings.items():
                self._remember(name, value)
        except Unfit as why:
            self.unfit = str(why)
        watched = {*WATCHED_MODULES, *course_modules,
                   *(v.__name__ for v in self.bindings.values()
                     if isinstance(v, types.ModuleType) and isinstance(v.__name__, str))}
        self.modules = {name: (sys.modules[name], dict(vars(sys.modules[name])))
                        for name in sorted(watched) if name in sys.modules}
        self.random = np.random.get_state()
        self.errors = np.geterr()
        self.printing = np.get_printoptions()
        self.process = _process_state()

    def _remember(self, name: str, value: Any) -> None:
        if name.startswith("__") or isinstance(value, (*_IMMUTABLE, *self.inert, np.ufunc)):
            return
        if isinstance(value, tuple) and all(isinstance(v, _IMMUTABLE) for v in value):
            return
        if isinstance(value, types.FunctionType):
            if value.__closure__ or vars(value):
                raise Unfit(f"{name} is a closure or carries attributes")
            defaults = (value.__defaults__, value.__kwdefaults__)
            self.functions[name] = (value.__code__, *defaults, _copied(name, defaults))
            return
        if isinstance(value, type) and value.__module__ == "__main__":
            raise Unfit(f"{name} is a class defined by the learner")
        if isinstance(value, type) or callable(value) and getattr(value, "__module__", "") in (
                "numpy", "builtins"):
            return  # a library's class or function: its module is watched, not the object
        if isinstance(value, (np.ndarray, list, dict, set, tuple)):
            self.copies[name] = _copied(name, value)
            return
        raise Unfit(f"{name} is a {type(value).__name__}, which cannot be checked")

    def restore(self) -> str | None:
        """Put the child back as it was after loading; None when done, else why it cannot be."""
        if self.unfit:
            return self.unfit
        try:
            self._check()
        except Unfit as why:
            return str(why)
        except Exception as problem:  # a learner's object that cannot even be compared
            return f"the state could not be checked ({type(problem).__name__})"
        self.namespace.clear()
        self.namespace.update(self.bindings)
        np.random.set_state(self.random)
        np.seterr(**self.errors)
        np.set_printoptions(**self.printing)
        return None

    def _check(self) -> None:
        for name, (module, attributes) in self.modules.items():
            # Names may be added (imports), not rebound; `<=` finds the same objects at C speed.
            if (sys.modules.get(name) is not module
                    or not attributes.items() <= vars(module).items()):
                raise Unfit(f"the module {name} was changed")
        for name, value in self.bindings.items():
            if name in self.copies and not _equal(value, self.copies[name]):
                raise Unfit(f"the global {name} was changed in place")
            if name in self.functions:
                code, defaults, keywords, copied = self.functions[name]
                if (value.__code__ is not code or value.__defaults__ is not defaults
                        or value.__kwdefaults__ is not keywords or vars(value)
                        or not _equal((defaults, keywords), copied)):
                    raise Unfit(f"the function {name} was changed")
        now = _process_state()
        for key, before in self.process.items():
            if now[key] != before:
                raise Unfit(f"the process's {key} changed")


_AUDIT_HOOKS_ADDED = [0]


def count_audit_hooks(event: str, args: tuple[Any, ...]) -> None:
    """An audit hook, installed in the zygote: counts the audit hooks added after it (they
    cannot be listed or removed, and would run in every function after)."""
    if event == "sys.addaudithook":
        _AUDIT_HOOKS_ADDED[0] += 1


def _process_state() -> dict[str, Any]:
    """What a learner's call could change in the process that would outlive it."""
    return {
        "audit hooks": _AUDIT_HOOKS_ADDED[0],
        "fault handler": faulthandler.is_enabled(),
        "threads": (_thread._count(), threading.active_count()),
        "signal handlers": [_signal.getsignal(s) for s in SIGNALS],
        "timers": [signal.getitimer(t) for t in TIMERS],
        "resource limits": [resource.getrlimit(limit) for limit in LIMITS],
        "warnings filters": list(warnings.filters),
        "trace": (sys.gettrace(), sys.getprofile()),
        "interpreter settings": (sys.getrecursionlimit(), sys.getswitchinterval(),
                                 sys.get_int_max_str_digits(), gc.isenabled(),
                                 gc.get_threshold()),
        "import machinery": (list(sys.meta_path), list(sys.path), list(sys.path_hooks)),
        "environment": dict(os.environ),
        "priority": os.getpriority(os.PRIO_PROCESS, 0),
    }


def _copied(name: str, value: Any) -> Any:
    if _size(value) > MAX_COPIED_BYTES:
        raise Unfit(f"{name} is too big to check")
    try:
        return copy.deepcopy(value)
    except Exception as problem:
        raise Unfit(f"{name} cannot be copied ({type(problem).__name__})") from problem


def _size(value: Any) -> int:
    if isinstance(value, np.ndarray):
        return int(value.nbytes)
    if isinstance(value, dict):
        return sum(_size(v) for v in value.values()) + 64 * len(value)
    if isinstance(value, (list, tuple, set)):
        return sum(_size(v) for v in value) + 8 * len(value)
    return 64


def _equal(a: Any, b: Any) -> bool:
    """Strict equality of plain data: same types, shapes, dtypes and values (NaN equal to NaN)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, np.ndarray):
        return bool(a.dtype == b.dtype and a.shape == b.shape
                    and np.array_equal(a, b, equal_nan=a.dtype.kind in "fc"))
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(_equal(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_equal(a[k], b[k]) for k in a)
    if isinstance(a, (set, frozenset)):
        return bool(a == b)
    if isinstance(a, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    if isinstance(a, _IMMUTABLE):
        return bool(a == b)
    return False
