"""The pull-request workflow for course repositories: its shape, and its shell run for real.

PyYAML is not a dependency, so the YAML is checked by its layout (what the steps are, what
they run); each `run:` script is then checked by bash, and the two that matter are run: the
one that finds the weeks a pull request touches, in a real git repository, and the one that
grades them, with the real `grade`.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "grade.yml"
TEXT = WORKFLOW.read_text(encoding="utf-8")


def steps() -> dict[str, dict[str, str]]:
    """Each step of the job by name: its `uses`, `if`, and `run` script (dedented)."""
    found: dict[str, dict[str, str]] = {}
    lines = TEXT.splitlines()
    current: dict[str, str] | None = None
    index = 0
    while index < len(lines):
        line = lines[index]
        match = re.match(r"^      - name: (.+)$", line)
        if match:
            current = found.setdefault(match.group(1), {})
        elif current is not None and (key := re.match(r"^        (uses|if|id): (.+)$", line)):
            current[key.group(1)] = key.group(2)
        elif current is not None and line == "        run: |":
            block = []
            index += 1
            while index < len(lines) and (lines[index].startswith(" " * 10) or not lines[index]):
                block.append(lines[index][10:])
                index += 1
            current["run"] = "\n".join(block) + "\n"
            continue
        elif current is not None and line.startswith("        run: "):
            current["run"] = line.removeprefix("        run: ") + "\n"
        index += 1
    return found


def test_the_layout_is_plain_yaml() -> None:
    assert "\t" not in TEXT
    for number, line in enumerate(TEXT.splitlines(), 1):
        indent = len(line) - len(line.lstrip(" "))
        assert indent % 2 == 0, f"line {number}: odd indentation"
        assert not line.endswith(" "), f"line {number}: trailing space"
    top = [line.split(":")[0] for line in TEXT.splitlines() if re.match(r"^[a-z]", line)]
    assert top == ["name", "on", "permissions", "env", "jobs"]
    assert TEXT.count("${{") == TEXT.count("}}")


def test_the_steps_install_find_grade_and_keep_reports() -> None:
    found = steps()
    assert list(found) == ["Check out the pull request", "Set up Python", "Install grade",
                           "Find the weeks this pull request touches", "Grade",
                           "Keep the HTML reports"]
    assert found["Check out the pull request"]["uses"].startswith("actions/checkout@")
    assert found["Find the weeks this pull request touches"]["id"] == "weeks"
    assert "steps.weeks.outputs.count" in found["Grade"]["if"]
    assert 'pip install --quiet "$PACKAGE"' in found["Install grade"]["run"]
    assert "--format github" in found["Grade"]["run"]
    assert "--fail-under \"$THRESHOLD\"" in found["Grade"]["run"]
    assert re.search(r"^  GRADE_PACKAGE: \".+\"$", TEXT, re.MULTILINE)  # the variable to set


def test_no_pull_request_data_is_pasted_into_a_script() -> None:
    # ${{ }} inside run: would let a crafted branch or file name inject shell code
    for name, step in steps().items():
        assert "${{" not in step.get("run", ""), name


@pytest.mark.parametrize("name", ["Install grade", "Find the weeks this pull request touches",
                                  "Grade"])
def test_each_script_is_valid_bash(name: str) -> None:
    done = subprocess.run(["bash", "-n"], input=steps()[name]["run"], text=True,
                          capture_output=True)
    assert done.returncode == 0, done.stderr


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True,
                          env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
                               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"})
    return done.stdout.strip()


def _run(script: str, repo: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-c", script], cwd=repo, capture_output=True, text=True,
                          env={**os.environ, **env}, timeout=120)


@pytest.fixture()
def course_repo(tmp_path: Path) -> Path:
    """A course repository with a pull request: week4 work, a stray notebook, a README."""
    repo = tmp_path / "course"
    (repo / "assignments" / "week4").mkdir(parents=True)
    (repo / "README.md").write_text("course\n")
    (repo / "assignments" / "week4" / "notes.txt").write_text("start\n")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "start")
    shutil.copy(FIXTURES / "week4" / "learner.ipynb",
                repo / "assignments" / "week4" / "my work.ipynb")
    (repo / "scratch").mkdir()
    (repo / "scratch" / "tries.py").write_text("def helper():\n    return 1\n")
    (repo / "odd\tname.py").write_text("x = 1\n")  # a name that would break the list
    (repo / "README.md").write_text("course, edited\n")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "my week 4")
    return repo


def test_the_weeks_touched_are_found_from_the_diff(course_repo: Path, tmp_path: Path) -> None:
    base = _git(course_repo, "rev-parse", "HEAD~1")
    output = tmp_path / "github_output"
    done = _run(steps()["Find the weeks this pull request touches"]["run"], course_repo,
                {"BASE": base, "RUNNER_TEMP": str(tmp_path), "GITHUB_OUTPUT": str(output)})
    assert done.returncode == 0, done.stderr
    targets = (tmp_path / "grade-targets").read_text().splitlines()
    assert targets == ["auto\tscratch/tries.py", "week4\tassignments/week4"]
    assert output.read_text() == "count=2\n"


def test_the_grade_step_annotates_and_fails_below_the_threshold(
        course_repo: Path, tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    wrapper = bin_dir / "grade"  # the installed command, as pip would make it
    wrapper.write_text(f"#!/bin/sh\nexec {sys.executable} -m grader \"$@\"\n")
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IEXEC)
    (tmp_path / "grade-targets").write_text("auto\tscratch/tries.py\nweek4\tassignments/week4\n")
    summary = tmp_path / "summary.md"
    env = {"RUNNER_TEMP": str(tmp_path), "GITHUB_STEP_SUMMARY": str(summary),
           "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "PYTHONPATH": str(ROOT)}
    script = steps()["Grade"]["run"]

    passed = _run(script, course_repo, {**env, "THRESHOLD": "50"})
    assert passed.returncode == 0, passed.stdout + passed.stderr
    lines = passed.stdout.splitlines()
    assert "::notice title=grade::scratch/tries.py is not an assignment of any week; not graded" \
        in lines
    errors = [line for line in lines if line.startswith("::error file=")]
    assert any("assignments/week4/my work.ipynb,line=" in line and "title=linear_backward" in line
               for line in errors)
    assert "### Week 4" in summary.read_text()
    assert (course_repo / "grade-reports" / "assignments_week4.html").read_text().startswith(
        "<!DOCTYPE html>")

    below = _run(script, course_repo, {**env, "THRESHOLD": "90"})
    assert below.returncode == 1
    assert "::error title=grade::assignments/week4 scores below the threshold (90 percent)" \
        in below.stdout
