"""The grading process behind `check` in a notebook: `python -m grader.check_service [LIMITS]`.

A kernel's `Checker` starts it once, as a fresh interpreter, and keeps it: nothing of the
kernel's state (a patched numpy, a reseeded RNG, the learner's objects) reaches the grading.
It starts its sandbox before loading any reference, then reads one JSON line per message on
standard input, and answers each with one JSON line on standard output:

    ← {"op": "ready", "graded": [names]}                 once the sandbox is up
    → {"op": "check", "sources": [{id, label, text, cell} | {id}], "names": [...],
       "week", "part", "title"}
    ← {"op": "report", "week": {...}}                    the JSON report's week object
    ← {"op": "error", "kind": "ConfigError", "message": "..."}
    → {"op": "prepare", ...the same fields}              grade now, keep the report
    ← {"op": "prepared", "week": {...}}                  (no "week": not graded)

Each cell goes in full once, with a number; after that, its number alone. `prepare` is sent
right after a cell that defines a graded function has run, so that the `check` that follows
finds its report ready (the kernel keeps the prepared reports, see `grader.check_client`, and
`KernelChecks` keeps reports by content). A `prepare` that a later message has overtaken is
answered without a report. The process ends when standard input closes (the kernel ended, or
closed its checker). Anything else written to standard output (a reference that prints) goes
to standard error instead.
"""

from __future__ import annotations

import json
import os
import queue
import signal
import sys
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, TextIO

from grader.errors import GraderError
from grader.sandbox import Sandbox, SandboxLimits

if TYPE_CHECKING:
    from grader.kernel_cells import Source
    from grader.kernel_check import KernelChecks


def serve(requests: TextIO, replies: TextIO, limits: SandboxLimits | None = None) -> None:
    """Answer check requests until `requests` ends."""
    with Sandbox.start(limits) as sandbox:
        from grader.courses.registry import Catalog
        from grader.kernel_check import KernelChecks

        checks: KernelChecks | GraderError
        graded: list[str] = []
        try:  # the courses found from the kernel's folder, the built-in one, the installed ones
            catalog = Catalog.discover()
            checks = KernelChecks(sandbox, catalog)
            graded = sorted({name for week in catalog.names()
                             for name in catalog.week(week).names})
        except GraderError as error:  # said in reply to every request
            checks = error
        _send(replies, {"op": "ready", "graded": graded})
        known: dict[int, Source] = {}  # the kernel's cells, by the number it gave each
        for message, overtaken in _messages(requests):
            if overtaken:  # a later message asks for more: only learn its cells
                _learn(message, known)
                _send(replies, {"op": "prepared"})
                continue
            reply = answer(message, checks, known)
            if message.get("op") == "prepare":
                reply = {"op": "prepared", **({"week": reply["week"]} if "week" in reply
                                              else {})}
            _send(replies, reply)


def answer(message: dict[str, Any], checks: KernelChecks | GraderError,
           known: dict[int, Source] | None = None) -> dict[str, Any]:
    """The reply to one message: a report, or the error that stopped it. Cells sent by
    number are looked up in `known`; those sent in full are added to it."""
    from grader.kernel_cells import read_request
    from grader.render.json_report import week_data

    try:
        if message.get("op") not in ("check", "prepare"):
            return {"op": "error", "kind": "ConfigError", "message": "not a check request"}
        request = read_request(message, known)
        if isinstance(checks, GraderError):
            raise checks
        return {"op": "report", "week": week_data(checks.report(request))}
    except GraderError as error:
        return {"op": "error", "kind": type(error).__name__, "message": str(error)}
    except Exception as error:  # noqa: BLE001  (a bug of the grader: said; the process goes on)
        return {"op": "error", "kind": "internal",
                "message": f"internal error of the grader: {type(error).__name__}: {error}"}


def _learn(message: dict[str, Any], known: dict[int, Source]) -> None:
    from grader.kernel_cells import read_request

    try:
        read_request(message, known)
    except GraderError:
        pass  # said when a message that is answered refers to it


def _messages(requests: TextIO) -> Iterator[tuple[dict[str, Any], bool]]:
    """The messages read from `requests`, in order, each with whether it is a `prepare` that
    a later message has already overtaken. A thread reads them as they come, so the kernel
    never waits to write."""
    lines: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        for line in requests:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=read, name="check-requests", daemon=True).start()
    while (line := lines.get()) is not None:
        message = _parsed(line)
        yield message, message.get("op") == "prepare" and not lines.empty()


def _parsed(line: str) -> dict[str, Any]:
    try:
        message = json.loads(line)
    except json.JSONDecodeError as error:
        return {"op": "unreadable", "error": str(error)}
    return message if isinstance(message, dict) else {"op": "unreadable"}


def _send(replies: TextIO, message: dict[str, Any]) -> None:
    replies.write(json.dumps(message, ensure_ascii=True) + "\n")
    replies.flush()


def main(argv: list[str]) -> None:
    # Interrupting the kernel (Jupyter signals its whole process group) stops the kernel's
    # wait, which then closes this process; a grading under way here is not cut short.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    limits = SandboxLimits(**json.loads(argv[0])) if argv else None
    replies = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)  # whatever else prints goes to standard error, never into a reply
    serve(sys.stdin, replies, limits)


if __name__ == "__main__":
    main(sys.argv[1:])
