"""The local pool: an Executor of worker processes; a lost worker costs one job, not the batch."""

from __future__ import annotations

import concurrent.futures as cf
import os
import time
from pathlib import Path

import pytest

from grader.batch.pool import LocalPool
from grader.errors import SandboxError

HERE = str(Path(__file__).resolve().parent)


# Run in the workers: each gets the worker's context first.
def whoami(context: object, tag: str) -> tuple[str, int, bool]:
    return tag, os.getpid(), context.sandbox is not None  # type: ignore[attr-defined]


def die(context: object) -> None:
    os._exit(7)


def nap(context: object, seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def refuse(context: object) -> None:
    raise ValueError("refused on purpose")


@pytest.fixture()
def importable(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let the workers import this module, to find the functions above."""
    monkeypatch.setenv("PYTHONPATH", HERE)


def test_jobs_run_on_several_warm_workers(importable: None) -> None:
    with LocalPool(2) as pool:
        results = list(pool.map(whoami, [f"job {i}" for i in range(6)]))
    assert [tag for tag, _, _ in results] == [f"job {i}" for i in range(6)]
    assert all(has_sandbox for _, _, has_sandbox in results)
    assert os.getpid() not in {pid for _, pid, _ in results}


def test_a_dead_worker_fails_its_job_only_and_is_replaced(importable: None) -> None:
    with LocalPool(1) as pool:
        before = pool.submit(whoami, "before").result()
        lost = pool.submit(die)
        after = pool.submit(whoami, "after").result()
    with pytest.raises(SandboxError, match="the grading worker exited with code 7"):
        lost.result()
    assert after[0] == "after" and after[1] != before[1]


def test_a_job_past_its_deadline_is_stopped(importable: None) -> None:
    started = time.monotonic()
    with LocalPool(1, job_seconds=1.0) as pool:
        slow = pool.submit(nap, 30)
        quick = pool.submit(nap, 0)
        assert quick.result() == 0
    with pytest.raises(SandboxError, match="took more than 1 s"):
        slow.result()
    assert time.monotonic() - started < 20


def test_an_exception_in_a_job_reaches_its_future(importable: None) -> None:
    with LocalPool(1) as pool:
        with pytest.raises(ValueError, match="refused on purpose"):
            pool.submit(refuse).result()
        assert pool.submit(nap, 0).result() == 0


def test_shutdown_without_waiting_cancels_what_is_queued(importable: None) -> None:
    pool = LocalPool(1)
    running = pool.submit(nap, 30)
    queued = [pool.submit(nap, 0) for _ in range(3)]
    waited = time.monotonic()
    while not running.running() and time.monotonic() - waited < 60:  # the worker has started
        time.sleep(0.05)
    started = time.monotonic()
    pool.shutdown(wait=False, cancel_futures=True)
    assert all(f.cancelled() for f in queued)
    cf.wait([running], timeout=10)
    assert running.done() and time.monotonic() - started < 10
    with pytest.raises(RuntimeError):
        pool.submit(nap, 0)
