"""Shared fixtures: one sandbox for the whole session, started before any reference loads."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from grader.engine import Grading, grade_week
from grader.references import References
from grader.results import WeekReport
from grader.sandbox import Sandbox, SandboxLimits
from grader.submission import load_submission
from grader.weeks import get_week

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SOLUTIONS = ROOT / "solutions"
ASSIGNMENTS = ROOT / "assignments"

_SANDBOX: list[Sandbox] = []


def pytest_sessionstart(session: pytest.Session) -> None:
    # Forked now, while this process holds no reference: the children stay clean.
    _SANDBOX.append(Sandbox.start(SandboxLimits(seconds_per_call=10.0)))


def pytest_sessionfinish(session: pytest.Session) -> None:
    while _SANDBOX:
        _SANDBOX.pop().close()


@pytest.fixture(scope="session")
def sandbox() -> Sandbox:
    return _SANDBOX[0]


@pytest.fixture(scope="session")
def references() -> References:
    return References(SOLUTIONS)


GradeFn = Callable[..., WeekReport]


@pytest.fixture(scope="session")
def grade(sandbox: Sandbox, references: References) -> GradeFn:
    """grade(path, week="week4", seed=None) -> WeekReport, on the session's sandbox."""

    def run(path: Path, week: str = "week4", seed: int | None = None) -> WeekReport:
        return grade_week(load_submission(path), get_week(week),
                          Grading(sandbox, references, seed))

    return run


def replace_function(reference: Path, wrong: Path, name: str | None = None) -> str:
    """The reference module's text with one function (`name`, by default the stem of `wrong`)
    swapped for the file `wrong`."""
    from grader.release import function_sources

    original = function_sources(reference)[name or wrong.stem]
    return reference.read_text(encoding="utf-8").replace(original, wrong.read_text(encoding="utf-8"))
