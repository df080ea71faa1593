"""Reference helpers for a learner's code, computed in confined children of their own.

A graded function may call others (its spec's `helpers`): the learner's code then gets the
reference's versions, so that one mistake costs points once. Those calls run reference code on
the learner's arguments: that is the learner's computation, so it runs under the learner's
limits, in a *helper child*: a child of the same zygote, confined the same way, holding the
part's reference module and the course modules it imports (shipped as compiled code), and never
any learner code. The grader relays each request from the learner's child to a helper child and
the reply back; it never runs reference code on a learner's arguments itself, and never reads
what a reference prints.

Inside a served helper, the function under test is the learner's own: for each request its
names are bound to a proxy that calls back into the learner's child. No helper can compute the
function under test for the learner; a delegation cycle recurses in the learner's code until it
ends as an error.

    learner child ─ helper {name, args, kwargs, rng} ─► grader ─ helper {…, under} ─► helper child
                  ◄─ callback {name, args, kwargs, rng} ─────────────────────────────  (under test)
                  ─ callback_result | callback_error (or a nested helper request) ─►
                  ◄─ helper_result {value, rng, cpu} | helper_error {type, message} ─

Replies to requests seen before are kept (`Answered`), for helpers that draw no random numbers
and replies that needed no call back.
"""

from __future__ import annotations

import hashlib
import json
import socket
import threading
import time
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from grader.sandbox import wire

if TYPE_CHECKING:
    from grader.sandbox.limits import SandboxLimits
    from grader.sandbox.shipped import Module

MAX_DEPTH = 16  # helper → the learner's function → helper …: deeper than this is refused
IDLE = 2  # helper children kept per reference module and limits


class Answered:
    """Replies to helper requests, kept by the exact bytes of the request, for helpers that
    draw no random numbers: such a helper (a reference) gives the same reply to the same
    request, and a class's correct submissions send the same requests again and again.
    Bounded: everything is forgotten when the replies kept exceed `max_bytes`."""

    def __init__(self, max_bytes: int = 8 << 20) -> None:
        self.max_bytes = max_bytes
        self._replies: dict[bytes, tuple[dict[str, Any], list[bytes]]] = {}
        self._bytes = 0
        self._lock = threading.Lock()

    @staticmethod
    def key(request: dict[str, Any], blobs: list[bytes], under: Collection[str] = ()) -> bytes:
        digest = hashlib.blake2b(json.dumps(
            [request.get("name"), request.get("args"), request.get("kwargs"), sorted(under),
             [len(blob) for blob in blobs]], sort_keys=True).encode())
        for blob in blobs:
            digest.update(blob)
        return digest.digest()

    def get(self, key: bytes) -> tuple[dict[str, Any], list[bytes]] | None:
        with self._lock:
            return self._replies.get(key)

    def put(self, key: bytes, message: dict[str, Any], blobs: list[bytes]) -> None:
        size = sum(map(len, blobs)) + 256
        with self._lock:
            if self._bytes + size > self.max_bytes:
                self._replies, self._bytes = {}, 0
            self._replies[key] = (message, blobs)
            self._bytes += size


@dataclass(frozen=True, eq=False)
class Served:
    """Reference code a learner's calls may ask for: the modules a helper child installs (the
    reference module last, named `reference`), a key naming that code, and the replies kept."""

    key: str
    modules: tuple[Module, ...]
    answered: Answered = field(default_factory=Answered)

    @classmethod
    def of(cls, modules: tuple[Module, ...]) -> Served:
        digest = hashlib.blake2b(digest_size=16)
        for module in modules:
            digest.update(repr(module.names).encode())
            digest.update(module.code)
        return cls(digest.hexdigest(), modules)


class Spawner(Protocol):
    """What forks the children (the zygote): helper children kept for later, in `helpers`."""

    helpers: HelperPool

    def spawn_child(self, setup: dict[str, Any]) -> tuple[int, socket.socket]: ...

    def discard(self, pid: int) -> None: ...


class ServiceFailed(Exception):
    """A service child (a helper or parse child) could not start or answer."""


@dataclass
class ServiceChild:
    """A confined child serving the grader (reference helpers, parsing) instead of holding a
    learner's code: started by `start_service`, which sends its first request."""

    pid: int
    channel: wire.Channel
    zygote: Spawner
    cpu: float = 0.0
    busy: bool = False  # inside a request: not reusable if left like this

    def close(self) -> None:
        self.channel.close()
        try:
            self.zygote.discard(self.pid)
        except OSError:  # the zygote is gone, and its children with it
            pass


class HelperPool:
    """The idle helper children of one zygote, by reference module and limits."""

    def __init__(self) -> None:
        self._idle: dict[tuple[str, SandboxLimits], list[ServiceChild]] = {}
        self._lock = threading.Lock()
        self._closed = False

    def borrow(self, served: Served, limits: SandboxLimits, zygote: Spawner) -> ServiceChild:
        """An idle helper child for `served` under `limits`, or a new one."""
        with self._lock:
            idle = self._idle.get((served.key, limits), [])
            if idle:
                return idle.pop()
        return _start(served, limits, zygote)

    def give_back(self, served: Served, limits: SandboxLimits, helper: ServiceChild) -> None:
        """Keep `helper` for the next request, unless it is spent, mid-request or in excess."""
        spent = helper.busy or helper.cpu > limits.cpu_seconds / 2
        with self._lock:
            idle = self._idle.setdefault((served.key, limits), [])
            if not spent and not self._closed and len(idle) < IDLE:
                idle.append(helper)
                return
        helper.close()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, {}
        for helpers in idle.values():
            for helper in helpers:
                helper.channel.close()


def _start(served: Served, limits: SandboxLimits, zygote: Spawner) -> ServiceChild:
    blobs: list[bytes] = []
    message = {"op": "serve_references", "memory_mib": limits.memory_mib,
               "modules": [m.wire(blobs) for m in served.modules]}
    return start_service(zygote, limits, message, blobs, "the reference helpers")


def start_service(zygote: Spawner, limits: SandboxLimits, message: dict[str, Any],
                  blobs: list[bytes], what: str) -> ServiceChild:
    """A new child of `zygote` under `limits`, turned into a service child by `message`."""
    setup = {"memory": limits.memory_mib * 1024 * 1024, "cpu": limits.cpu_seconds,
             "output": limits.output_kib * 1024}
    try:
        pid, sock = zygote.spawn_child(setup)
    except OSError as error:
        raise ServiceFailed(f"the grader could not start a process for {what} ({error})"
                            ) from error
    service = ServiceChild(pid, wire.Channel(sock), zygote)
    try:
        service.channel.recv(deadline=time.monotonic() + 10.0)  # "ready"
        service.channel.send(message, blobs)
        reply, _ = service.channel.recv(deadline=time.monotonic() + 10.0)
        if reply.get("op") != "serving":
            raise wire.WireError(str(reply.get("why", "unexpected reply"))[:300])
    except wire.WireError as error:
        service.close()
        raise ServiceFailed(f"{what} could not be started ({error})") from error
    return service


class HelperTimeout(wire.WireTimeout):
    """The call's time ran out while a helper child worked on the learner's arguments."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


def _text(value: Any, limit: int) -> str:
    return str(value)[:limit]


def _reply(message: dict[str, Any]) -> dict[str, Any]:
    """A helper's or a callback's reply with only the fields the other side reads."""
    op = message.get("op")
    if op in ("helper_result", "callback_result"):
        return {"op": op, "value": message.get("value"), "rng": message.get("rng")}
    return {"op": op, "type": _text(message.get("type"), 100),
            "message": _text(message.get("message", ""), 2000)}


class Relay:
    """Serves the helper requests of one `Child.calls`: relays each to a helper child (borrowed
    on the first request, given back at the end) and the reply to the learner's child, with the
    calls back into the learner's function in between. Every wait ends by the call's deadline."""

    def __init__(self, learner: wire.Channel, served: Served | None, zygote: Spawner,
                 limits: SandboxLimits, *, allowed: Collection[str], draws: Collection[str],
                 under: Collection[str]) -> None:
        self.learner, self.served = learner, served
        self.zygote, self.limits, self.pool = zygote, limits, zygote.helpers
        self.allowed, self.draws, self.under = set(allowed), set(draws), sorted(under)
        self.helper: ServiceChild | None = None
        self.max_bytes = self.limits.max_message_mib * 1024 * 1024

    def serve(self, request: dict[str, Any], blobs: list[bytes], deadline: float,
              depth: int = 0) -> None:
        """Answer one helper request of the learner's child (raise `WireError` only for what
        the learner's child sent or failed to send)."""
        name = _text(request.get("name"), 200)
        if name not in self.allowed or self.served is None:
            return self._refuse("RuntimeError", f"{name} is not available here")
        key = None
        if name not in self.draws:
            key = Answered.key(request, blobs, self.under)
            kept = self.served.answered.get(key)
            if kept is not None:
                return self.learner.send(*kept)
        if depth >= MAX_DEPTH:
            return self._refuse("RecursionError", f"{name} and your function called each "
                                                  f"other more than {MAX_DEPTH} levels deep")
        try:
            helper = self._helper()
            helper.busy = True
            helper.channel.send({"op": "helper", "name": name, "args": request.get("args"),
                                 "kwargs": request.get("kwargs"),
                                 "rng": request.get("rng") if name in self.draws else None,
                                 "under": self.under}, blobs)
        except (ServiceFailed, wire.WireError) as error:
            self._retire()
            return self._refuse("RuntimeError", f"the reference {name} your function was "
                                                f"given could not run ({error})")
        self._await(helper, name, request, blobs, key, deadline, depth)

    def _await(self, helper: ServiceChild, name: str, request: dict[str, Any],
               blobs: list[bytes], key: bytes | None, deadline: float, depth: int) -> None:
        called_back = False
        while True:
            try:
                reply, reply_blobs = helper.channel.recv(deadline=deadline,
                                                         max_bytes=self.max_bytes)
            except wire.WireTimeout:
                self._retire()
                raise HelperTimeout(f"while the reference {name} your function was given ran "
                                    f"on {wire.describe(request, blobs)}") from None
            except wire.WireError as error:
                self._retire()
                return self._refuse("RuntimeError", f"the reference {name} your function "
                                                    f"was given stopped ({error})")
            op = reply.get("op")
            if op in ("helper_result", "helper_error"):
                helper.busy = False
                cpu = reply.get("cpu")
                helper.cpu = float(cpu) if isinstance(cpu, (int, float)) else helper.cpu
                message = _reply(reply)
                if key is not None and not called_back and self.served is not None:
                    self.served.answered.put(key, message, reply_blobs)
                return self.learner.send(message, reply_blobs)
            if op != "callback":
                self._retire()
                return self._refuse("RuntimeError", f"the reference {name} your function was "
                                                    "given sent something unexpected")
            called_back = True
            self.learner.send({"op": "callback", "name": _text(reply.get("name"), 200),
                               "args": reply.get("args"), "kwargs": reply.get("kwargs"),
                               "rng": reply.get("rng")}, reply_blobs)
            answer, answer_blobs = self._callback_answer(deadline, depth)
            try:
                helper.channel.send(answer, answer_blobs)
            except wire.WireError:
                pass  # the helper child died: its next receive says so

    def _callback_answer(self, deadline: float, depth: int) -> tuple[dict[str, Any],
                                                                     list[bytes]]:
        """The learner's answer to a call back, serving the helper requests it makes first."""
        while True:
            answer, blobs = self.learner.recv(deadline=deadline, max_bytes=self.max_bytes)
            op = answer.get("op")
            if op == "helper":
                self.serve(answer, blobs, deadline, depth + 1)
            elif op in ("callback_result", "callback_error"):
                return _reply(answer), blobs
            else:
                raise wire.WireError("unexpected message during a call back")

    def _refuse(self, kind: str, message: str) -> None:
        self.learner.send({"op": "helper_error", "type": kind, "message": message})

    def _helper(self) -> ServiceChild:
        if self.helper is None:
            assert self.served is not None
            self.helper = self.pool.borrow(self.served, self.limits, self.zygote)
        return self.helper

    def _retire(self) -> None:
        if self.helper is not None:
            helper, self.helper = self.helper, None
            helper.close()

    def finish(self) -> None:
        """Give the helper child back (kept only if it ended its requests cleanly)."""
        if self.helper is not None and self.served is not None:
            helper, self.helper = self.helper, None
            self.pool.give_back(self.served, self.limits, helper)
