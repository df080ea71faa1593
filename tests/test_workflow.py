"""The pull-request workflow for course repositories, proven on a simulated course.

PyYAML is not a dependency, so the YAML is checked by its layout (what the steps are, what
they run). The grading is .github/scripts/grade-pull-request.sh, which the workflow calls: the
tests run that very file in a learners' repository made here (`git init`, the released
assignments, a learner's commit that changes one notebook), with the GITHUB_* variables a
runner sets and `grade` installed from a wheel into a fresh virtual environment, as the
workflow's `pip install` does: with the public cases inside the package, and with hidden cases
from a solutions folder and a secret seed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, SOLUTIONS

from grader import release
from grader.courses.registry import built_in, get_week

WEEK_NAMES = built_in().assignments

WORKFLOW = ROOT / ".github" / "workflows" / "grade.yml"
SCRIPT = ROOT / ".github" / "scripts" / "grade-pull-request.sh"
TEXT = WORKFLOW.read_text(encoding="utf-8")


def steps() -> dict[str, dict[str, str]]:
    """Each step of the job by name: its `uses`, `if`, `id` and `run` script (dedented)."""
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


def test_the_steps_check_out_install_grade_and_keep_reports() -> None:
    found = steps()
    assert list(found) == ["Check out the pull request", "Check out the solutions",
                           "Set up Python", "Install grade", "Grade", "Keep the HTML reports"]
    assert found["Check out the pull request"]["uses"].startswith("actions/checkout@")
    assert found["Check out the solutions"]["if"] == "vars.GRADE_SOLUTIONS_REPOSITORY != ''"
    assert 'pip install --quiet "$GRADE_PACKAGE"' in found["Install grade"]["run"]
    assert "bash .github/scripts/grade-pull-request.sh" in found["Grade"]["run"]
    assert found["Keep the HTML reports"]["if"] == "always()"
    package = re.search(r'^  GRADE_PACKAGE: "(.+)"$', TEXT, re.MULTILINE)
    assert package and package.group(1).startswith("grade-dl")  # never PyPI's unrelated grade
    assert "secrets.GRADE_SEED" in TEXT and "secrets.GRADE_SOLUTIONS_TOKEN" in TEXT


def test_no_pull_request_data_is_pasted_into_a_script() -> None:
    # ${{ }} inside run: would let a crafted branch or file name inject shell code
    for name, step in steps().items():
        assert "${{" not in step.get("run", ""), name


@pytest.mark.parametrize("name", ["Install grade", "Grade"])
def test_each_script_is_valid_bash(name: str) -> None:
    done = subprocess.run(["bash", "-n"], check=False, input=steps()[name]["run"], text=True,
                          capture_output=True)
    assert done.returncode == 0, done.stderr
    assert subprocess.run(["bash", "-n", str(SCRIPT)], check=False).returncode == 0


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True,
                          env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
                               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"})
    return done.stdout.strip()


@pytest.fixture()
def course(tmp_path: Path) -> Path:
    """A learners' repository: the released assignments of every week (and nothing else), then
    a learner's commit that changes one notebook and adds a stray file."""
    repo = tmp_path / "course"
    for week in WEEK_NAMES:
        release.write(release.release(get_week(week), SOLUTIONS, repo / "assignments"))
    (repo / "README.md").write_text("Our course\n")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "The assignments")
    shutil.copy(FIXTURES / "week4" / "learner.ipynb",
                repo / "assignments" / "week4" / "step_by_step.ipynb")
    (repo / "scratch").mkdir()
    (repo / "scratch" / "tries.py").write_text("def helper():\n    return 1\n")
    (repo / "odd\tname.py").write_text("x = 1\n")  # a name that would break the list
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "My week 4")
    return repo


def _run(repo: Path, installed: Path, runner: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """The workflow's Grade step as a runner runs it: the GITHUB_* variables, the installed
    grade first on PATH, the repository as the working folder."""
    runner.mkdir(exist_ok=True)
    variables = {"PATH": f"{installed}{os.pathsep}{os.environ['PATH']}",
                 "HOME": os.environ.get("HOME", str(runner)), "GITHUB_ACTIONS": "true",
                 "GITHUB_WORKSPACE": str(repo), "RUNNER_TEMP": str(runner),
                 "GITHUB_STEP_SUMMARY": str(runner / "summary.md"),
                 "GITHUB_OUTPUT": str(runner / "output"),
                 "BASE": _git(repo, "rev-parse", "HEAD~1"), **env}
    return subprocess.run(["bash", str(SCRIPT)], check=False, cwd=repo, capture_output=True,
                          text=True, env=variables, timeout=300)


def test_a_pull_request_graded_with_the_public_cases_of_the_package(
        course: Path, installed_grade: Path, tmp_path: Path) -> None:
    runner = tmp_path / "runner"
    done = _run(course, installed_grade, runner, THRESHOLD="40")
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[:3] == ["grade: 2 to grade, with the public cases of the installed grade:",
                         "auto\tscratch/tries.py", "week4\tassignments/week4"]
    assert "::notice title=grade::scratch/tries.py is not an assignment of any week; not graded" \
        in lines
    errors = [line for line in lines if line.startswith("::error file=")]
    assert any("file=assignments/week4/step_by_step.ipynb,line=" in line
               and "title=linear_backward 0/10 (fail)" in line for line in errors)
    assert "::notice title=week4 score::week4: 60/120 (50%25)" in done.stdout
    summary = (runner / "summary.md").read_text()
    assert "the public cases of the installed grade" in summary and "### Week 4" in summary
    assert "public cases." in summary and "hidden cases." not in summary
    report = course / "grade-reports" / "assignments_week4.html"
    assert report.read_text().startswith("<!DOCTYPE html>")
    assert (runner / "output").read_text() == "count=2\n"
    assert not list(course.rglob("grades.db*"))  # one learner: never a gradebook

    below = _run(course, installed_grade, tmp_path / "runner2", THRESHOLD="90")
    assert below.returncode == 1
    assert "::error title=grade::assignments/week4 scores below the threshold (90 percent)" \
        in below.stdout


def test_hidden_cases_from_the_solutions_and_a_secret_seed(
        course: Path, installed_grade: Path, tmp_path: Path) -> None:
    solutions = tmp_path / "checkout" / "solutions"  # the private repository's checkout
    shutil.copytree(SOLUTIONS, solutions)
    runner = tmp_path / "runner"
    done = _run(course, installed_grade, runner, THRESHOLD="40",
                GRADE_SOLUTIONS=str(solutions), GRADE_SEED="20261201")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "with hidden cases (the instructor's references)" in done.stdout
    summary = (runner / "summary.md").read_text()
    assert "hidden cases" in summary and "20261201" not in summary + done.stdout
    assert "::notice title=week4 score::week4: 70/120" in done.stdout  # references' helpers


def test_a_seed_without_the_solutions_falls_back_to_public_cases(
        course: Path, installed_grade: Path, tmp_path: Path) -> None:
    done = _run(course, installed_grade, tmp_path / "runner", THRESHOLD="40",
                GRADE_SOLUTIONS=str(tmp_path / "not-checked-out"), GRADE_SEED="7")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "with the public cases of the installed grade" in done.stdout


def test_a_pull_request_that_changes_no_assignment(
        course: Path, installed_grade: Path, tmp_path: Path) -> None:
    (course / "README.md").write_text("Edited\n")
    _git(course, "commit", "-qam", "Only the README")
    runner = tmp_path / "runner"
    done = _run(course, installed_grade, runner)
    assert done.returncode == 0, done.stderr
    assert "grade: this pull request changes no assignment" in done.stdout
    assert (runner / "output").read_text() == "count=0\n"


def test_a_course_a_learner_commits_is_never_the_grader_s(
        course: Path, installed_grade: Path, tmp_path: Path) -> None:
    """A grade.toml in the learners' repository would make its own week4 spec the one graded,
    run in the grader: the script grades with grade's own course instead."""
    marker = tmp_path / "spec-ran"
    (course / "grade.toml").write_text('[course]\nname = "neural-networks"\ntitle = "mine"\n')
    (course / "week4").mkdir()
    (course / "week4" / "spec.py").write_text(
        f"import pathlib\npathlib.Path({str(marker)!r}).write_text('ran')\n")
    _git(course, "add", "-A")
    _git(course, "commit", "-q", "-m", "My own course")
    done = _run(course, installed_grade, tmp_path / "runner", BASE="", THRESHOLD="40")
    assert not marker.exists(), done.stdout + done.stderr
    assert "::notice title=week4 score::week4: 60/120 (50%25)" in done.stdout
