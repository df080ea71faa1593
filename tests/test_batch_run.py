"""The batch loop on a stand-in pool: failures are told and counted, never recorded, and a
pool that stops answering cannot hang the batch."""

from __future__ import annotations

import concurrent.futures as cf
from collections.abc import Callable
from pathlib import Path
from typing import Any

from grader.batch.discover import Learner
from grader.batch.job import Outcome, OutcomeStatus
from grader.batch.run import BatchSettings, Todo, grade_all, prepare
from grader.errors import SandboxError
from grader.gradebook import Gradebook


class StandInPool:
    """Answers at once: a dead worker for `dead`, silence for `silent`, else unreadable."""

    def __init__(self) -> None:
        self.shut: list[bool] = []

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> cf.Future[Any]:
        (job,) = args
        future: cf.Future[Any] = cf.Future()
        if job.learner == "dead":
            future.set_exception(SandboxError("the grading worker was killed by SIGKILL"))
        elif job.learner != "silent":
            future.set_result(Outcome(job, OutcomeStatus.UNREADABLE, message="not a notebook"))
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self.shut.append(wait)


class Notes:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.count = 0

    def advance(self, count: int = 1) -> None:
        self.count += count

    def note(self, text: str) -> None:
        self.lines.append(text)


def _todo(tmp_path: Path, book: Gradebook, *names: str, patience: float = 60.0) -> Todo:
    learners = []
    for name in names:
        (tmp_path / f"{name}.ipynb").write_text("{")
        learners.append(Learner(name, tmp_path / f"{name}.ipynb"))
    todo = prepare(learners, BatchSettings("week4"), book)
    return Todo(todo.jobs, todo.settings, todo.learners, todo.resumed, patience, todo.max_score)


def test_a_failure_is_told_counted_and_left_for_the_next_run(tmp_path: Path) -> None:
    pool, notes = StandInPool(), Notes()
    with Gradebook.open(tmp_path / "grades.db") as book:
        result = grade_all(_todo(tmp_path, book, "ada", "dead"), lambda: pool, book, notes)
        recorded = [row.learner for row in book.latest("week4")]
        again = prepare([Learner("dead", tmp_path / "dead.ipynb")], BatchSettings("week4"), book)
    assert (result.unreadable, result.graded) == (1, 0)
    assert [(f.learner, f.message) for f in result.failures] == [
        ("dead", "SandboxError: the grading worker was killed by SIGKILL")]
    assert notes.lines == ["grade: dead: not graded: SandboxError: the grading worker was "
                           "killed by SIGKILL"] and notes.count == 2
    assert recorded == ["ada"] and len(again.jobs) == 1
    assert pool.shut == [True]


def test_a_pool_that_never_answers_cannot_hang_the_batch(tmp_path: Path) -> None:
    pool, notes = StandInPool(), Notes()
    with Gradebook.open(tmp_path / "grades.db") as book:
        result = grade_all(_todo(tmp_path, book, "ada", "silent", patience=0.2), lambda: pool,
                           book, notes)
    assert result.unreadable == 1
    assert [(f.learner, f.message) for f in result.failures] == [
        ("silent", "no worker answered for 0.2 s")]


def test_nothing_to_do_starts_no_pool(tmp_path: Path) -> None:
    def never() -> StandInPool:
        raise AssertionError("a pool was started for nothing")

    with Gradebook.open(tmp_path / "grades.db") as book:
        first = grade_all(_todo(tmp_path, book, "ada"), StandInPool, book, Notes())
        second = grade_all(_todo(tmp_path, book, "ada"), never, book, Notes())
    assert (first.unreadable, second.resumed, second.unreadable) == (1, 1, 0)
