"""A helper child: a confined child that answers reference-helper requests, and nothing else.

It becomes one on its first request (`serve_references {modules, memory_mib}`), installs the
shipped modules (the part's course modules, then its reference module as `reference`) and
answers, one at a time:

    helper {name, args, kwargs, rng, under}  →  helper_result {value, rng, cpu}
                                             |  helper_error {type, message, cpu}

It never runs a learner's code itself: while it answers, every module it installed sees the
names in `under` (the function under test) bound to a proxy that asks the learner's child
(`callback {name, args, kwargs, rng}`, answered by `callback_result` or `callback_error`, after
any helper requests the learner's function makes meanwhile, answered here in turn). What
a reference prints is discarded. A request that runs out of memory is answered, with the
arguments that did it; one that runs out of time is killed by the grader.
"""

from __future__ import annotations

import os
import sys
import types
from collections.abc import Callable
from typing import Any

import numpy as np

from grader.sandbox import wire
from grader.sandbox.shipped import SAFE_ERRORS, install_modules


def serve(channel: wire.Channel, message: dict[str, Any], blobs: list[bytes],
          capture: Any) -> None:
    """Install the reference and answer helper requests until the grader closes the socket."""
    names = [str(spec["names"][0]) for spec in message.get("modules") or []]
    try:
        install_modules(message.get("modules") or [], blobs)
        modules = [sys.modules[name] for name in names]
        reference = sys.modules["reference"]
    except Exception as problem:
        channel.send({"op": "failed", "why": f"{type(problem).__name__}: {problem}"})
        return
    memory = int(message.get("memory_mib") or 0)
    channel.send({"op": "serving"})
    answering = _Answering(channel, reference, modules, memory)
    while True:
        try:
            request, request_blobs = channel.recv()
        except wire.WireError:
            return
        if request.get("op") != "helper":
            return
        reply, out = answering.answer(request, request_blobs)
        capture.take()  # what the reference printed is nobody's output
        times = os.times()
        reply["cpu"] = times.user + times.system
        channel.send(reply, out)


class _Answering:
    def __init__(self, channel: wire.Channel, reference: types.ModuleType,
                 modules: list[types.ModuleType], memory_mib: int) -> None:
        self.channel, self.reference, self.modules = channel, reference, modules
        self.memory_mib = memory_mib

    def answer(self, request: dict[str, Any], blobs: list[bytes]
               ) -> tuple[dict[str, Any], list[bytes]]:
        name = str(request.get("name"))
        where = f"the reference {name} your function was given"
        function = getattr(self.reference, name, None)
        if name.startswith("_") or not callable(function):
            return _error("RuntimeError", f"{name} is not available here")
        try:
            args = wire.decode(request.get("args"), blobs)
            kwargs = wire.decode(request.get("kwargs"), blobs)
            if not isinstance(args, list) or not isinstance(kwargs, dict):
                raise wire.WireError("malformed helper request")
            rng = request.get("rng")
            if rng is not None:
                np.random.set_state(wire.decode(rng, blobs))
        except (wire.WireError, ValueError, TypeError) as problem:
            return _error("RuntimeError", f"{where} could not read its arguments ({problem})")
        except MemoryError:
            return _error("MemoryError", self._memory(where, request, blobs))
        under = [str(n) for n in request.get("under") or []]
        try:
            with _Rebound(self.modules, under, self._caller(rng is not None)), \
                    np.errstate(all="ignore"):
                value = function(*args, **kwargs)
            return wire.pack({"op": "helper_result"}, value=value,
                             rng=None if rng is None else np.random.get_state())
        except MemoryError:
            return _error("MemoryError", self._memory(where, request, blobs))
        except RecursionError:
            return _error("RecursionError", f"{where} recursed too deeply (did your function "
                                            f"call it, and it your function, without end?)")
        except Exception as problem:
            return _error(type(problem).__name__, f"{_text(problem)} (raised by {where})")

    def _memory(self, where: str, request: dict[str, Any], blobs: list[bytes]) -> str:
        return (f"{where} needed more than the memory limit of {self.memory_mib} MiB on "
                f"{wire.describe(request, blobs)}")

    def _caller(self, carry_rng: bool) -> Callable[[str], Callable[..., Any]]:
        """Proxies for the function under test, which ask the learner's child to run it."""
        channel = self.channel

        def proxy_for(name: str) -> Callable[..., Any]:
            def learners(*args: Any, **kwargs: Any) -> Any:
                message, out = wire.pack({"op": "callback", "name": name}, args=list(args),
                                         kwargs=kwargs,
                                         rng=np.random.get_state() if carry_rng else None)
                channel.send(message, out)
                while True:  # the learner's function may ask for helpers before it answers
                    reply, reply_blobs = channel.recv()
                    if reply.get("op") != "helper":
                        break
                    channel.send(*self.answer(reply, reply_blobs))
                if reply.get("op") == "callback_result":
                    if carry_rng and reply.get("rng") is not None:
                        np.random.set_state(wire.decode(reply["rng"], reply_blobs))
                    return wire.decode(reply.get("value"), reply_blobs)
                kind = SAFE_ERRORS.get(str(reply.get("type")), RuntimeError)
                raise kind(f"your {name} raised {reply.get('type')}: "
                           f"{str(reply.get('message', ''))[:500]}")

            learners.__name__ = learners.__qualname__ = name
            return learners

        return proxy_for


class _Rebound:
    """For one request: the names of the function under test, in every installed module that
    has them, bound to the learner's (through proxies); put back afterwards."""

    def __init__(self, modules: list[types.ModuleType], names: list[str],
                 proxy_for: Callable[[str], Callable[..., Any]]) -> None:
        self.saved = [(module, name, module.__dict__[name]) for module in modules
                      for name in names if name in module.__dict__]
        self.proxy_for = proxy_for

    def __enter__(self) -> None:
        for module, name, _ in self.saved:
            module.__dict__[name] = self.proxy_for(name)

    def __exit__(self, *exc: object) -> None:
        for module, name, original in self.saved:
            module.__dict__[name] = original


def _text(problem: BaseException) -> str:
    try:
        return str(problem)[:1500]
    except Exception:
        return type(problem).__name__


def _error(kind: str, message: str) -> tuple[dict[str, Any], list[bytes]]:
    return {"op": "helper_error", "type": kind[:100], "message": message[:2000]}, []
