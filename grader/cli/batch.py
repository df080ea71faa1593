"""`grade WEEK submissions/`: grade a class into the gradebook, with a progress bar and a
one-line summary. The week command (`grader.cli.grade`) decides between this and one report."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from grader.batch.discover import Plan
from grader.batch.progress import Progress
from grader.batch.run import BatchResult, BatchSettings, executor, grade_all, prepare
from grader.cli.exits import EXIT_INTERNAL
from grader.courses.folder import CourseFolder
from grader.gradebook import Gradebook
from grader.sandbox import SandboxLimits


def grade_class(week: str, plan: Plan, *, seed: int | None, limits: SandboxLimits,
                jobs: int | None, gradebook: Path, dask: str | None,
                course: CourseFolder | None = None) -> None:
    """Grade every learner of `plan` into `gradebook`; print the summary line."""
    workers = jobs or os.cpu_count() or 1
    where = (f"on the Dask cluster at {dask}" if dask
             else f"on {workers} worker{'s' if workers > 1 else ''}")
    click.echo(f"grade: {len(plan.learners)} learners ({plan.reason}), {where}", err=True)
    settings = BatchSettings(week, seed, limits, course=course)
    with Gradebook.open(gradebook) as book:
        todo = prepare(plan.learners, settings, book)
        progress = Progress(len(todo.jobs), sys.stderr)
        try:
            result = grade_all(todo, lambda: executor(workers, dask, todo.job_seconds), book,
                               progress)
        finally:
            progress.close()
    click.echo(summary_line(week, result, gradebook))
    if result.failures:
        raise SystemExit(EXIT_INTERNAL)


def summary_line(week: str, result: BatchResult, gradebook: Path) -> str:
    """One line: how many learners, what became of them, the mean score, the speed."""
    mean = sum(result.scores) / len(result.scores) if result.scores else 0.0
    return (f"{week}: {result.learners} learners: {result.graded} graded, {result.resumed} "
            f"already in the gradebook, {result.unreadable} unreadable, "
            f"{len(result.failures)} failed; mean score {mean:.1f}/{result.max_score:g}; "
            f"{result.seconds:.1f} s ({result.rate:.1f}/s); gradebook {gradebook}")
