"""Grade again whenever the submission is saved, and say first what changed.

`grade week4 --watch [PATH]` (see `grader.cli.watching`) runs `watch`: it grades, then polls the
modification times and sizes of the files grading reads (`submission_files`), twice a second;
once a change has settled (no further change for `settle` seconds, so that an editor's
save-in-several-writes or a notebook's autosave is graded once), it grades again. `changes`
compares two reports function by function: fixed (now passing), newly broken (passing before),
otherwise changed (another status, another score).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from grader.errors import GraderError
from grader.results import FunctionResult, Report, Status
from grader.submission import submission_files

Stamps = dict[Path, tuple[int, int]]


@dataclass(frozen=True)
class Changes:
    """How one grading differs from the one before, function by function."""

    fixed: tuple[str, ...] = ()
    broken: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    score: tuple[float, float] | None = None  # before, after; None when equal

    def __bool__(self) -> bool:
        return bool(self.fixed or self.broken or self.changed or self.score)


def changes(before: Report, after: Report) -> Changes:
    """What changed from `before` to `after`: each entry says the function and how."""
    old, new = _results(before), _results(after)
    fixed, broken, changed = [], [], []
    for (week, part, name), now in new.items():
        then = old.get((week, part, name))
        if then is None or (then.status, then.score) == (now.status, now.score):
            continue
        if sum(key[2] == name for key in new) > 1:  # week 2's sigmoid is in both parts
            name = f"{name} ({part})"
        shift = f"{name} ({_verdict(then)} → {_verdict(now)})"
        if now.status is Status.PASS:
            fixed.append(shift)
        elif then.status is Status.PASS:
            broken.append(shift)
        else:
            changed.append(shift)
    score = None if before.score == after.score else (before.score, after.score)
    return Changes(tuple(fixed), tuple(broken), tuple(changed), score)


def _results(report: Report) -> dict[tuple[str, str, str], FunctionResult]:
    return {(week.week, part.name, f.name): f for week in report.weeks for part in week.parts
            for f in part.functions}


def _verdict(result: FunctionResult) -> str:
    return f"{result.status.value} {result.score:g}/{result.max_score:g}"


def stamps(path: Path) -> Stamps:
    """The modification time and size of each file grading `path` reads ({} if none)."""
    try:
        files = submission_files(path) if path.is_dir() else [path]
        found = {}
        for file in files:
            status = file.stat()
            found[file] = (status.st_mtime_ns, status.st_size)
        return found
    except OSError:  # a file saved by renaming, caught in between: seen on the next poll
        return {}


def settled(path: Path, since: Stamps, *, interval: float = 0.5, settle: float = 0.3,
            stop: Callable[[], bool] = lambda: False) -> Stamps | None:
    """Wait until the files at `path` differ from `since` and then stay the same for `settle`
    seconds; their stamps then, or None when `stop()` says so first."""
    current = since
    while current == since:
        if stop():
            return None
        time.sleep(interval)
        current = stamps(path)
    while True:
        time.sleep(settle)
        latest = stamps(path)
        if latest == current:
            return current
        current = latest


def watch(path: Path, grade: Callable[[], Report],
          show: Callable[[Report | GraderError, Changes | None], None], *,
          interval: float = 0.5, settle: float = 0.3,
          stop: Callable[[], bool] = lambda: False) -> None:
    """Grade the submission at `path` now and after each settled change, until `stop()`;
    hand `show` each report (or the error that stopped grading it: a half-saved file, say)
    and its changes from the last report shown (None for the first). Ctrl-C ends it with
    KeyboardInterrupt, for the caller to catch."""
    last: Report | None = None
    seen = stamps(path)
    while True:
        try:
            report: Report | GraderError = grade()
        except GraderError as error:
            report = error
        if isinstance(report, Report):
            show(report, None if last is None else changes(last, report))
            last = report
        else:
            show(report, None)
        found = settled(path, seen, interval=interval, settle=settle, stop=stop)
        if found is None:
            return
        seen = found
