"""A real batch killed with SIGKILL mid-run: the gradebook stays consistent, keeps every
finished submission, and a rerun resumes from there."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from classroom import REFERENCE, grade, incomplete, scores
from conftest import ROOT

LEARNERS = 10


def _slow_reference() -> str:
    """The reference, with a `linear_forward` that sleeps 50 ms a call (inside the limit)."""
    source = "import time\n" + REFERENCE.read_text()
    header = source.index("\n", source.index("def linear_forward")) + 1
    return source[:header] + "    time.sleep(0.05)\n" + source[header:]


def _finished(gradebook: Path) -> int:
    if not gradebook.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{gradebook}?mode=ro", uri=True, timeout=5) as db:
            return int(db.execute("SELECT COUNT(*) FROM submissions").fetchone()[0])
    except sqlite3.OperationalError:  # the schema is not there yet
        return 0


def _workers(gradebook: Path) -> set[int]:
    """The pids of the workers that recorded a submission ("host:pid")."""
    with sqlite3.connect(gradebook) as db:
        return {int(worker.rsplit(":", 1)[1])
                for (worker,) in db.execute("SELECT DISTINCT worker FROM submissions")}


def _gone(pid: int) -> bool:
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


def test_a_killed_batch_loses_nothing_finished_and_resumes(tmp_path: Path) -> None:
    folder = tmp_path / "submissions"
    folder.mkdir()
    for index in range(LEARNERS):
        (folder / f"learner{index:02d}.py").write_text(_slow_reference())
    gradebook = tmp_path / "grades.db"
    batch = subprocess.Popen(
        [sys.executable, "-m", "grader", "week4", str(folder), "--jobs", "2", "--gradebook",
         str(gradebook)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while _finished(gradebook) < 2 and time.monotonic() < deadline:
            assert batch.poll() is None, batch.communicate()
            time.sleep(0.02)
        batch.send_signal(signal.SIGKILL)
        batch.wait(timeout=10)
    finally:
        if batch.poll() is None:
            batch.kill()
        batch.communicate()
    assert batch.returncode == -signal.SIGKILL

    finished = _finished(gradebook)
    assert 2 <= finished < LEARNERS
    with sqlite3.connect(gradebook) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert incomplete(gradebook) == []
    assert set(scores(gradebook).values()) == {100.0}

    workers = _workers(gradebook)
    deadline = time.monotonic() + 30  # orphaned workers finish their job and leave
    while not all(_gone(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert workers and all(_gone(pid) for pid in workers)

    done = grade("week4", str(folder), "--jobs", "2", "--gradebook", str(gradebook))
    assert done.returncode == 0, done.stderr
    assert (f"{LEARNERS} learners: {LEARNERS - finished} graded, {finished} already in the "
            "gradebook") in done.stdout
    assert scores(gradebook) == {f"learner{i:02d}": 100.0 for i in range(LEARNERS)}
    assert incomplete(gradebook) == []
    with sqlite3.connect(gradebook) as db:
        assert db.execute("SELECT COUNT(*) FROM submissions").fetchone() == (LEARNERS,)
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
