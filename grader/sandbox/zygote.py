"""The zygote: a warm process (numpy imported) that forks one confined child per request.

It is always a fresh interpreter, started with a scrubbed environment and command line (no
`GRADE_SEED`, no `--seed`, no path to the references), so that nothing secret was ever in its
memory, nor in that of the children forked from it. It puts its children in a PID namespace
apart from the grader's (when the kernel allows it), and prepares once what confines each of
them (`confine.Prepared`). The grader talks to it over one control socket, strictly one
request then one reply:

    spawn {memory, cpu, output}  →  (pid, 0) + the grader's end of a new socket pair
    reap  {pid, grace}                    →  (pid, wait status)   kills the child if still alive
    discard {pid}                         →  no reply; the child is killed and reaped later

A reply is a fixed 16-byte record so that it can carry file descriptors in one message.
"""

from __future__ import annotations

import gc
import importlib
import marshal
import os
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
import warnings
from typing import TYPE_CHECKING, Any

import numpy as np

# reference_child is imported here, not where it is used: a child cannot read the package once
# confined, so everything it may run must be imported before the fork (see `_warm_up`).
from grader.sandbox import (  # noqa: F401
    child,
    confine,
    identity,
    landlock,
    numpy_compat,
    pristine,
    reference_child,
    wire,
)
from grader.launch import Launched, launch
from grader.sandbox.helpers import HelperPool

if TYPE_CHECKING:
    from grader.submission.reading import Parser

REPLY = struct.Struct("qq")
SPARES = 2


def serve(control: socket.socket, prepared: confine.Prepared) -> None:
    """Answer requests until the grader closes the control socket; then kill what is left.

    `SPARES` confined children are kept forked ahead, so that a request is answered at once
    and the next fork overlaps with the grader's own work.
    """
    requests = wire.Channel(control)
    # Found once here: sysconfig is slow to ask, and every child needs the answer.
    libraries = landlock.importable_paths()
    forked = 0
    alive: set[int] = set()
    dying: set[int] = set()
    spares: list[tuple[int, socket.socket]] = []
    spare_setup: dict[str, Any] | None = None
    while True:
        try:
            message, _ = requests.recv()
        except wire.WireError:
            break
        if message.get("op") == "spawn":
            setup = {key: message.get(key) for key in ("memory", "cpu", "output")}
            setup["libraries"] = libraries
            if setup != spare_setup:  # other limits: the spares do not fit
                for pid, end in spares:
                    end.close()
                    _kill(pid)
                    dying.add(pid)
                alive.difference_update(pid for pid, _ in spares)
                spares, spare_setup = [], setup
            if not spares:
                forked += 1
                spares.append(_fork_child(control, setup, prepared, forked))
            pid, grader_end = spares.pop(0)
            alive.add(pid)
            socket.send_fds(control, [REPLY.pack(pid, 0)], [grader_end.fileno()])
            grader_end.close()
            while len(spares) < SPARES:
                forked += 1
                spares.append(_fork_child(control, setup, prepared, forked))
                alive.add(spares[-1][0])
        elif message.get("op") == "reap":
            pid = int(message["pid"])
            status = _reap(pid, float(message.get("grace", 0.0))) if pid in alive else -1
            alive.discard(pid)
            control.sendall(REPLY.pack(pid, status))
        elif message.get("op") == "discard":
            pid = int(message["pid"])
            if pid in alive:
                _kill(pid)
                alive.discard(pid)
                dying.add(pid)
        dying = {pid for pid in dying if not _reaped(pid)}
    for _, end in spares:
        end.close()
    for pid in alive | dying:  # every child killed first, then all reaped: no waiting in turn
        _kill(pid)
    for pid in alive | dying:
        _reap(pid, 0.0)


def _fork_child(control: socket.socket, setup: dict[str, Any], prepared: confine.Prepared,
                serial: int) -> tuple[int, socket.socket]:
    grader_end, child_end = socket.socketpair()
    uid = identity.throw_away_uid(serial)
    pid = os.fork()
    if pid == 0:  # the child never returns into the zygote's loop
        code = 0
        try:
            control.close()
            grader_end.close()
            _child_main(child_end, setup, prepared, uid)
        except BaseException:
            code = 70
        finally:
            os._exit(code)
    child_end.close()
    return pid, grader_end


def _child_main(sock: socket.socket, setup: dict[str, Any], prepared: confine.Prepared,
                uid: int) -> None:
    os.setsid()
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    kept = sorted({sock.fileno(), prepared.ruleset.fd} - {-1})
    for low, high in zip([3, *(fd + 1 for fd in kept)], [*kept, 65536]):
        os.closerange(low, high)
    sys.argv = ["grade-sandbox"]
    os.environ.clear()
    warnings.resetwarnings()  # the learner's warnings print, whatever filters the grader runs with
    sys.path[:] = setup["libraries"]
    for blocked in ("solutions", "grade_courses", "grader.engine", "grader.references"):
        sys.modules[blocked] = None  # type: ignore[assignment]
    protections = confine.confine(prepared, memory_bytes=int(setup["memory"]),
                                  cpu_seconds=int(setup["cpu"]), uid=uid)
    # The zygote's import caches list folders the child may no longer read: forget them, so
    # that a package out of reach is not found (ImportError), rather than found unreadable.
    importlib.invalidate_caches()
    wire.Channel(sock).send({"op": "ready", "protections": list(protections)})
    child.Session(sock, int(setup["output"])).serve()


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _reaped(pid: int) -> bool:
    try:
        return os.waitpid(pid, os.WNOHANG)[0] != 0
    except ChildProcessError:
        return True


def _reap(pid: int, grace: float) -> int:
    deadline = time.monotonic() + grace
    while True:
        try:
            done, status = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            return -1
        if done:
            return status
        if time.monotonic() >= deadline:
            break
        time.sleep(0.002)
    _kill(pid)
    return os.waitpid(pid, 0)[1]


def _warm_up() -> confine.Prepared:
    """Import what every child needs, prepare their confinement, then freeze it all so that
    forks share the pages."""
    import copy, importlib.abc, importlib.util, inspect, linecache, math, traceback  # noqa
    import grader.submission.parsing  # noqa: F401 - parse children run it (imported here, in
    # the zygote only: the grader's own import of the sandbox must not pull in the loader)

    numpy_compat.install(np)  # learners' numpy 1.x spellings run as numpy 1.x ran them

    # First use of BLAS, ufuncs and the legacy RNG costs a little; pay it once, before forking.
    a = np.random.RandomState(0).randn(4, 3)
    np.dot(a.T, a) @ a.T
    np.sum(np.exp(-a) * np.log1p(np.abs(a)), axis=1, keepdims=True)
    np.random.seed(0)
    np.random.randn(2, 2)
    _rehearse()
    prepared = confine.Prepared.here()
    sys.addaudithook(pristine.count_audit_hooks)

    gc.collect()
    gc.freeze()
    return prepared


def _rehearse() -> None:
    """Run one load, one call and one reset through a child session here, in the zygote, so
    that every code path a child takes is warm (compiled, cached) before the first fork.
    (Rehearsing again in each child would make its pages private ahead of time, and costs more
    CPU than it saves.)
    """
    ours, theirs = socket.socketpair()
    source = "def twice(x):\n    return 2 * x, {'x': x}\n"
    code = marshal.dumps(compile(source, "<rehearsal>", "exec"))
    statement = {"line": 1, "source": source, "kind": "code", "code": 0}
    channel = wire.Channel(ours)
    channel.send({"op": "load", "modules": [], "units": [
        {"file": "<rehearsal>", "statements": [statement]}]}, [code])
    blobs: list[bytes] = []
    call = {"args": wire.encode([np.ones((2, 2))], blobs), "kwargs": wire.encode({}, blobs),
            "seed": None}
    channel.send({"op": "calls", "function": "twice", "isolate": {}, "calls": [call]}, blobs)
    channel.send({"op": "reset"})
    ours.shutdown(socket.SHUT_WR)
    saved = sys.stdout, sys.stderr
    try:
        child.Session(theirs, 1024).serve()
    finally:
        sys.stdout, sys.stderr = saved
        theirs.close()
        while ours.recv(65536):
            pass
        ours.close()


class Zygote:
    """The grader's handle on its zygote process."""

    def __init__(self, control: socket.socket, process: int | subprocess.Popen[bytes]) -> None:
        self._control = control
        self._requests = wire.Channel(control)
        self._process = process
        self._lock = threading.Lock()
        self.helpers = HelperPool()  # helper children, kept between requests (`helpers`)
        self._parser: Parser | None = None

    @classmethod
    def spawn(cls, launched: Launched | None = None) -> Zygote:
        """The zygote `launched` earlier (see `grader.launch`), else one started now: a fresh
        interpreter that never held anything the grader was told."""
        launched = launched or launch()
        return cls(launched.control, launched.process)

    def spawn_child(self, setup: dict[str, Any]) -> tuple[int, socket.socket]:
        """Ask for a new confined child; return its pid and the socket to talk to it."""
        with self._lock:
            self._ask({"op": "spawn", **setup})
            data, fds, _, _ = socket.recv_fds(self._control, REPLY.size, 1)
            while len(data) < REPLY.size:
                more = self._control.recv(REPLY.size - len(data))
                if not more:
                    break
                data += more
        if len(data) != REPLY.size or len(fds) != 1:
            for fd in fds:
                os.close(fd)
            raise OSError("the sandbox zygote did not answer")
        pid, _ = REPLY.unpack(data)
        return pid, socket.socket(fileno=fds[0])

    def reap(self, pid: int, grace: float = 0.0) -> int:
        """Kill the child if it still runs (after `grace` seconds); return its wait status."""
        with self._lock:
            self._ask({"op": "reap", "pid": pid, "grace": grace})
            data = b""
            while len(data) < REPLY.size:
                more = self._control.recv(REPLY.size - len(data))
                if not more:
                    raise OSError("the sandbox zygote stopped")
                data += more
        return int(REPLY.unpack(data)[1])

    def discard(self, pid: int) -> None:
        """Have the child killed and reaped, without waiting for it."""
        with self._lock:
            self._ask({"op": "discard", "pid": pid})

    def _ask(self, request: dict[str, Any]) -> None:
        try:
            self._requests.send(request)
        except wire.WireError as error:  # the zygote is gone: callers handle OSError
            raise OSError(str(error)) from error

    @property
    def pid(self) -> int:
        return self._process if isinstance(self._process, int) else self._process.pid

    def parser(self) -> Parser:
        """What reads learners' files: a parse child of this zygote (made on first use)."""
        with self._lock:
            if self._parser is None:
                from grader.submission.reading import Parser

                self._parser = Parser(self)
            return self._parser

    def close(self) -> None:
        """Stop the zygote; it kills any child still running."""
        self.helpers.close()
        if self._parser is not None:
            self._parser.close()
        self._control.close()
        if isinstance(self._process, int):
            try:
                os.waitpid(self._process, 0)
            except ChildProcessError:
                pass
        else:
            self._process.wait(timeout=10)


def main(fd: int) -> None:
    """Entry point of the zygote's interpreter: it ends without tearing the interpreter down
    (the grader waits for it; nothing of it is worth the time)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    prepared = _warm_up()
    try:
        serve(socket.socket(fileno=fd), prepared)
    finally:
        os._exit(0)


def describe_status(status: int) -> str:
    """Say in words how a child ended, from its wait status."""
    if status < 0:
        return "ended in an unknown way"
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        names: dict[int, str] = {
            signal.SIGSEGV: "a segmentation fault (SIGSEGV)",
            signal.SIGBUS: "a bus error (SIGBUS)",
            signal.SIGABRT: "an abort (SIGABRT)",
            signal.SIGFPE: "a floating-point exception (SIGFPE)",
            signal.SIGILL: "an illegal instruction (SIGILL)",
            signal.SIGXCPU: "the CPU time limit (SIGXCPU)",
            signal.SIGKILL: "SIGKILL",
        }
        name = names.get(number)
        if name is None:
            try:
                name = signal.Signals(number).name
            except ValueError:
                name = f"signal {number}"
        return f"was killed by {name}"
    if os.WIFEXITED(status):
        return f"exited with code {os.WEXITSTATUS(status)}"
    return "ended in an unknown way"

