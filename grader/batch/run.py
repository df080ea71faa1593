"""Grade a class: skip what the gradebook already holds, send the rest to an executor, and
record each result the moment it arrives (one transaction each), counting as it goes.

    todo = prepare(learners, settings, gradebook)           # content hashes, resume lookup
    result = grade_all(todo, executor(jobs, dask, ...), gradebook, progress)
"""

from __future__ import annotations

import concurrent.futures as cf
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from grader.batch.discover import Learner
from grader.batch.fingerprint import content_hash
from grader.batch.fingerprint import settings as settings_of
from grader.batch.job import Job, Outcome, OutcomeStatus, grade_job
from grader.courses.folder import CourseFolder
from grader.courses.registry import built_in, load_week, with_overrides
from grader.errors import ConfigError
from grader.gradebook import Entry, Gradebook, Settings
from grader.sandbox import SandboxLimits
from grader.spec import Week


class Pool(Protocol):
    """An executor that runs `fn(context, *args)` on a worker: `LocalPool`, `DaskPool`."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> cf.Future[Any]: ...

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None: ...


class Progress(Protocol):
    """What the batch tells as it goes (see `grader.batch.progress.Progress`)."""

    def advance(self, count: int = 1) -> None: ...

    def note(self, text: str) -> None: ...


@dataclass(frozen=True)
class BatchSettings:
    """How a class is graded: which week (of which course: by default the built-in one),
    which seed, which limits, how many threads a worker grades one submission's functions
    on."""

    week: str
    seed: int | None = None
    limits: SandboxLimits = field(default_factory=SandboxLimits)
    # One lane: the workers already keep every core busy, and a second lane forks a second
    # child per part (benchmarks/batch.py, 2 workers on 2 cores: 22 submissions/s against 18).
    engine_workers: int = 1
    course: CourseFolder | None = None


@dataclass(frozen=True)
class Todo:
    """A prepared batch: the jobs to run, and the learners the gradebook already has."""

    jobs: tuple[Job, ...]
    settings: Settings
    learners: int
    resumed: tuple[float | None, ...]
    job_seconds: float
    max_score: float
    spec: Week | None = None


@dataclass(frozen=True)
class Failure:
    """A learner the grader itself failed to grade (not recorded: a rerun tries again)."""

    learner: str
    message: str


@dataclass(frozen=True)
class BatchResult:
    """What a batch did, for its summary line."""

    learners: int
    graded: int
    resumed: int
    unreadable: int
    failures: tuple[Failure, ...]
    seconds: float
    scores: tuple[float, ...]
    max_score: float

    @property
    def rate(self) -> float:
        """Submissions graded (or found unreadable) per second in this run."""
        return (self.graded + self.unreadable) / self.seconds if self.seconds > 0 else 0.0


def prepare(learners: Sequence[Learner], batch: BatchSettings, gradebook: Gradebook) -> Todo:
    """Hash each submission and leave out those already graded with the same settings."""
    course = batch.course or with_overrides(built_in())
    week = load_week(course, batch.week)
    keys = settings_of(course.solutions, batch.week, batch.seed, batch.limits)
    # Workers find the built-in course (and its references) themselves, as installed there.
    where = ({} if batch.course is None or batch.course.origin == "built-in"
             else {"course": str(course.root), "solutions": str(course.solutions.absolute())})
    finished = gradebook.finished(batch.week, keys)
    jobs, resumed = [], []
    for learner in learners:
        digest = content_hash(learner.path)
        if (learner.id, digest) in finished:
            resumed.append(finished[learner.id, digest])
            continue
        # Absolute, so that a worker anywhere (a Dask worker has its own working folder)
        # finds the same file.
        jobs.append(Job(learner.id, str(learner.path.absolute()), batch.week, digest, batch.seed,
                        batch.limits, keys.references, engine_workers=batch.engine_workers,
                        **where))
    return Todo(tuple(jobs), keys, len(learners), tuple(resumed),
                job_deadline(len(week.functions), batch.limits), week.max_score, week)


def job_deadline(functions: int, limits: SandboxLimits) -> float:
    """A backstop on one submission's grading: every case of every function at its time
    limit, twice (own helpers), and a minute more. The sandbox's own limits come first."""
    return 60.0 + 16 * functions * limits.seconds_per_call


def executor(jobs: int, dask: str | None, job_seconds: float) -> Pool:
    """The local pool of `jobs` workers, or the Dask cluster at `dask`."""
    if dask:
        try:
            from grader.batch.cluster import DaskPool
        except ImportError as error:
            raise ConfigError("--dask needs Dask's distributed package: pip install "
                              "'grade[dask]'") from error
        return DaskPool(dask)
    from grader.batch.pool import LocalPool

    return LocalPool(jobs, job_seconds=job_seconds)


def grade_all(todo: Todo, make_pool: Callable[[], Pool], gradebook: Gradebook,
              progress: Progress) -> BatchResult:
    """Run every job of `todo` on a pool (made only if there is work) and record each outcome
    as it arrives."""
    started = time.monotonic()
    counts = {OutcomeStatus.GRADED: 0, OutcomeStatus.UNREADABLE: 0}
    scores = [s for s in todo.resumed if s is not None]
    failures: list[Failure] = []
    if not todo.jobs:
        return BatchResult(todo.learners, 0, len(todo.resumed), 0, (), 0.0, tuple(scores),
                           todo.max_score)
    pool = make_pool()
    try:
        futures = {pool.submit(grade_job, job): job for job in todo.jobs}
        for job, outcome in _as_they_come(futures, todo.job_seconds):
            if isinstance(outcome, Outcome):
                gradebook.record(_entry(outcome, todo.settings), spec=todo.spec)
                counts[outcome.status] += 1
                if outcome.report is not None:
                    scores.append(outcome.report.score)
            else:
                failures.append(Failure(job.learner, outcome))
                progress.note(f"grade: {job.learner}: not graded: {outcome}")
            progress.advance()
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    return BatchResult(todo.learners, counts[OutcomeStatus.GRADED], len(todo.resumed),
                       counts[OutcomeStatus.UNREADABLE], tuple(failures),
                       time.monotonic() - started, tuple(scores), todo.max_score)


def _as_they_come(futures: dict[cf.Future[Outcome], Job],
                  patience: float) -> Iterator[tuple[Job, Outcome | str]]:
    """Each job with its outcome, or why it failed, in the order they finish; when no job
    finishes for `patience` seconds, the rest fail (every wait has a deadline)."""
    pending = set(futures)
    while pending:
        done, pending = cf.wait(pending, timeout=patience, return_when=cf.FIRST_COMPLETED)
        if not done:
            for future in pending:
                future.cancel()
                yield futures[future], f"no worker answered for {patience:g} s"
            return
        for future in done:
            try:
                yield futures[future], future.result()
            except Exception as error:  # noqa: BLE001 - one learner's failure, told and counted
                yield futures[future], f"{type(error).__name__}: {error}"


def _entry(outcome: Outcome, settings: Settings) -> Entry:
    job = outcome.job
    return Entry(job.learner, job.week, job.path, job.content_hash, settings, outcome.report,
                 outcome.message, outcome.seconds, outcome.worker)
