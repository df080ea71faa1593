"""`grade all`: every week in one run, a report per week and a total, missing weeks reported."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from grader.cli.all_weeks import week_paths
from grader.errors import ConfigError
from grader.courses.registry import built_in

from conftest import ASSIGNMENTS, ROOT, SOLUTIONS

NAMES = built_in().assignments


def grade(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "grader", *args], cwd=cwd, text=True,
                          capture_output=True, timeout=120)


def test_the_references_of_every_week_get_full_marks() -> None:
    done = grade("all", "solutions", "--format", "json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert [week["week"] for week in report["weeks"]] == list(NAMES)
    assert [week["submission"] for week in report["weeks"]] == [f"solutions/{w}" for w in NAMES]
    assert report["score"] == report["max_score"] == 340.0
    parts = {(f["part"], f["name"]) for f in report["weeks"][0]["functions"]}
    assert ("numpy_basics", "sigmoid") in parts and ("logistic_regression", "sigmoid") in parts


def test_without_a_path_the_working_copies_are_graded(tmp_path: Path) -> None:
    shutil.copytree(ASSIGNMENTS, tmp_path / "assignments")
    done = grade("all", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    for name in NAMES:
        assert f"{name} total: 0/" in done.stdout
    assert "All weeks: 0/340 (0%)" in done.stdout


def test_a_week_without_a_submission_is_reported_and_the_others_graded(tmp_path: Path) -> None:
    shutil.copytree(SOLUTIONS / "week3", tmp_path / "week3")
    done = grade("all", str(tmp_path), "--fail-under", "20")
    assert done.returncode == 0, done.stderr
    assert "week3 total: 80/80 (100%)" in done.stdout
    assert f"{tmp_path / 'week2'}: no such file or folder" in done.stdout
    assert "week2 total: 0/140" in done.stdout and "week4 total: 0/120" in done.stdout
    assert "All weeks: 80/340 (24%)" in done.stdout


def test_one_file_serves_each_week_with_its_own_functions(tmp_path: Path) -> None:
    done = grade("all", str(SOLUTIONS / "week3" / "planar.py"), "--format", "json")
    assert done.returncode == 0, done.stderr
    weeks = {week["week"]: week for week in json.loads(done.stdout)["weeks"]}
    assert weeks["week3"]["score"] == 80.0
    # compute_cost, update_parameters… are week 4's names too, but this file is week 3's
    assert weeks["week4"]["score"] == 0.0
    assert "defines none of the functions only week4 has" in weeks["week4"]["problems"][0]
    assert {f["status"] for f in weeks["week4"]["functions"]} == {"missing"}


def test_nothing_to_grade_is_exit_2(tmp_path: Path) -> None:
    (tmp_path / "notes.py").write_text("def hello():\n    return 1\n")
    done = grade("all", str(tmp_path / "notes.py"))
    assert done.returncode == 2 and "nothing to grade" in done.stderr
    done = grade("all", cwd=tmp_path)
    assert done.returncode == 2 and "holds none of week2/, week3/, week4/" in done.stderr


def test_where_each_weeks_submission_is(tmp_path: Path) -> None:
    weeks = ("week2", "week3")
    (tmp_path / "week3").mkdir()
    assert week_paths(tmp_path, weeks) == {w: tmp_path / w for w in weeks}
    flat = tmp_path / "week3"
    assert week_paths(flat, weeks) == {w: flat for w in weeks}
    assert week_paths(tmp_path / "x.py", weeks) == {w: tmp_path / "x.py" for w in weeks}
    with pytest.raises(ConfigError):
        week_paths(None, ("week9",))
