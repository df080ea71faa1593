"""The terminal report: a line per function, failures expanded, totals, colour rules."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

from grader.cli.grade import _colour
from grader.render import render
from grader.results import Report

from conftest import ROOT, SOLUTIONS
from sample_reports import STATUSES, sample_report, sample_week


def test_a_line_per_function_with_mark_name_and_score(tmp_path: Path) -> None:
    text = render(sample_report(tmp_path), "text")
    marks = {"pass": "✓", "fail": "✗", "error": "!", "missing": "?", "not_implemented": "·"}
    for name, status in STATUSES.items():
        line = next(line for line in text.splitlines() if f" {name} " in line)
        assert line.startswith(f"  {marks[status.value]} {name}")
        assert ("10/10" if status.value == "pass" else "0/10") in line


def test_failures_are_expanded_with_message_case_figures_and_hint(tmp_path: Path) -> None:
    lines = render(sample_report(tmp_path), "text").splitlines()
    start = next(i for i, line in enumerate(lines) if " linear_backward " in line)
    block = "\n".join(lines[start + 1:start + 7])
    assert "values   dW: 2 / 6 values differ (33%)" in block
    assert "case 'course example'" in block and "[0, 1]: yours=0.75, expected=0.25" in block
    assert "hint     dW is m times too large: divide by m." in block


def test_totals_per_part_per_week_and_for_all_weeks(tmp_path: Path) -> None:
    one = render(sample_report(tmp_path), "text")
    assert "    Deep neural network, step by step: 10/60" in one
    assert "    Deep neural network, application: 10/20" in one
    assert "week4 total: 20/80 (25%)" in one
    two = render(Report((sample_week(tmp_path), sample_week(tmp_path, "week5"))), "text")
    assert "All weeks: 40/160 (25%)" in two


def test_learner_output_cannot_drive_the_terminal(tmp_path: Path) -> None:
    text = render(sample_report(tmp_path), "text")
    assert "\x1b" not in text and "\x00" not in text and "\x07" not in text and "\r" not in text
    assert "\\x1b[31mred" in text and "\\ud800" in text  # shown, not obeyed
    text.encode("utf-8")  # no lone surrogate left
    assert max(len(line) for line in text.splitlines()) < 1100  # 100,000 x's were cut


def test_colour_only_when_asked(tmp_path: Path) -> None:
    report = sample_report(tmp_path)
    assert "\x1b[" not in render(report, "text")
    assert "\x1b[31m✗\x1b[0m" in render(report, "text", colour=True)


@pytest.mark.parametrize("env,expected", [
    ({}, True), ({"NO_COLOR": "1"}, False), ({"NO_COLOR": ""}, True), ({"TERM": "dumb"}, False),
])
def test_the_cli_colours_a_terminal_unless_no_color(monkeypatch: pytest.MonkeyPatch,
                                                     env: dict[str, str], expected: bool) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert _colour() is expected
    monkeypatch.setattr(sys.stdout, "isatty", lambda: False)
    assert _colour() is False


def _on_a_terminal(*args: str, env: dict[str, str]) -> str:
    """Run grade with its standard output on a pseudo-terminal; what it wrote there."""
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "grader", *args], cwd=ROOT, stdout=follower,
                               stderr=subprocess.DEVNULL, env={**os.environ, **env})
    os.close(follower)
    chunks = []
    while True:
        ready, _, _ = select.select([leader], [], [], 60)
        try:
            chunk = os.read(leader, 65536) if ready else b""
        except OSError:  # the other side closed
            chunk = b""
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


def test_a_real_terminal_gets_colour_and_no_color_turns_it_off() -> None:
    env = {"TERM": "xterm", "NO_COLOR": ""}
    coloured = _on_a_terminal("week4", str(SOLUTIONS / "week4"), env=env)
    assert "\x1b[32m✓\x1b[0m" in coloured
    plain = _on_a_terminal("week4", str(SOLUTIONS / "week4"), env={**env, "NO_COLOR": "1"})
    assert "✓ initialize_parameters" in plain and "\x1b[" not in plain
