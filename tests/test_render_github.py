"""GitHub workflow commands: each line held to a strict pattern, escapes undone, annotations
landing on the very line of the file (the .py, or the notebook's JSON) that defines the
function; the step summary appended by the CLI."""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys
from pathlib import Path

from grader.render import render
from grader.results import Report, SourceLocation, Status

from conftest import FIXTURES, ROOT
from sample_reports import STATUSES, sample_report, sample_week

PROPERTY = r"(?:file|line|endLine|col|endColumn|title)=(?:[^,:%\r\n]|%25|%0D|%0A|%3A|%2C)*"
COMMAND = re.compile(rf"::(error|warning|notice)(?: ({PROPERTY}(?:,{PROPERTY})*))?::"
                     r"((?:[^%\r\n]|%25|%0D|%0A)*)")


def _unescape(text: str) -> str:
    for escaped, plain in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","),
                           ("%25", "%")):
        text = text.replace(escaped, plain)
    return text


def parse(output: str) -> list[tuple[str, dict[str, str], str]]:
    """Each command as (kind, properties, message), every line held to the strict pattern."""
    commands = []
    for line in output.splitlines():
        match = COMMAND.fullmatch(line)
        assert match, f"not a well-formed workflow command: {line[:200]!r}"
        kind, properties, message = match.groups()
        pairs = dict(p.split("=", 1) for p in properties.split(",")) if properties else {}
        commands.append((kind, {k: _unescape(v) for k, v in pairs.items()}, _unescape(message)))
    return commands


def test_an_error_per_function_that_lost_points_then_the_score(tmp_path: Path) -> None:
    commands = parse(render(sample_report(tmp_path), "github"))
    kinds = [kind for kind, _, _ in commands]
    assert kinds == sorted(kinds, key=["error", "warning", "notice"].index)  # worst first
    errors = {p["title"].split()[0]: (p, m) for kind, p, m in commands if kind == "error"}
    assert list(errors) == [n for n, s in STATUSES.items() if s is not Status.PASS]
    assert errors["linear_backward"][0]["title"] == "linear_backward 0/10 (fail)"
    assert "[0, 1]: yours=0.75, expected=0.25\n" in errors["linear_backward"][1]
    assert "file" not in errors["compute_cost"][0]  # missing: nowhere to point
    score = (f"week4: 20/80 (25%) for {tmp_path} (graded as the releases: step_by_step v8a, "
             "application 2021)")
    assert commands[-1] == ("notice", {"title": "week4 score"}, score)


def test_annotations_land_on_the_defining_line(tmp_path: Path) -> None:
    commands = parse(render(sample_report(tmp_path), "github"))
    located = {p["title"].split()[0]: p for _, p, _ in commands if "file" in p}
    for name in ("linear_backward", "update_parameters"):  # in the notebook
        properties = located[name]
        assert properties["file"] == str(tmp_path / "learner.ipynb")
        lines = Path(properties["file"]).read_text(encoding="utf-8").splitlines()
        assert lines[int(properties["line"]) - 1].strip().startswith(f'"def {name}('), name
        assert "not found" not in properties["title"]
    for name, line in (("L_model_backward", "9"), ("linear_activation_backward", "20")):
        assert located[name]["file"] == str(tmp_path / "helpers.py")  # a .py: its own line
        assert located[name]["line"] == line


def test_a_line_not_found_in_the_notebook_falls_back_to_line_1(tmp_path: Path) -> None:
    week = sample_week(tmp_path)
    lost = next(f for f in week.functions if f.name == "linear_backward")
    assert lost.location is not None
    moved = dataclasses.replace(lost, location=SourceLocation(lost.location.file, 3, 99))
    parts = (dataclasses.replace(week.parts[0], functions=(moved,)),)
    commands = parse(render(Report((dataclasses.replace(week, parts=parts),)), "github"))
    _, properties, _ = commands[0]
    assert properties["line"] == "1"
    assert properties["title"] == ("linear_backward 0/10 (fail) (line not found in the file; it "
                                   "is line 3 of cell 99)")


def test_hostile_text_is_escaped_not_obeyed(tmp_path: Path) -> None:
    output = render(sample_report(tmp_path), "github")
    commands = parse(output)  # learner's "::error::" and "%0A" did not make new commands
    message = next(m for _, p, m in commands if p.get("title", "").startswith("L_model_backward"))
    assert "%0A ::error:: a,b" in message and "\\x1b[31mred" in message
    assert "raised ValueError: <db> & 'x' | *bold* `tick` 100% a:b,c\n" in message
    assert len(output) < 20_000


def _grade(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "grader", *args], cwd=ROOT, text=True,
                          capture_output=True, timeout=120, env={**os.environ, **env})


def test_a_real_grading_annotates_the_notebook_and_fills_the_summary(tmp_path: Path) -> None:
    summary = tmp_path / "step_summary.md"
    summary.write_text("earlier step\n")
    notebook = FIXTURES / "week4" / "learner.ipynb"
    done = _grade("week4", str(notebook.relative_to(ROOT)), "--format", "github",
                  env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert done.returncode == 0, done.stderr
    lines = notebook.read_text(encoding="utf-8").splitlines()
    errors = [(p, m) for kind, p, m in parse(done.stdout) if kind == "error"]
    assert {p["title"].split()[0] for p, _ in errors} == {
        "linear_backward", "L_model_backward", "update_parameters", "two_layer_model",
        "L_layer_model"}
    for properties, _ in (e for e in errors if "file" in e[0]):  # not the missing ones
        assert properties["file"] == "tests/fixtures/week4/learner.ipynb"
        name = properties["title"].split()[0]
        assert f'"def {name}(' in lines[int(properties["line"]) - 1]
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n### Week 4: deep neural networks — 70/120 (58%)")
    assert "<details><summary>✗ <code>linear_backward</code> 0/10</summary>" in text


def test_without_the_summary_variable_nothing_else_is_written(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key != "GITHUB_STEP_SUMMARY"}
    done = subprocess.run([sys.executable, "-m", "grader", "week4",
                           str(FIXTURES / "week4" / "learner.ipynb"), "--format", "github"],
                          cwd=tmp_path, text=True, capture_output=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    assert list(tmp_path.iterdir()) == []
