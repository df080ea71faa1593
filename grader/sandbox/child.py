"""The sandbox child: loads a learner's code, calls its functions, returns plain data.

Runs only in a process forked from the zygote, after `confine`. It knows nothing of cases,
expected values or verdicts. Requests and replies (see `wire` for the framing):

    load   {modules, units: [{file, statements: [{line, kind, source, code}]}]}
                                  → loaded {skipped, failed}
    calls  {function, isolate, calls: [{args, kwargs, seed}, ...]}
                                  → for each call, in order: result {index, ok, value | error,
                                    output, printed, mutated, seconds}

`code` is the statement compiled by the grader (a `marshal` blob: the grader trusts it, the
child only runs it). While a call runs, an isolated helper is a proxy that sends
`helper {name, args, kwargs, rng}` and waits for `helper_result {value, rng}` or
`helper_error {type, message}`. `rng` is numpy's global random state, carried there and back so
that a helper drawing random numbers (an initialisation after `np.random.seed`) draws what it
would have drawn in the learner's process.
"""

from __future__ import annotations

import builtins
import copy
import inspect
import io
import linecache
import marshal
import socket
import sys
import time
import traceback
import types
from collections.abc import Callable
from typing import Any

import numpy as np

from grader.sandbox import wire

_SAFE_ERRORS: dict[str, type[Exception]] = {
    cls.__name__: cls
    for cls in (ValueError, TypeError, KeyError, IndexError, ZeroDivisionError,
                FloatingPointError, AttributeError, ArithmeticError, RuntimeError)
}


class _Capture(io.TextIOBase):
    """Keeps the first `limit` characters printed and counts the rest."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.parts: list[str] = []
        self.kept = 0
        self.total = 0

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        text = str(text)
        self.total += len(text)
        room = self.limit - self.kept
        if room > 0:
            piece = text[:room]
            self.parts.append(piece)
            self.kept += len(piece)
        return len(text)

    def take(self) -> tuple[str, int]:
        text, total = "".join(self.parts), self.total
        self.parts, self.kept, self.total = [], 0, 0
        return text, total


class Session:
    """One learner's namespace and the conversation with the grader about it."""

    def __init__(self, sock: socket.socket, output_limit: int) -> None:
        self.channel = wire.Channel(sock)
        self.namespace: dict[str, Any] = {"__name__": "__main__", "__builtins__": builtins}
        self.files: set[str] = set()
        self.capture = _Capture(output_limit)

    def serve(self) -> None:
        sys.stdout = sys.stderr = self.capture
        while True:
            try:
                message, blobs = self.channel.recv()
            except wire.WireClosed:
                return
            op = message.get("op")
            if op == "load":
                if "modules" in message:
                    course_aliases(message["modules"] or {})
                self.channel.send(self.load(message["units"], blobs))
            elif op == "calls":
                self.calls(message, blobs)
            else:
                return

    # --- load --------------------------------------------------------------------------

    def load(self, units: list[dict[str, Any]], blobs: list[bytes]) -> dict[str, Any]:
        skipped: list[str] = []
        failed: list[dict[str, Any]] = []
        for unit in units:
            filename = unit["file"]
            self.files.add(filename)
            _remember_lines(filename, unit["statements"])
            for statement in unit["statements"]:
                problem = self._run(blobs[statement["code"]])
                if problem is None:
                    continue
                if statement["kind"] == "import" and isinstance(problem, ImportError):
                    skipped.append(f"{statement['source'].strip()}  ({problem})")
                else:
                    failed.append({"file": filename, "line": statement["line"],
                                   "message": _describe(problem)})
        self.capture.take()
        return {"op": "loaded", "skipped": skipped, "failed": failed}

    def _run(self, code: bytes) -> BaseException | None:
        try:
            exec(marshal.loads(code), self.namespace)  # noqa: S102 - the point of the sandbox
        except BaseException as problem:  # a learner's statement may raise anything
            return problem
        return None

    # --- calls ---------------------------------------------------------------------------

    def calls(self, message: dict[str, Any], blobs: list[bytes]) -> None:
        name = message["function"]
        isolate = message.get("isolate") or {}
        for index, call in enumerate(message["calls"]):
            reply, out = self.call(name, call, blobs, isolate)
            reply["index"] = index
            self.channel.send(reply, out)

    def call(self, name: str, call: dict[str, Any], blobs: list[bytes],
             isolate: dict[str, str]) -> tuple[dict[str, Any], list[bytes]]:
        function = self.namespace.get(name)
        if not callable(function):
            return {"op": "result", "ok": False, "error": {
                "type": "NameError", "message": f"{name} is not defined", "traceback": []}}, []
        args = wire.decode(call["args"], blobs)
        kwargs = wire.decode(call["kwargs"], blobs)
        inputs = _named(function, args, kwargs)
        before = copy.deepcopy(inputs)
        swapped = self._isolate(isolate)
        if call.get("seed") is not None:
            np.random.seed(call["seed"])
        started = time.perf_counter()
        try:
            value = function(*args, **kwargs)
            error = None
        except BaseException as problem:  # SystemExit and KeyboardInterrupt are results too
            value, error = None, problem
        seconds = time.perf_counter() - started
        self.namespace.update(swapped)
        output, printed = self.capture.take()
        reply: dict[str, Any] = {
            "op": "result", "ok": error is None, "output": output, "printed": printed,
            "seconds": seconds,
            "mutated": [m for key in inputs for m in _mutations(before[key], inputs[key], key)],
        }
        if error is not None:
            reply["error"] = self._error(error)
            return reply, []
        try:
            return wire.pack(reply, value=value)
        except (wire.WireError, RecursionError, ValueError) as problem:
            reply.update(ok=False, error={"type": "OutputError", "message": str(problem),
                                          "traceback": []})
            return reply, []

    def _isolate(self, isolate: dict[str, str]) -> dict[str, Any]:
        """Put stand-ins for other graded functions in place; return what they replaced."""
        replaced = {}
        for helper, source in isolate.items():
            replaced[helper] = self.namespace.get(helper)
            if source == "reference":
                self.namespace[helper] = self._proxy(helper)
            else:
                module = sys.modules[source.removeprefix("course:")]
                self.namespace[helper] = getattr(module, helper)
        return replaced

    def _proxy(self, name: str) -> Callable[..., Any]:
        channel = self.channel

        def helper(*args: Any, **kwargs: Any) -> Any:
            message, blobs = wire.pack({"op": "helper", "name": name}, args=list(args),
                                       kwargs=kwargs, rng=np.random.get_state())
            channel.send(message, blobs)
            reply, reply_blobs = channel.recv()
            if reply.get("op") == "helper_result":
                np.random.set_state(wire.decode(reply["rng"], reply_blobs))
                return wire.decode(reply["value"], reply_blobs)
            error_type = _SAFE_ERRORS.get(str(reply.get("type")), RuntimeError)
            raise error_type(str(reply.get("message", "")))

        helper.__name__ = helper.__qualname__ = name
        return helper

    def _error(self, error: BaseException) -> dict[str, Any]:
        frames = []
        for frame, line in traceback.walk_tb(error.__traceback__):
            filename = frame.f_code.co_filename
            if filename in self.files:
                text = linecache.getline(filename, line).strip()
                frames.append([filename, line, frame.f_code.co_name, text])
        return {"type": type(error).__name__, "message": _message(error), "traceback": frames}


def _remember_lines(filename: str, statements: list[dict[str, Any]]) -> None:
    """Give `linecache` the learner's lines, so that tracebacks can quote them."""
    lines: dict[int, str] = {}
    for statement in statements:
        for offset, text in enumerate(statement["source"].splitlines()):
            lines[statement["line"] + offset] = text + "\n"
    body = [lines.get(n, "\n") for n in range(1, max(lines, default=0) + 1)]
    linecache.cache[filename] = (len("".join(body)), None, body, filename)


def _named(function: Callable[..., Any], args: list[Any], kwargs: dict[str, Any]) -> dict[str, Any]:
    """The call's inputs by parameter name, holding the very objects the function receives."""
    try:
        names = list(inspect.signature(function).parameters)
    except (TypeError, ValueError):
        names = []
    named = {names[i] if i < len(names) else f"argument {i + 1}": arg for i, arg in enumerate(args)}
    named.update(kwargs)
    return named


def _message(error: BaseException) -> str:
    try:
        text = str(error)
    except BaseException:
        text = "<the exception's message could not be printed>"
    return text[:2000]


def _describe(error: BaseException) -> str:
    if isinstance(error, SyntaxError):
        return f"SyntaxError: {error.msg}"
    return f"{type(error).__name__}: {_message(error)}"


def _mutations(before: Any, after: Any, path: str = "") -> list[str]:
    """Name the parts of the inputs that a call changed in place."""
    if isinstance(before, np.ndarray):
        same = (
            isinstance(after, np.ndarray)
            and before.shape == after.shape
            and bool(np.array_equal(before, after, equal_nan=before.dtype.kind in "fc"))
        )
        return [] if same else [path]
    if isinstance(before, dict) and isinstance(after, dict):
        if before.keys() != after.keys():
            return [path]
        return [m for key in before for m in _mutations(before[key], after[key], f"{path}[{key!r}]")]
    if isinstance(before, (list, tuple)) and isinstance(after, (list, tuple)):
        if len(before) != len(after):
            return [path]
        return [m for i, (b, a) in enumerate(zip(before, after))
                for m in _mutations(b, a, f"{path}[{i}]")]
    return []


def course_aliases(modules: dict[str, str]) -> None:
    """Make the part's course modules importable under their own names, and no other.

    Some course modules hold answers to another part (`dnn_app_utils_v3` finishes every
    step-by-step function): those not given here are unloaded and blocked.
    """
    from grader import course

    for target in set(course.ALIASES.values()) - set(modules.values()):
        sys.modules[target] = None  # type: ignore[assignment]  # `import` now raises
        package, _, name = target.rpartition(".")
        if hasattr(sys.modules.get(package), name):
            delattr(sys.modules[package], name)
    for alias, target in modules.items():
        module = sys.modules.get(target)
        if isinstance(module, types.ModuleType):
            sys.modules[alias] = module
