"""Run a learner's code in confined child processes and bring back plain data.

    Sandbox ── owns a zygote ──► Child (one learner's code, loaded) ──► CallOutcome

A child grades one function, or several in turn when `Child.reset` can vouch that it is back
to its state right after loading (see `pristine`).

The parent decides every verdict; a child only returns values, decoded by `wire` without pickle.
Every wait has a deadline; a child that hangs, crashes or talks nonsense becomes a `CallOutcome`
that says so, never an exception in the grader.
"""

from __future__ import annotations

import subprocess
import threading
import time
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from grader.errors import SandboxError
from grader.launch import Launched
from grader.sandbox import wire
from grader.sandbox.helpers import Answered, HelperTimeout, Relay, Served
from grader.sandbox.limits import SandboxLimits
from grader.sandbox.shipped import Module
from grader.sandbox.zygote import Zygote, describe_status

@dataclass(frozen=True)
class Frame:
    """One line of a learner's traceback, in their own file or notebook cell."""

    file: str
    line: int
    function: str
    text: str


@dataclass(frozen=True)
class ChildError:
    """An exception raised by the learner's code."""

    type: str
    message: str
    traceback: tuple[Frame, ...] = ()


@dataclass(frozen=True)
class CallOutcome:
    """What one call of a learner's function gave back."""

    value: Any = None
    error: ChildError | None = None
    crash: str | None = None
    output: str = ""
    printed: int = 0
    mutated: tuple[str, ...] = ()
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None and self.crash is None


@dataclass(frozen=True)
class Probe:
    """Grader code to run in a child, on the learner's namespace: `module.function(args,
    namespace)`, with `modules` installed first. Used after the learner's calls, never before."""

    module: str
    function: str
    modules: tuple[Module, ...]


@dataclass(frozen=True)
class Call:
    """One call to make in a child: the inputs, and the global RNG seed to set first.

    `legacy` arguments are appended only when the function's signature requires them.
    """

    args: tuple[Any, ...] | list[Any]
    kwargs: Mapping[str, Any] = field(default_factory=dict)
    seed: int | None = None
    legacy: tuple[Any, ...] = ()


@dataclass(frozen=True)
class LoadOutcome:
    """What happened when the learner's source was loaded into a child."""

    skipped: tuple[str, ...] = ()
    failed: tuple[tuple[str, int, str], ...] = ()
    crash: str | None = None
    culprit: tuple[int, int] | None = None  # (unit, statement) that was running at the crash


@dataclass
class Child:
    """One confined process holding one learner's namespace."""

    sandbox: Sandbox
    pid: int
    channel: wire.Channel
    protections: tuple[str, ...] = ()
    dead: str | None = None
    _closed: bool = field(default=False, repr=False)

    def load(self, units: list[dict[str, Any]], blobs: list[bytes],
             modules: list[dict[str, Any]], stand_ins: tuple[str, ...] = ()) -> LoadOutcome:
        """Install the course `modules` ({names, code: blob index}) and stand-ins for the
        packages `stand_ins`, then run the learner's kept statements (`units`, their code in
        `blobs`)."""
        if self.dead:
            return LoadOutcome(crash=self.dead)
        limit = self.sandbox.limits.seconds_per_call
        at: tuple[int, int] | None = None
        try:
            self.channel.send({"op": "load", "units": units, "modules": modules,
                               "stand_ins": list(stand_ins)}, blobs)
            while True:  # each statement gets the time limit of a call
                reply, _ = self._recv(time.monotonic() + limit)
                if reply.get("op") != "loading":
                    break
                at = _position(reply, units)
            if reply.get("op") != "loaded":
                raise wire.WireError("unexpected message while loading")
            failed = tuple((str(f["file"])[:300], int(f["line"]), str(f["message"])[:2000])
                           for f in reply.get("failed", [])[:200])
            skipped = tuple(str(s)[:300] for s in reply.get("skipped", [])[:200]) + tuple(
                f"import {str(name)[:100]}: replaced by a stand-in (plots, pictures and data "
                "files are not graded)" for name in reply.get("stood_in", [])[:20])
        except (TypeError, ValueError, KeyError, IndexError, AttributeError) as error:
            crash = self._ended(wire.WireError(str(error)), "while loading your code")
            return LoadOutcome(crash=crash, culprit=at)
        except wire.WireError as error:
            return LoadOutcome(crash=self._ended(error, "while loading your code"), culprit=at)
        return LoadOutcome(skipped, failed)

    def calls(
        self,
        function: str,
        calls: list[Call],
        *,
        isolate: Mapping[str, str] | None = None,
        draws: Collection[str] = (),
        served: Served | None = None,
        under: Collection[str] = (),
        seconds: float | None = None,
        probe: Probe | None = None,
        meanwhile: Callable[[], object] | None = None,
    ) -> list[CallOutcome]:
        """Call `function` once per `Call`, in order; serve helper requests; never raise.

        The names in `isolate` mapped to "reference" are served by a helper child holding
        `served` (see `helpers`), those in `draws` with the child's random state carried there
        and back; inside a served helper, the names in `under` (the function under test, by
        default `function`) are the learner's. With a `probe`, the function called is the
        probe's, given each call's arguments as one tuple and the learner's namespace.
        `meanwhile` runs here once the calls are sent, while the child works (the references'
        own answers, say).

        Each call gets the time limit (`seconds`, else the sandbox's), counted from the end of
        the call before it. When the child dies, the call it was in says why and the calls
        after it were not run.
        """
        if self.dead:
            return [CallOutcome(crash=self.dead) for _ in calls]
        limit = seconds or self.sandbox.limits.seconds_per_call
        blobs: list[bytes] = []
        requests = [{"args": wire.encode(list(c.args), blobs),
                     "kwargs": wire.encode(dict(c.kwargs), blobs), "seed": c.seed,
                     "legacy": wire.encode(list(c.legacy), blobs)} for c in calls]
        outcomes: list[CallOutcome | None] = [None] * len(calls)
        current = 0
        message: dict[str, Any] = {"op": "calls", "function": function,
                                   "isolate": dict(isolate or {}), "draws": sorted(draws),
                                   "calls": requests}
        if probe is not None:
            message["probe"] = {"module": probe.module, "function": probe.function,
                                "modules": [m.wire(blobs) for m in probe.modules]}
        relay = Relay(self.channel, served, self.sandbox.zygote, self.sandbox.limits,
                      allowed=[n for n, s in (isolate or {}).items() if s == "reference"],
                      draws=draws, under=under or (function,))
        try:
            self.channel.send(message, blobs)
            if meanwhile is not None:
                meanwhile()
            deadline = time.monotonic() + limit
            while current < len(calls):
                reply, reply_blobs = self._recv(deadline)
                op = reply.get("op")
                if op == "helper":
                    relay.serve(reply, reply_blobs, deadline)
                elif op == "result" and reply.get("index") == current:
                    outcomes[current] = self._outcome(reply, reply_blobs)
                    current += 1
                    deadline = time.monotonic() + limit
                else:
                    raise wire.WireError("unexpected message")
        except wire.WireError as error:
            reason = self._ended(error, "during the call", limit)
            outcomes[current] = CallOutcome(crash=reason)
            for later in range(current + 1, len(calls)):
                outcomes[later] = CallOutcome(crash=f"not run: an earlier case ended the "
                                                    f"process ({reason})")
        finally:
            relay.finish()
        return [o if o is not None else CallOutcome(crash="not run") for o in outcomes]

    def reset(self) -> str | None:
        """Bring the child back to its state right after `load`, to grade another function:
        None when done; otherwise why it cannot be, and the child is closed."""
        why = self.dead
        if why is None:
            try:
                self.channel.send({"op": "reset"})
                reply, _ = self._recv(time.monotonic() + self.sandbox.limits.seconds_per_call)
                if reply.get("op") != "reset":
                    raise wire.WireError("unexpected message")
                why = None if reply.get("clean") is True else str(reply.get("why", ""))[:300]
            except wire.WireError as error:
                why = self._ended(error, "while being reset")
        if why is not None:
            self.close()
        return why

    def _recv(self, deadline: float) -> tuple[dict[str, Any], list[bytes]]:
        return self.channel.recv(deadline=deadline,
                                 max_bytes=self.sandbox.limits.max_message_mib * 1024 * 1024)

    def _outcome(self, reply: dict[str, Any], blobs: list[bytes]) -> CallOutcome:
        """Read a result; anything malformed is a `WireError`, never a crash of the grader."""
        try:
            common: dict[str, Any] = {
                "output": str(reply.get("output", ""))[: self.sandbox.limits.output_kib * 1024],
                "printed": int(reply.get("printed", 0)),
                "mutated": tuple(str(m)[:200] for m in reply.get("mutated", [])[:50]),
                "seconds": float(reply.get("seconds", 0.0)),
            }
            if reply.get("ok") is True:
                return CallOutcome(value=wire.decode(reply.get("value"), blobs), **common)
            error = reply["error"]
            frames = tuple(Frame(str(f[0]), int(f[1]), str(f[2]), str(f[3])[:300])
                           for f in error.get("traceback", [])[:50])
            kind, message = str(error["type"])[:100], str(error.get("message", ""))[:2000]
            if kind == "MemoryError":
                limit = self.sandbox.limits.memory_mib
                message = f"exceeded the memory limit of {limit} MiB" + (
                    f" ({message})" if message else "")
            return CallOutcome(error=ChildError(kind, message, frames), **common)
        except (TypeError, ValueError, KeyError, IndexError, AttributeError) as problem:
            raise wire.WireError(f"malformed result: {problem}") from problem

    def _ended(self, error: wire.WireError, when: str, limit: float | None = None) -> str:
        limit = limit or self.sandbox.limits.seconds_per_call
        if isinstance(error, wire.WireTimeout):
            self._reap()
            reason = f"exceeded the time limit of {limit:g} s {when}"
            if isinstance(error, HelperTimeout):
                reason += f", {error.detail}"
        elif isinstance(error, wire.WireClosed):
            status = self._reap(grace=1.0)
            reason = f"the process running your code {describe_status(status)} {when}"
        else:
            self._reap()
            reason = f"your code sent something the grader cannot read ({error})"
        self.dead = reason
        self._closed = True
        self.channel.close()
        return reason

    def _reap(self, grace: float = 0.0) -> int:
        """Have the zygote end the child; its wait status (-1 when the zygote is gone too)."""
        try:
            return self.sandbox.zygote.reap(self.pid, grace)
        except OSError:
            return -1

    def close(self) -> None:
        """End the child (idempotent)."""
        if self._closed:
            return
        self._closed = True
        self.dead = self.dead or "the process running your code was closed by the grader"
        self.channel.close()
        try:
            self.sandbox.zygote.discard(self.pid)
        except OSError:  # the zygote is gone, and its children with it
            pass


def _position(reply: dict[str, Any], units: list[dict[str, Any]]) -> tuple[int, int]:
    """The (unit, statement) a `loading` frame names, checked against what was sent."""
    unit, statement = reply.get("unit"), reply.get("statement")
    if not (type(unit) is int and type(statement) is int and 0 <= unit < len(units)
            and 0 <= statement < len(units[unit]["statements"])):
        raise wire.WireError("a loading frame names no statement that was sent")
    return unit, statement


class Sandbox:
    """Children on demand, each confined, each forked from one warm zygote."""

    def __init__(self, zygote: Zygote, limits: SandboxLimits) -> None:
        self.zygote = zygote
        self.limits = limits
        self._restart_lock = threading.Lock()

    @classmethod
    def start(cls, limits: SandboxLimits | None = None,
              launched: Launched | None = None) -> Sandbox:
        """Start a zygote (a fresh interpreter, which warms up while the caller goes on), or
        take the one `launched` earlier (`grader.launch`)."""
        try:
            zygote = Zygote.spawn(launched)
        except OSError as error:
            raise SandboxError(f"cannot start the sandbox: {error}") from error
        return cls(zygote, limits or SandboxLimits())

    def open(self) -> Child:
        """A new confined child, ready to load a learner's code."""
        setup = {"memory": self.limits.memory_mib * 1024 * 1024,
                 "cpu": self.limits.cpu_seconds, "output": self.limits.output_kib * 1024}
        try:
            pid, sock = self.zygote.spawn_child(setup)
        except OSError:
            try:
                pid, sock = self._restart().spawn_child(setup)
            except OSError as error:
                raise SandboxError(f"the sandbox could not start a child: {error}") from error
        child = Child(self, pid, wire.Channel(sock))
        try:
            ready, _ = child._recv(time.monotonic() + 10.0)
            child.protections = tuple(str(p)[:100] for p in ready.get("protections", [])[:20])
        except (wire.WireError, TypeError) as error:
            child._ended(wire.WireError(str(error)), "while starting")
        return child

    def _restart(self) -> Zygote:
        """Replace a zygote that stopped answering (never expected; kept as a safety net) with a
        fresh interpreter, which is clean whatever this process has loaded since."""
        with self._restart_lock:
            dead, self.zygote = self.zygote, Zygote.spawn()
        try:
            dead.close()
        except (OSError, subprocess.TimeoutExpired):
            pass
        return self.zygote

    def close(self) -> None:
        self.zygote.close()

    def __enter__(self) -> Sandbox:  # noqa: PYI034 - never subclassed
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = ["Answered", "Call", "CallOutcome", "Child", "ChildError", "Frame", "LoadOutcome",
           "Module", "Probe", "Sandbox", "SandboxLimits", "Served"]
