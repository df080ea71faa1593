"""The local executor: worker processes, each with its own warm sandbox, behind the
`concurrent.futures.Executor` interface.

`submit(fn, *args)` runs `fn(context, *args)` in a worker, `context` being that worker's
`WorkerContext`. Each worker is a fresh interpreter (`python -m grader.batch.worker`) fed by one
thread of this process; a worker that dies, or takes longer than `job_seconds` on one job, is
killed and replaced, and only that job's future fails (with a `SandboxError`). The other jobs
go on: one broken submission never stops a batch.
"""

from __future__ import annotations

import concurrent.futures as cf
import os
import queue
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from grader.batch import worker
from grader.errors import SandboxError

STARTUP_SECONDS = 120.0
_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])
# Each worker is one busy process: BLAS threads on top of the workers would only fight them.
_THREADS = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}

_Item = tuple[cf.Future[Any], Callable[..., Any], tuple[Any, ...], dict[str, Any]]


class LocalPool(cf.Executor):
    """`workers` grading processes on this machine."""

    def __init__(self, workers: int, *, job_seconds: float = 3600.0) -> None:
        self.workers = max(1, workers)
        self.job_seconds = job_seconds
        self._items: queue.SimpleQueue[_Item | None] = queue.SimpleQueue()
        self._slots = [_Slot(self) for _ in range(self.workers)]
        self._closed = False

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> cf.Future[Any]:
        """Run `fn(context, *args, **kwargs)` on the next free worker."""
        if self._closed:
            raise RuntimeError("cannot submit to a pool that is shut down")
        future: cf.Future[Any] = cf.Future()
        self._items.put((future, fn, args, kwargs))
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Stop the workers once the queued jobs are done; with `wait=False`, stop them now
        (the jobs they were running fail)."""
        if self._closed:
            return
        self._closed = True
        if cancel_futures or not wait:
            while True:
                try:
                    item = self._items.get_nowait()
                except queue.Empty:
                    break
                if item is not None:
                    item[0].cancel()
        for _ in self._slots:
            self._items.put(None)
        if not wait:
            for slot in self._slots:
                slot.kill()
        for slot in self._slots:
            slot.thread.join(timeout=None if wait else 10.0)

    def next_item(self) -> _Item | None:
        return self._items.get()


class _Slot:
    """One worker process, and the thread of this process that feeds it jobs."""

    def __init__(self, pool: LocalPool) -> None:
        self.pool = pool
        self.process: _Process | None = None
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self.serve, name="grade-worker", daemon=True)
        self.thread.start()

    def serve(self) -> None:
        try:
            self._start()  # workers boot side by side, before the first job arrives
        except SandboxError:
            pass  # tried again, and reported, with the first job
        while (item := self.pool.next_item()) is not None:
            future, fn, args, kwargs = item
            if not future.set_running_or_notify_cancel():
                continue
            try:
                result = self._call(fn, args, kwargs)
            except BaseException as error:  # noqa: BLE001 - the job's future carries it
                future.set_exception(error)
            else:
                future.set_result(result)
        self.kill(wait=True)

    def _start(self) -> _Process:
        with self.lock:
            if self.process is None:
                self.process = _Process.start()
            return self.process

    def _call(self, fn: Callable[..., Any], args: tuple[Any, ...],
              kwargs: dict[str, Any]) -> Any:
        process = self._start()
        try:
            worker.send(process.sock, (fn, args, kwargs))
            kind, value = worker.recv(process.sock, time.monotonic() + self.pool.job_seconds)
        except TimeoutError:
            self.kill()
            raise SandboxError(f"the grading worker took more than {self.pool.job_seconds:g} s "
                               "on one submission and was stopped") from None
        except (EOFError, OSError):
            status = self.kill()
            raise SandboxError(f"the grading worker {status} while grading") from None
        if kind == "error":
            raise value
        return value

    def kill(self, wait: bool = False) -> str:
        """End the worker (politely when `wait`: it finishes and exits); say how it ended."""
        with self.lock:
            process, self.process = self.process, None
        return process.stop(polite=wait) if process is not None else "was not running"


class _Process:
    """A running worker process and our end of its socket."""

    def __init__(self, popen: subprocess.Popen[bytes], sock: socket.socket) -> None:
        self.popen, self.sock = popen, sock

    @classmethod
    def start(cls) -> _Process:
        ours, theirs = socket.socketpair()
        path = os.pathsep.join(p for p in (_PACKAGE_ROOT, os.environ.get("PYTHONPATH")) if p)
        try:
            popen = subprocess.Popen(
                [sys.executable, "-m", "grader.batch.worker", str(theirs.fileno())],
                pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL, start_new_session=True,
                env={**os.environ, **_THREADS, "PYTHONPATH": path})
        except OSError as error:
            ours.close()
            raise SandboxError(f"cannot start a grading worker: {error}") from error
        finally:
            theirs.close()
        process = cls(popen, ours)
        try:
            worker.recv(ours, time.monotonic() + STARTUP_SECONDS)
        except (EOFError, TimeoutError, OSError):
            status = process.stop(polite=False)
            raise SandboxError(f"a grading worker {status} while starting") from None
        return process

    def stop(self, *, polite: bool) -> str:
        self.sock.close()
        if not polite:
            self.popen.kill()
        try:
            code = self.popen.wait(timeout=30.0)
        except subprocess.TimeoutExpired:
            self.popen.kill()
            code = self.popen.wait()
        return f"exited with code {code}" if code >= 0 else f"was killed by signal {-code}"
