"""One learner's grading, as it runs on a worker: a `Job` in, an `Outcome` out.

A worker (a process of the local pool, or a Dask worker) holds one `WorkerContext`: a sandbox
started before any reference is loaded, and the references of each course it has graded
(which lock their own code).
Executors call `grade_job(context, job)`; a submission that cannot be read is an `Outcome` that
says so, and anything else that goes wrong is an exception, which the batch counts as a failure
of the grader, not of the learner.
"""

from __future__ import annotations

import enum
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from grader import __version__
from grader.batch.fingerprint import references_hash
from grader.courses.folder import read_course
from grader.courses.registry import built_in, load_week
from grader.engine import Grading, grade_week
from grader.errors import ConfigError, SandboxError, SubmissionError
from grader.references import References
from grader.results import WeekReport
from grader.sandbox import Sandbox, SandboxLimits
from grader.submission import Submission, load_submission


@dataclass(frozen=True)
class Job:
    """Grade one learner's submission against one week, with the batch's settings.

    `course` is the week's course folder ("": the built-in course) and `solutions` its
    references' folder ("": the worker's default for the built-in course), as paths every
    worker sees.
    """

    learner: str
    path: str
    week: str
    content_hash: str
    seed: int | None
    limits: SandboxLimits
    references: str
    grader_version: str = __version__
    engine_workers: int = 1
    course: str = ""
    solutions: str = ""


class OutcomeStatus(str, enum.Enum):
    """How one learner's grading ended (a grader failure is an exception, not a status)."""

    GRADED = "graded"
    UNREADABLE = "unreadable"


@dataclass(frozen=True)
class Outcome:
    """The result of a `Job`: the report, or why the submission could not be read."""

    job: Job
    status: OutcomeStatus
    report: WeekReport | None = None
    message: str = ""
    seconds: float = 0.0
    worker: str = ""


@dataclass
class WorkerContext:
    """What a worker keeps between jobs: its sandbox and the references of each course
    (`references`: the built-in course's, by default).

    A Dask worker runs several jobs at once on threads; a sandbox found broken is replaced at
    once, and closed only when no job still uses it (closing kills the children it serves).
    """

    sandbox: Sandbox
    references: References
    checked: dict[tuple[str, str, str], str] = field(default_factory=dict)
    courses: dict[tuple[str, str], References] = field(default_factory=dict)
    _guard: threading.Lock = field(default_factory=threading.Lock)
    _active: int = 0
    _retired: list[Sandbox] = field(default_factory=list)

    @classmethod
    def start(cls) -> WorkerContext:
        """Start the sandbox first (its zygote warms up meanwhile), then the rest."""
        sandbox = Sandbox.start()
        return cls(sandbox, References())

    def check(self, job: Job) -> None:
        """Refuse a job made for another grader version or other references than this
        worker's: its result would be filed under the wrong settings."""
        if job.grader_version != __version__:
            raise ConfigError(f"this worker runs grade {__version__}, the batch "
                              f"{job.grader_version}")
        references = self.references_for(job)
        key = (job.course, job.solutions, job.week)
        if key not in self.checked:
            self.checked[key] = references_hash(references.root, job.week)
        if self.checked[key] != job.references:
            raise ConfigError(f"this worker's references in {references.root} differ "
                              "from the batch's")

    def references_for(self, job: Job) -> References:
        """The references of the job's course, loaded once per worker."""
        if not job.course and not job.solutions:
            return self.references
        with self._guard:
            key = (job.course, job.solutions)
            if key not in self.courses:
                course = read_course(Path(job.course)) if job.course else built_in()
                self.courses[key] = References(Path(job.solutions) if job.solutions else None,
                                               course)
            return self.courses[key]

    @contextmanager
    def sandbox_for(self, limits: SandboxLimits) -> Iterator[Sandbox]:
        """The worker's sandbox with a job's limits, replaced if the job finds it broken."""
        with self._guard:
            self._active += 1
            current = self.sandbox
        try:
            yield Sandbox(current.zygote, limits)
        except SandboxError:
            with self._guard:
                if self.sandbox is current:
                    self._retired.append(current)
                    self.sandbox = Sandbox.start()
            raise
        finally:
            with self._guard:
                self._active -= 1
                retired, self._retired = ((self._retired, []) if self._active == 0
                                          else ([], self._retired))
            for old in retired:
                old.close()

    def close(self) -> None:
        self.sandbox.close()


def grade_job(context: WorkerContext, job: Job) -> Outcome:
    """Grade one learner on this worker."""
    started = time.perf_counter()
    context.check(job)
    status, report, message = OutcomeStatus.GRADED, None, ""
    try:
        with context.sandbox_for(job.limits) as sandbox:
            submission = _load(job, sandbox)
            references = context.references_for(job)
            grading = Grading(sandbox, references, job.seed, workers=job.engine_workers)
            report = grade_week(submission, load_week(references.course, job.week), grading)
    except SubmissionError as error:
        status, message = OutcomeStatus.UNREADABLE, str(error)
    return Outcome(job, status, report, message, time.perf_counter() - started,
                   f"{socket.gethostname()}:{os.getpid()}")


def _load(job: Job, sandbox: Sandbox) -> Submission:
    path = Path(job.path)
    try:
        return load_submission(path, sandbox)
    except OSError as error:  # a file that cannot be opened is the learner's problem too
        raise SubmissionError(f"cannot read: {error.strerror}",
                              path=error.filename or job.path) from error
