"""The kernel's end of the grading process (`grader.check_service`): the pipes, and the answers
it already has.

Every wait has a deadline. Each cell goes in full once, then by its number (`request_data`).
Prepared reports come back as `prepared` replies, read whenever the kernel talks to the process
(`drain`), and kept with the checks' own answers: a check whose request differs from a kept
one only by inert cells (`grader.kernel_cells.inert`: the check cells themselves, prints) is
answered from it, without a round trip, since grading would read exactly the same.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import tempfile
import time
from collections import deque
from dataclasses import asdict
from collections.abc import Callable
from typing import IO, Any

from grader.errors import SandboxError
from grader.kernel_cells import Request, Source, inert, request_data, same_question, significant
from grader.sandbox import SandboxLimits

START_SECONDS = 120.0  # an interpreter, numpy and a zygote, on a loaded machine
MAX_REPLY_BYTES = 256 * 1024 * 1024
KEPT_ANSWERS = 16


class ServiceClient:
    """A running `grader.check_service` and the pipes to it."""

    def __init__(self, limits: SandboxLimits | None,
                 is_inert: Callable[[Source], bool] = inert) -> None:
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
        self.sent: dict[Source, int] = {}  # the cells the process has, by their numbers
        self.preparing: deque[Request] = deque()  # prepares sent, in order, not yet answered
        # (request, the cells grading read of it, answer), oldest first
        self.answers: deque[tuple[Request, tuple[Source, ...], dict[str, Any]]] = deque(
            maxlen=KEPT_ANSWERS)
        self.is_inert = is_inert
        try:
            ready = self._line(time.monotonic() + START_SECONDS)
            if ready is None or ready.get("op") != "ready":
                raise SandboxError("the grading process did not start")
        except BaseException:
            self.close()
            raise
        self.graded = frozenset(str(name) for name in ready.get("graded", ()))

    def ask(self, request: Request, seconds: float) -> dict[str, Any]:
        """The answer to `request`: kept, or asked for (and then kept)."""
        self.drain()
        kept = self.kept(request)
        if kept is not None:
            return kept
        self.send(request, "check")
        deadline = time.monotonic() + seconds
        while True:
            reply = self._line(deadline)
            if reply is not None and not self._took(reply):
                if reply.get("op") == "report":
                    self._keep(request, reply)
                return reply

    def kept(self, request: Request) -> dict[str, Any] | None:
        """A kept answer that grading `request` would give again, if any: one that asked the
        same (`same_question`) of the same `significant` cells."""
        read: tuple[Source, ...] | None = None
        newest_first: list[tuple[Request, tuple[Source, ...], dict[str, Any]]] = (
            list(self.answers)[::-1])
        for asked, asked_read, answer in newest_first:
            if same_question(request, asked, answer["week"]):
                read = significant(request, self.is_inert) if read is None else read
                if read == asked_read:
                    return answer
        return None

    def _keep(self, request: Request, answer: dict[str, Any]) -> None:
        self.answers.append((request, significant(request, self.is_inert), answer))

    def send(self, request: Request, op: str) -> None:
        """Send a `check` or a `prepare`."""
        assert self.process.stdin is not None
        message = dict(request_data(request, self.sent), op=op)
        try:
            self.process.stdin.write(json.dumps(message).encode() + b"\n")
            self.process.stdin.flush()
        except OSError as error:
            raise SandboxError(f"the grading process stopped{self._why()}") from error
        if op == "prepare":
            self.preparing.append(request)

    def drain(self) -> None:
        """Take in the prepared reports that have come, without waiting."""
        while self.preparing and (reply := self._line(None)) is not None:
            if not self._took(reply):
                raise SandboxError("the grading process answered what was not asked")

    def _took(self, reply: dict[str, Any]) -> bool:
        """Keep a `prepared` reply's report; False for any other reply."""
        if reply.get("op") != "prepared" or not self.preparing:
            return False
        request = self.preparing.popleft()
        if isinstance(reply.get("week"), dict):
            self._keep(request, {"op": "report", "week": reply["week"]})
        return True

    def _line(self, deadline: float | None) -> dict[str, Any] | None:
        """The next reply; by `deadline` (SandboxError after), or None now if none has come
        (`deadline` None)."""
        assert self.process.stdout is not None
        fd = self.process.stdout.fileno()
        while (end := self.buffer.find(b"\n")) < 0:
            left = 0.0 if deadline is None else deadline - time.monotonic()
            if left <= 0 and deadline is not None:
                raise SandboxError("the grading process did not answer in time")
            if not select.select([fd], [], [], left)[0]:
                if deadline is None:
                    return None
                continue
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
