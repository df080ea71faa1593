"""The sandbox child: loads a learner's code, calls its functions, returns plain data.

Runs only in a process forked from the zygote, after `confine`. It knows nothing of cases,
expected values or verdicts. Requests and replies (see `wire` for the framing):

    load   {modules: [{names, code}], stand_ins: [package], units: [{file, statements:
            [{line, kind, source, code}]}]}
                                  → loading {unit, statement} before each statement that runs
                                    learner code (kind "import" or "code"), then
                                    loaded {skipped, failed, stood_in}
    calls  {function, isolate, draws, calls: [{args, kwargs, seed, legacy}, ...],
            probe?: {module, function, modules}}
                                  → for each call, in order: result {index, ok, value | error,
                                    output, printed, mutated, seconds}
    reset  {}                     → reset {clean, why}: back to the state right after `load`,
                                    or why it cannot be (see `pristine`)
    serve_references {modules, memory_mib}
                                  → this child becomes a helper child instead (see
                                    `reference_child`); sent first, never to a learner's child
    serve_parsing {memory_mib}    → this child becomes a parse child instead (see
                                    `grader.submission.parsing`); sent first, likewise

`code` is the statement compiled by the grader (a `marshal` blob: the grader trusts it, the
child only runs it). While a call runs, an isolated helper is a proxy that sends
`helper {name, args, kwargs, rng}` and waits for `helper_result {value, rng}` or
`helper_error {type, message}`; meanwhile it may be asked `callback {name, args, kwargs, rng}`
(the reference helper calling the function under test, which is the learner's: see
`grader.sandbox.helpers`), which it answers with `callback_result {value, rng}` or
`callback_error {type, message}`. For a helper named in the request's `draws`, `rng` is numpy's
global random state, carried there and back so that a helper drawing random numbers (an
initialisation after `np.random.seed`) draws what it would have drawn in the learner's
process; for the others it is null.
"""

from __future__ import annotations

import builtins
import copy
import importlib.abc
import importlib.util
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
from grader.sandbox.pristine import Pristine
from grader.sandbox.shipped import SAFE_ERRORS, install_modules



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
        self.builtins = dict(vars(builtins))  # restored after each call: learners may rebind them
        self.channel = wire.Channel(sock)
        self.namespace: dict[str, Any] = {"__name__": "__main__", "__builtins__": builtins}
        self.files: set[str] = set()
        self.capture = _Capture(output_limit)
        self.modules: list[str] = []
        self.pristine: Pristine | None = None
        self.current: Any = None  # the function under test, which a call back runs

    def serve(self) -> None:
        sys.stdout = sys.stderr = self.capture
        while True:
            try:
                message, blobs = self.channel.recv()
            except wire.WireClosed:
                return
            op = message.get("op")
            if op == "load":
                install_modules(message.get("modules") or [], blobs)
                stand_ins = _StandInFinder(message.get("stand_ins") or [])
                sys.meta_path.insert(0, stand_ins)
                self.modules += [str(m["names"][0]) for m in message.get("modules") or []]
                reply = self.load(message["units"], blobs)
                reply["stood_in"] = sorted(stand_ins.used)
                self.channel.send(reply)
                self.pristine = self._remember()
            elif op == "calls":
                self.calls(message, blobs)
            elif op == "reset":
                why = (self.pristine.restore() if self.pristine
                       else "its state after loading could not be recorded")
                self.channel.send({"op": "reset", "clean": why is None, "why": why or ""})
            elif op == "serve_references" and not self.files:
                from grader.sandbox import reference_child

                reference_child.serve(self.channel, message, blobs, self.capture)
                return
            elif op == "serve_parsing" and not self.files:
                from grader.submission import parsing

                parsing.serve(self.channel, int(message.get("memory_mib") or 0))
                return
            else:
                return

    # --- load --------------------------------------------------------------------------

    def load(self, units: list[dict[str, Any]], blobs: list[bytes]) -> dict[str, Any]:
        skipped: list[str] = []
        failed: list[dict[str, Any]] = []
        for u, unit in enumerate(units):
            filename = unit["file"]
            self.files.add(filename)
            _remember_lines(filename, unit["statements"])
            for s, statement in enumerate(unit["statements"]):
                if statement["kind"] != "def":  # only what may hang or crash says so
                    self.channel.send({"op": "loading", "unit": u, "statement": s})
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

    def _remember(self) -> Pristine | None:
        try:
            return Pristine(self.namespace, self.modules, inert=(_StandIn,))
        except Exception:  # the learner's state defeats the snapshot: never reuse this child
            return None

    # --- calls ---------------------------------------------------------------------------

    def calls(self, message: dict[str, Any], blobs: list[bytes]) -> None:
        name = message["function"]
        isolate = message.get("isolate") or {}
        draws = {str(name) for name in message.get("draws") or []}
        function = (self._probe(message["probe"], blobs) if message.get("probe")
                    else self.namespace.get(name))
        self.current = function
        parameters = _parameters(function)
        for index, call in enumerate(message["calls"]):
            try:
                reply, out = self.call(name, function, parameters, call, blobs, isolate, draws)
            except Exception as problem:  # the learner broke the child itself; say so
                reply, out = {"op": "result", "ok": False, "error": {
                    "type": "SandboxError", "message": _message(problem), "traceback": []}}, []
            reply["index"] = index
            self.channel.send(reply, out)

    def _probe(self, probe: dict[str, Any], blobs: list[bytes]) -> Callable[..., Any]:
        """Grader code to run on the learner's namespace: `module.function(args, namespace)`."""
        install_modules(probe["modules"], blobs)
        entry = getattr(sys.modules[probe["module"]], probe["function"])
        namespace = self.namespace

        def run(*args: Any) -> Any:
            return entry(args, namespace)

        return run

    def call(self, name: str, function: Any, parameters: list[inspect.Parameter] | None,
             call: dict[str, Any], blobs: list[bytes], isolate: dict[str, str],
             draws: set[str]) -> tuple[dict[str, Any], list[bytes]]:
        if not callable(function):
            return {"op": "result", "ok": False, "error": {
                "type": "NameError", "message": f"{name} is not defined", "traceback": []}}, []
        args = wire.decode(call["args"], blobs)
        kwargs = wire.decode(call["kwargs"], blobs)
        if call.get("legacy"):
            args = _with_legacy(parameters, args, kwargs, wire.decode(call["legacy"], blobs))
        inputs = _named(parameters, args, kwargs)
        before = copy.deepcopy(inputs)
        swapped = self._isolate(isolate, draws)
        if call.get("seed") is not None:
            np.random.seed(call["seed"])
        started = time.perf_counter()
        try:
            value = function(*args, **kwargs)
            error = None
        except BaseException as problem:  # SystemExit and KeyboardInterrupt are results too
            value, error = None, problem
        seconds = time.perf_counter() - started
        restored = vars(builtins)
        restored.clear()  # from here until update(), no builtin name can be looked up
        restored.update(self.builtins)
        sys.stdout = sys.stderr = self.capture
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
        except Exception as problem:  # RecursionError, a hostile __repr__, …
            reply.update(ok=False, error={"type": "OutputError", "message": str(problem),
                                          "traceback": []})
            return reply, []

    def _isolate(self, isolate: dict[str, str], draws: set[str]) -> dict[str, Any]:
        """Put stand-ins for other graded functions in place; return what they replaced."""
        replaced = {}
        for helper, source in isolate.items():
            replaced[helper] = self.namespace.get(helper)
            if source == "reference":
                self.namespace[helper] = self._proxy(helper, helper in draws)
            else:
                module = sys.modules[source.removeprefix("course:")]
                self.namespace[helper] = getattr(module, helper)
        return replaced

    def _proxy(self, name: str, draws: bool) -> Callable[..., Any]:
        channel = self.channel

        def helper(*args: Any, **kwargs: Any) -> Any:
            message, blobs = wire.pack({"op": "helper", "name": name}, args=list(args),
                                       kwargs=kwargs, rng=np.random.get_state() if draws else None)
            channel.send(message, blobs)
            while True:
                reply, reply_blobs = channel.recv()
                if reply.get("op") != "callback":
                    break
                channel.send(*self.callback(reply, reply_blobs))
            if reply.get("op") == "helper_result":
                if draws:
                    np.random.set_state(wire.decode(reply["rng"], reply_blobs))
                return wire.decode(reply["value"], reply_blobs)
            error_type = SAFE_ERRORS.get(str(reply.get("type")), RuntimeError)
            raise error_type(str(reply.get("message", "")))

        helper.__name__ = helper.__qualname__ = name
        return helper

    def callback(self, request: dict[str, Any], blobs: list[bytes]
                 ) -> tuple[dict[str, Any], list[bytes]]:
        """Run the function under test for a reference helper that calls it."""
        try:
            args = wire.decode(request.get("args"), blobs)
            kwargs = wire.decode(request.get("kwargs"), blobs)
            rng = request.get("rng")
            if rng is not None:
                np.random.set_state(wire.decode(rng, blobs))
            value = self.current(*args, **kwargs)
            return wire.pack({"op": "callback_result"}, value=value,
                             rng=None if rng is None else np.random.get_state())
        except BaseException as problem:  # the learner's code may raise anything
            return {"op": "callback_error", "type": type(problem).__name__,
                    "message": _message(problem)}, []

    def _error(self, error: BaseException) -> dict[str, Any]:
        frames = []
        for frame, line in traceback.walk_tb(error.__traceback__):
            filename = frame.f_code.co_filename
            if filename in self.files:
                text = linecache.getline(filename, line).strip()
                frames.append([filename, line, frame.f_code.co_name, text])
        return {"type": type(error).__name__, "message": _message(error), "traceback": frames}


class _StandIn:
    """Whatever a plot or an image library is asked for: another stand-in, doing nothing."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, name: str) -> _StandIn:
        if name.startswith("__"):
            raise AttributeError(name)
        return _StandIn(f"{self._name}.{name}")

    def __call__(self, *args: Any, **kwargs: Any) -> _StandIn:
        return _StandIn(f"{self._name}()")

    def __getitem__(self, key: Any) -> _StandIn:
        return _StandIn(f"{self._name}[]")

    def __setitem__(self, key: Any, value: Any) -> None:
        pass

    def __iter__(self) -> Any:
        return iter(())

    def __enter__(self) -> _StandIn:  # noqa: PYI034 - never subclassed
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def __repr__(self) -> str:
        return f"<stand-in for {self._name}>"


class _StandInModule(types.ModuleType):
    def __getattr__(self, name: str) -> _StandIn:
        if name.startswith("__"):
            raise AttributeError(name)
        return _StandIn(f"{self.__name__}.{name}")


class _StandInFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Import hook: the packages in `roots`, and their submodules, become stand-in modules."""

    def __init__(self, roots: list[str]) -> None:
        self.roots = set(roots)
        self.used: set[str] = set()

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> Any:
        root = fullname.partition(".")[0]
        if root not in self.roots:
            return None
        self.used.add(root)
        return importlib.util.spec_from_loader(fullname, self, is_package=True)

    def create_module(self, spec: Any) -> types.ModuleType:
        return _StandInModule(spec.name)

    def exec_module(self, module: types.ModuleType) -> None:
        pass


def _remember_lines(filename: str, statements: list[dict[str, Any]]) -> None:
    """Give `linecache` the learner's lines, so that tracebacks can quote them."""
    lines: dict[int, str] = {}
    for statement in statements:
        for offset, text in enumerate(statement["source"].splitlines()):
            lines[statement["line"] + offset] = text + "\n"
    body = [lines.get(n, "\n") for n in range(1, max(lines, default=0) + 1)]
    linecache.cache[filename] = (len("".join(body)), None, body, filename)


def _parameters(function: Any) -> list[inspect.Parameter] | None:
    """The function's parameters, once per request; None when it has no signature to read."""
    try:
        return list(inspect.signature(function).parameters.values())
    except Exception:  # not a function, or a learner's object with a hostile __signature__
        return None


def _named(parameters: list[inspect.Parameter] | None, args: list[Any],
           kwargs: dict[str, Any]) -> dict[str, Any]:
    """The call's inputs by parameter name, holding the very objects the function receives."""
    names = [p.name for p in parameters or ()]
    named = {names[i] if i < len(names) else f"argument {i + 1}": arg for i, arg in enumerate(args)}
    named.update(kwargs)
    return named


def _with_legacy(parameters: list[inspect.Parameter] | None, args: list[Any],
                 kwargs: dict[str, Any], legacy: list[Any]) -> list[Any]:
    """Append the legacy arguments that the function's signature still requires."""
    if parameters is None:
        return args
    required = sum(1 for p in parameters
                   if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
                   and p.default is p.empty and p.name not in kwargs)
    return [*args, *legacy[: max(0, required - len(args))]]


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
        same = isinstance(after, np.ndarray) and before.shape == after.shape and (
            (before.dtype == after.dtype and before.tobytes() == after.tobytes())  # most often
            or bool(np.array_equal(before, after, equal_nan=before.dtype.kind in "fc")))
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
