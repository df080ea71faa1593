"""`check(linear_forward)` in a notebook: grade functions where they are written.

    from grader import check
    check(linear_forward)                    # one function: its week and part are inferred
    check(compute_cost, week="week4")        # or given
    result = check()                         # every graded function the kernel defines
    result.status, result.score, result.checks

`check` is a `Checker`. On first use it starts its grading process (`grader.check_service`, a
fresh interpreter with its own sandbox) and keeps it for the kernel's life, so that later checks
cost what grading costs, not an interpreter's start; it ends with the kernel, or `close()`.
What it sends is text: the cells the kernel ran (`grader.kernel_cells`), never its objects.
The result is a `Checked`: rich HTML in Jupyter, the text report elsewhere.
"""

from __future__ import annotations

import atexit
import json
import os
import select
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict
from typing import IO, Any

from grader.checked import Checked
from grader.errors import ConfigError, DataError, GraderError, SandboxError, SubmissionError
from grader.kernel_cells import (
    Request,
    Source,
    defined_names,
    ipython_shell,
    kernel_request,
    request_data,
)
from grader.sandbox import SandboxLimits

START_SECONDS = 120.0  # an interpreter, numpy and a zygote, on a loaded machine
MAX_REPLY_BYTES = 256 * 1024 * 1024
_ERRORS: dict[str, type[GraderError]] = {
    cls.__name__: cls for cls in (ConfigError, SubmissionError, DataError, SandboxError)}


class Checker:
    """Grades a kernel's functions, as `grade WEEK` would, in a grading process of its own."""

    def __init__(self, *, limits: SandboxLimits | None = None, timeout: float = 600.0,
                 prepare: bool = True) -> None:
        """`limits` apply to the learner's code; `timeout` bounds the wait for one check;
        `prepare`: after the first check, grade each cell that defines a graded function as
        soon as it has run, so that its check finds the result ready."""
        self.limits = limits
        self.timeout = timeout
        self.prepare = prepare
        self._service: _Service | None = None
        self._lock = threading.Lock()
        self._registered = False
        self._shell: Any = None

    def __call__(self, *functions: object, week: str | None = None,
                 part: str | None = None) -> Checked:
        """Grade `functions` (objects or names; none: every graded function defined)."""
        reply = self._ask(kernel_request(functions, week, part))
        self._follow_cells()
        if reply.get("op") == "report":
            from grader.render.json_report import read_week

            return Checked(read_week(reply["week"]))
        kind, message = str(reply.get("kind")), str(reply.get("message"))
        raise _ERRORS.get(kind, GraderError)(message)

    def _ask(self, request: Request) -> dict[str, Any]:
        with self._lock:
            if self._service is None:
                self._service = _Service(self.limits)
                if not self._registered:
                    atexit.register(self.close)
                    self._registered = True
            try:
                return self._service.ask(request, self.timeout)
            except BaseException:  # a timeout, Ctrl-C, a dead process: start afresh next time
                self._service.close()
                self._service = None
                raise

    def _follow_cells(self) -> None:
        """From now on, have each cell that defines a graded function prepared as soon as it
        has run (IPython's post_run_cell event), so that its check finds the report ready."""
        shell = ipython_shell() if self.prepare else None
        if shell is not None and self._shell is None:
            shell.events.register("post_run_cell", self._prepare)
            self._shell = shell

    def _prepare(self, result: Any = None) -> None:
        """Send the grading process the cells as they are now, for the graded functions the
        cell just run defines; no answer is awaited, and none comes."""
        text = getattr(getattr(result, "info", None), "raw_cell", None)
        service = self._service
        if (not self.prepare or service is None or not isinstance(text, str)
                or not self._lock.acquire(False)):
            return
        try:
            names = [name for name in defined_names(text) if name in service.graded]
            if names and getattr(result, "success", True):
                service.send(kernel_request(names, None, None), "prepare")
        except (GraderError, OSError):
            pass  # only a head start: the check itself says what went wrong
        finally:
            self._lock.release()

    @property
    def running(self) -> bool:
        """Whether the grading process is up."""
        return self._service is not None

    def close(self) -> None:
        """Stop the grading process (the next check starts another) and stop following cells."""
        with self._lock:
            if self._shell is not None:
                self._shell.events.unregister("post_run_cell", self._prepare)
                self._shell = None
            if self._service is not None:
                self._service.close()
                self._service = None


class _Service:
    """A running `grader.check_service` and the pipes to it; every wait has a deadline."""

    def __init__(self, limits: SandboxLimits | None) -> None:
        # The process's standard error, read back to say why it stopped; closed in close().
        self.log: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115
        command = [sys.executable, "-m", "grader.check_service"]
        if limits is not None:
            command.append(json.dumps(asdict(limits)))
        try:
            self.process = subprocess.Popen(command, stdin=subprocess.PIPE,
                                            stdout=subprocess.PIPE, stderr=self.log)
        except OSError as error:
            self.log.close()
            raise SandboxError(f"cannot start the grading process: {error}") from error
        self.buffer = bytearray()
        try:
            ready = self.receive(time.monotonic() + START_SECONDS)
            if ready.get("op") != "ready":
                raise SandboxError("the grading process did not start")
        except BaseException:
            self.close()
            raise
        self.graded = frozenset(str(name) for name in ready.get("graded", ()))
        self.sent: dict[Source, int] = {}  # the cells this process has, by their numbers

    def ask(self, request: Request, seconds: float) -> dict[str, Any]:
        self.send(request, "check")
        return self.receive(time.monotonic() + seconds)

    def send(self, request: Request, op: str) -> None:
        assert self.process.stdin is not None
        message = dict(request_data(request, self.sent), op=op)
        try:
            self.process.stdin.write(json.dumps(message).encode() + b"\n")
            self.process.stdin.flush()
        except OSError as error:
            raise SandboxError(f"the grading process stopped{self._why()}") from error

    def receive(self, deadline: float) -> dict[str, Any]:
        assert self.process.stdout is not None
        fd = self.process.stdout.fileno()
        while (end := self.buffer.find(b"\n")) < 0:
            left = deadline - time.monotonic()
            if left <= 0:
                raise SandboxError("the grading process did not answer in time")
            if select.select([fd], [], [], left)[0]:
                chunk = os.read(fd, 1 << 16)
                if not chunk:
                    raise SandboxError(f"the grading process stopped{self._why()}")
                self.buffer += chunk
                if len(self.buffer) > MAX_REPLY_BYTES:
                    raise SandboxError("the grading process sent too much")
        line = bytes(self.buffer[:end])
        del self.buffer[:end + 1]
        try:
            reply = json.loads(line)
        except ValueError as error:
            raise SandboxError(f"the grading process sent something unreadable ({error})") from None
        if not isinstance(reply, dict):
            raise SandboxError("the grading process sent something else than a reply")
        return reply

    def _why(self) -> str:
        self.log.seek(0)
        lines = self.log.read().decode("utf-8", "replace").strip().splitlines()
        return f": {lines[-1][:300]}" if lines else ""

    def close(self) -> None:
        for pipe in (self.process.stdin, self.process.stdout):
            try:
                if pipe is not None:
                    pipe.close()
            except OSError:  # a process that died with a request unread: nothing to flush to
                pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


check = Checker()
"""The kernel's checker: `from grader import check`, then `check(linear_forward)`."""
