"""Grade one submission path against one or more weeks: the library's entry point."""

from __future__ import annotations

from pathlib import Path

from grader.engine import Grading, grade_week
from grader.references import References
from grader.results import Report
from grader.sandbox import Sandbox, SandboxLimits
from grader.submission import load_submission
from grader.weeks import get_week
from grader.weeks.infer import infer_week


def grade(
    path: Path,
    weeks: tuple[str, ...],
    *,
    seed: int | None = None,
    limits: SandboxLimits | None = None,
    references: References | None = None,
    sandbox: Sandbox | None = None,
) -> Report:
    """Grade the submission at `path` against `weeks`; raise `GraderError` if it cannot be read.

    No `weeks`: the one week the submission looks like (`ConfigError` if that is unclear).
    Pass a running `sandbox` to reuse it; otherwise one is started and stopped here.
    """
    specs = [get_week(name) for name in weeks]
    own_sandbox = sandbox is None
    if sandbox is None:
        sandbox = Sandbox.start(limits)
    try:
        submission = load_submission(path)
        specs = specs or [get_week(infer_week(submission))]
        grading = Grading(sandbox, references or References(), seed)
        return Report(tuple(grade_week(submission, week, grading) for week in specs))
    finally:
        if own_sandbox:
            sandbox.close()
