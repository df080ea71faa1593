"""The Dask executor: the same interface as the local pool, on a Dask `distributed` cluster.

    DaskPool("tcp://scheduler:8786").submit(grade_job, job)   # grade_job(context, job) there

A worker plugin gives every Dask worker one `WorkerContext` when it joins, with its own
sandbox. Dask workers must
run the same version of `grade`, hold the same references (each job checks both), and see the
submissions at the same paths (a shared file system). Needs the optional `dask` extra: import
it through `grader.batch.run.executor`, which says so when it is missing.
"""

from __future__ import annotations

import concurrent.futures as cf
from collections.abc import Callable
from typing import Any, cast

from distributed import Client, WorkerPlugin, get_worker

from grader.batch.job import WorkerContext
from grader.errors import ConfigError

PLUGIN = "grade-worker-context"


class ContextPlugin(WorkerPlugin):
    """Holds a Dask worker's `WorkerContext`, from the worker's setup to its teardown."""

    idempotent = True

    def __init__(self) -> None:
        self.context: WorkerContext | None = None

    def setup(self, worker: Any) -> None:
        self.context = WorkerContext.start()

    def teardown(self, worker: Any) -> None:
        if self.context is not None:
            self.context.close()


def run_with_context(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """On a Dask worker: call `fn` with this worker's context first."""
    plugin = cast(ContextPlugin, get_worker().plugins[PLUGIN])
    return fn(plugin.context, *args, **kwargs)


class DaskPool(cf.Executor):
    """Grading on the Dask cluster whose scheduler is at `address`."""

    def __init__(self, address: str, *, timeout: float = 30.0) -> None:
        try:
            self.client = Client(  # type: ignore[no-untyped-call]
                address, timeout=timeout, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as error:
            raise ConfigError(f"cannot reach the Dask scheduler at {address}: {error}") from error
        try:
            self.client.register_plugin(ContextPlugin(), name=PLUGIN)
            self._executor = self.client.get_executor(  # type: ignore[no-untyped-call]
                pure=False)
        except BaseException:
            self.client.close()  # type: ignore[no-untyped-call]
            raise

    @property
    def workers(self) -> int:
        return len(self.client.scheduler_info().get("workers", {}))

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> cf.Future[Any]:
        """Run `fn(context, *args, **kwargs)` on a Dask worker."""
        future: cf.Future[Any] = self._executor.submit(run_with_context, fn, *args, **kwargs)
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Let go of the cluster (which keeps running for others)."""
        try:
            self._executor.shutdown(wait=wait and not cancel_futures)
        finally:
            self.client.close()  # type: ignore[no-untyped-call]

