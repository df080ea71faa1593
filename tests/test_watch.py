"""`grade WEEK --watch`: what changed between two gradings, waiting for a save to settle, and
the command itself on a real file that a learner fixes, then Ctrl-C."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from click.testing import CliRunner

from grader.cli import cli
from grader.results import FunctionResult, PartReport, Report, Status, WeekReport
from grader.watch import Changes, changes, settled, stamps


def report(**statuses: Status) -> Report:
    functions = tuple(FunctionResult(name, "step_by_step", status,
                                     10.0 if status is Status.PASS else 0.0, 10.0)
                      for name, status in statuses.items())
    part = PartReport("step_by_step", "Step by step", functions)
    return Report((WeekReport("week4", "Week 4", "x.py", (part,)),))


def test_changes_say_fixed_newly_broken_and_other_changes() -> None:
    before = report(a=Status.FAIL, b=Status.PASS, c=Status.MISSING, d=Status.PASS)
    after = report(a=Status.PASS, b=Status.ERROR, c=Status.NOT_IMPLEMENTED, d=Status.PASS)
    assert changes(before, after) == Changes(
        fixed=("a (fail 0/10 → pass 10/10)",), broken=("b (pass 10/10 → error 0/10)",),
        changed=("c (missing 0/10 → not_implemented 0/10)",))
    assert not changes(after, after)
    assert changes(report(a=Status.FAIL), report(a=Status.PASS)).score == (0.0, 10.0)


def test_a_change_is_seen_once_it_has_settled(tmp_path: Path) -> None:
    path = tmp_path / "answers.py"
    path.write_text("x = 1\n")
    before = stamps(path)
    assert settled(path, before, interval=0.01, stop=lambda: True) is None

    def save_in_three_writes() -> None:
        for text in ("x", "x = ", "x = 22\n"):
            time.sleep(0.05)
            path.write_text(text)

    writer = threading.Thread(target=save_in_three_writes)
    writer.start()
    seen = settled(path, before, interval=0.02, settle=0.3)
    writer.join()
    assert seen == stamps(path) and path.read_text() == "x = 22\n"
    assert stamps(tmp_path / "gone.py") == {}


def test_watch_refuses_what_it_cannot_do(tmp_path: Path) -> None:
    path = tmp_path / "answers.py"
    path.write_text("x = 1\n")
    for extra in (["--format", "json"], ["--fail-under", "50"], ["--batch"], [str(path)]):
        result = CliRunner().invoke(cli, ["week4", "--watch", str(path), *extra])
        assert result.exit_code == 2 and "--watch grades one submission" in result.output


WRONG = """import numpy as np

def linear_forward(A, W, b):
    Z = np.dot(W, A)
    return Z, (A, W, b)

def compute_cost(AL, Y):
    m = Y.shape[1]
    return float(np.squeeze(-np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m))
"""


class Lines:
    """A process's standard output, a line at a time, with a deadline."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        assert process.stdout is not None
        stdout = process.stdout

        def read() -> None:
            for line in stdout:
                self.lines.put(line)

        self.reader = threading.Thread(target=read, daemon=True)
        self.reader.start()

    def until(self, text: str, seconds: float = 120.0) -> list[str]:
        """The lines up to the one holding `text`."""
        read = []
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.1)
            except queue.Empty:
                continue
            read.append(line)
            self.seen.append(line)
            if text in line:
                return read
        raise AssertionError(f"no {text!r} in {self.seen!r}")


def test_watching_a_file_that_the_learner_fixes(tmp_path: Path) -> None:
    path = tmp_path / "answers.py"
    path.write_text(WRONG)
    process = subprocess.Popen([sys.executable, "-m", "grader", "week4", "--watch", str(path)],
                               cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, env={**os.environ, "NO_COLOR": "1"})
    lines = Lines(process)
    try:
        first = lines.until("week4 total")
        assert any("✗ linear_forward" in line for line in first)
        assert any("✓ compute_cost" in line for line in first)
        time.sleep(0.05)  # a new modification time, even on a coarse clock
        path.write_bytes(b"\xff\xfe not text")  # a save caught half-way: said, then waited out
        assert "not UTF-8 text" in lines.until("waiting for the next save")[-1]
        path.write_text(WRONG.replace("np.dot(W, A)", "np.dot(W, A) + b"))
        second = since_change(lines.until("week4 total"), path)
        assert second[1:3] == ["  fixed        linear_forward (fail 0/10 → pass 10/10)\n",
                               "  score        10 → 20\n"]
        assert any("✓ linear_forward" in line for line in second)
        path.write_text(WRONG.replace("m = Y.shape[1]", "m = Y.shape[0]").replace(
            "np.dot(W, A)", "np.dot(W, A) + b"))
        third = since_change(lines.until("week4 total"), path)
        assert third[1] == "  newly broken compute_cost (pass 10/10 → fail 0/10)\n"
        process.send_signal(signal.SIGINT)
        process.wait(timeout=60)
        assert process.stderr is not None
        stderr = process.stderr.read()
    finally:
        process.kill()
        process.wait()
        lines.reader.join(timeout=10)
        for pipe in (process.stdout, process.stderr):
            if pipe is not None:
                pipe.close()
    assert process.returncode == 0, stderr
    assert "grade: stopped watching" in stderr and "Traceback" not in stderr


def since_change(lines: list[str], path: Path) -> list[str]:
    """The lines from the one that says `path` changed."""
    start = next(i for i, line in enumerate(lines) if line.endswith(f"{path} changed\n"))
    return lines[start:]


def test_the_week_command_documents_watch() -> None:
    result = CliRunner().invoke(cli, ["week4", "--help"])
    assert "--watch" in result.output and "Ctrl-C stops" in result.output
