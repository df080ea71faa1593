"""The `grade` command as a user runs it: real processes, exit codes, key lines of output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, SOLUTIONS
from grader.courses.registry import built_in

WEEK_NAMES = built_in().assignments


def grade(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "grader", *args], cwd=cwd, text=True,
                          capture_output=True, timeout=120)


def test_references_get_full_marks_and_exit_0() -> None:
    done = grade("week4", "solutions/week4")
    assert done.returncode == 0, done.stderr
    assert "week4 total: 120/120 (100%)" in done.stdout
    assert "\033[" not in done.stdout  # no colours when not on a terminal


def test_without_a_path_the_working_copy_is_graded() -> None:
    done = grade("week4")
    assert done.returncode == 0, done.stderr
    assert "(assignments/week4)" in done.stdout and "week4 total: 0/120" in done.stdout
    assert done.stdout.count("not implemented") == 12


def test_json_report_has_the_documented_shape() -> None:
    done = grade("week4", str(FIXTURES / "week4" / "wrong" / "linear_forward.py"),
                 "--format", "json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert {"week", "submission", "score", "max_score", "functions"} <= report.keys()
    assert report["week"] == "week4" and report["score"] == 0.0 and report["max_score"] == 120.0
    functions = {f["name"]: f for f in report["functions"]}
    linear = functions["linear_forward"]
    assert {"name", "score", "max_score", "part", "status", "checks"} <= linear.keys()
    assert linear["status"] == "fail" and linear["part"] == "step_by_step"
    values = next(c for c in linear["checks"] if c["status"] == "fail")
    assert values["name"] == "values" and values["hint"].startswith("Z is missing the bias")
    assert {"name", "status", "message", "hint"} <= values.keys()
    assert functions["compute_cost"]["status"] == "missing"


def test_fail_under_exits_1_below_the_threshold() -> None:
    assert grade("week4", "--fail-under", "50").returncode == 1
    assert grade("week4", "solutions/week4", "--fail-under", "100").returncode == 0


@pytest.mark.parametrize("args,message", [
    (("week4", "no/such/file.py"), "no/such/file.py: no such file or folder"),
    (("week9",), f"no command or assignment named 'week9'; the assignments are {', '.join(WEEK_NAMES)}"),
    (("week4", "--format", "pdf"), "Invalid value for '--format'"),
])
def test_usage_errors_and_unreadable_submissions_exit_2(args: tuple[str, ...],
                                                        message: str) -> None:
    done = grade(*args)
    assert done.returncode == 2
    assert message in done.stderr


def test_a_malformed_notebook_is_one_line_and_exit_2(tmp_path: Path) -> None:
    notebook = tmp_path / "broken.ipynb"
    notebook.write_text("{ this is not json")
    done = grade("week4", str(notebook))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "broken.ipynb: not a notebook" in done.stderr


def test_no_working_copy_here_is_a_clear_error(tmp_path: Path) -> None:
    done = grade("week4", cwd=tmp_path)
    assert done.returncode == 2 and "assignments/week4 does not exist" in done.stderr


def test_a_submission_of_another_week_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.py"
    other.write_text("def layer_sizes(X, Y):\n    return 1, 4, 1\n")
    done = grade("week4", str(other))
    assert done.returncode == 2 and "defines none of the graded functions of week4" in done.stderr


def test_several_formats_to_several_files(tmp_path: Path) -> None:
    done = grade("week4", str(SOLUTIONS / "week4"), "--format", "json", "--format", "text",
                 "--output", str(tmp_path / "r.json"), "--output", str(tmp_path / "r.txt"))
    assert done.returncode == 0 and done.stdout == ""
    assert json.loads((tmp_path / "r.json").read_text())["score"] == 120.0
    assert "week4 total: 120/120" in (tmp_path / "r.txt").read_text()


def test_help_documents_the_exit_codes() -> None:
    done = grade("week4", "--help")
    assert done.returncode == 0
    for line in ("0  graded", "1  the score is below --fail-under", "2  usage error",
                 "3  internal error"):
        assert line in done.stdout


def test_an_internal_error_exits_3(tmp_path: Path) -> None:
    solutions = tmp_path / "solutions" / "week4"
    solutions.mkdir(parents=True)
    (solutions / "step_by_step.py").write_text("raise RuntimeError('broken reference')\n")
    done = subprocess.run([sys.executable, "-m", "grader", "week4", "solutions/week4"],
                          cwd=ROOT, text=True, capture_output=True, timeout=120,
                          env={**__import__("os").environ,
                               "GRADE_SOLUTIONS": str(tmp_path / "solutions")})
    assert done.returncode == 3
    assert "internal error" in done.stderr and "broken reference" in done.stderr


def test_list_shows_functions_points_and_checks() -> None:
    done = grade("list", "week4")
    assert done.returncode == 0
    assert "week4  Week 4: deep neural networks  (120 points)" in done.stdout
    line = next(l for l in done.stdout.splitlines() if l.strip().startswith("L_model_backward"))
    assert "10" in line and "gradient" in line and "known mistakes" in line


def test_a_secret_seed_grades_hidden_cases_and_never_shows(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "grader", "week4", "solutions/week4",
                           "--format", "json", "--format", "text", "--output",
                           str(tmp_path / "r.json"), "--output", "-"], cwd=ROOT, text=True,
                          capture_output=True, timeout=120,
                          env={**__import__("os").environ, "GRADE_SEED": "987654321"})
    assert done.returncode == 0, done.stderr
    report = (tmp_path / "r.json").read_text()
    assert json.loads(report)["cases"] == "hidden" and "hidden cases" in done.stdout
    assert "987654321" not in report + done.stdout + done.stderr
