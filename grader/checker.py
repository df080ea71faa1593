"""`check(my_function)` in a notebook: grade functions where they are written.

    from grader import check
    check(my_function)                       # one function: its week and part are inferred
    check(my_function, week="week4")         # or given
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
import threading
from typing import Any

from grader import cell_globals
from grader.check_client import ServiceClient
from grader.checked import Checked
from grader.errors import ConfigError, DataError, GraderError, SandboxError, SubmissionError
from grader.kernel_cells import (Request, Source, defined_names, inert, ipython_shell,
                                 kernel_request, python_text, significant)
from grader.results import WeekReport
from grader.sandbox import SandboxLimits

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
        self._service: ServiceClient | None = None
        self._lock = threading.Lock()
        self._registered = False
        self._shell: Any = None
        # What the kernel's cells are, read once each: inert or not, and what they bind.
        self._inertness: dict[Source, bool] = {}
        self._cells: dict[Source, tuple[cell_globals.Cell, str]] = {}

    def __call__(self, *functions: object, week: str | None = None,
                 part: str | None = None) -> Checked:
        """Grade `functions` (objects or names; none: every graded function defined)."""
        request = kernel_request(functions, week, part)
        reply = self._ask(request)
        self._follow_cells()
        if reply.get("op") == "report":
            from grader.render.json_report import read_week

            return Checked(self._told(read_week(reply["week"]), request))
        kind, message = str(reply.get("kind")), str(reply.get("message"))
        raise _ERRORS.get(kind, GraderError)(message)

    def _ask(self, request: Request) -> dict[str, Any]:
        with self._lock:
            if self._service is None:
                self._service = ServiceClient(self.limits, self._inert)
                if not self._registered:
                    atexit.register(self.close)
                    self._registered = True
            try:
                return self._service.ask(request, self.timeout)
            except BaseException:  # a timeout, Ctrl-C, a dead process: start afresh next time
                self._service.close()
                self._service = None
                raise

    def _told(self, report: WeekReport, request: Request) -> WeekReport:
        """The report, each function told about the global variables it reads (parsed here,
        in the kernel: the learner's own cells in the learner's own process)."""
        read = [self._cell(source) for source in significant(request, self._inert)]
        return cell_globals.told(report, [cell for cell, _ in read],
                                 {cell.label: text for cell, text in read})

    def _inert(self, source: Source) -> bool:
        found = self._inertness.get(source)
        if found is None:
            found = self._inertness[source] = inert(source)
        return found

    def _cell(self, source: Source) -> tuple[cell_globals.Cell, str]:
        found = self._cells.get(source)
        if found is None:
            text = python_text(source) or ""
            found = self._cells[source] = (cell_globals.read_cell(source.label, text), text)
        return found

    def _follow_cells(self) -> None:
        """From now on, have each cell that defines a graded function prepared as soon as it
        has run (IPython's post_run_cell event), so that its check finds the report ready."""
        shell = ipython_shell() if self.prepare else None
        if shell is not None and self._shell is None:
            shell.events.register("post_run_cell", self._prepare)
            self._shell = shell

    def _prepare(self, result: Any = None) -> None:
        """Send the grading process the cells as they are now, for the graded functions the
        cell just run defines (its answer is taken in later, when it has come), and read the
        new cell here for the check's own use (what it binds)."""
        text = getattr(getattr(result, "info", None), "raw_cell", None)
        service = self._service
        if (not self.prepare or service is None or not isinstance(text, str)
                or not self._lock.acquire(False)):
            return
        try:
            service.drain()
            names = [name for name in defined_names(text) if name in service.graded]
            if names and getattr(result, "success", True):
                request = kernel_request(names, None, None)
                service.send(request, "prepare")
                for source in significant(request, self._inert):
                    self._cell(source)
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


check = Checker()
"""The kernel's checker: `from grader import check`, then `check(my_function)`."""
