"""The Gradescope autograder, as Gradescope runs it: `grade gradescope` builds the zip, which is
unpacked into a simulated /autograder tree (a temporary folder, $AUTOGRADER_ROOT), and its own
`run_autograder` grades a submission with `grade` installed from a wheel. There is always a
results.json, whatever the submission: good, empty, unreadable, hostile, a whole repository.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, ROOT, SOLUTIONS, fill_notebook

from grader.courses.registry import get_week

WEEK = "week4"
FUNCTIONS = [f.name for f in get_week(WEEK).functions]


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("gradescope") / "autograder.zip"
    done = subprocess.run([sys.executable, "-m", "grader", "gradescope", WEEK, "-o", str(out),
                           "--seed", "4242"], check=False, cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert f"wrote {out}" in done.stdout and "hidden cases" in done.stdout
    return out


def _autograder(package: Path, tmp_path: Path) -> Path:
    """/autograder as Gradescope lays it out: source/ unpacked, submission/, results/."""
    root = tmp_path / "autograder"
    with zipfile.ZipFile(package) as archive:
        archive.extractall(root / "source")
    for name in ("setup.sh", "run_autograder"):  # zipfile keeps no modes: Gradescope's does
        (root / "source" / name).chmod(0o755)
    shutil.copy(root / "source" / "run_autograder", root / "run_autograder")
    (root / "submission").mkdir()
    return root


def _run(root: Path, bin_folder: Path) -> dict[str, Any]:
    done = subprocess.run([str(root / "run_autograder")], check=False, cwd=root,
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "AUTOGRADER_ROOT": str(root),
                               "PATH": f"{bin_folder}{os.pathsep}{os.environ['PATH']}"})
    assert done.returncode == 0, done.stderr
    results = json.loads((root / "results" / "results.json").read_text())
    _valid(results)
    return results


def _valid(results: dict[str, Any]) -> None:
    """The fields Gradescope reads, with their types."""
    assert isinstance(results["score"], (int, float))
    assert isinstance(results.get("output", ""), str)
    for test in results["tests"]:
        assert {"name", "score", "max_score", "status", "output"} <= test.keys()
        assert test["status"] in ("passed", "failed")
        assert 0 <= test["score"] <= test["max_score"]


def test_the_package_holds_what_gradescope_needs(package: Path) -> None:
    names = zipfile.ZipFile(package).namelist()
    assert {"setup.sh", "run_autograder", "seed", "grade/pyproject.toml",
            "grade/grader/autograder.py", "grade/grader/cases/week4.h5",
            "solutions/week4/step_by_step.py"} <= set(names)
    assert not any("__pycache__" in name or name.startswith("solutions/week3") for name in names)
    modes = {i.filename: i.external_attr >> 16 for i in zipfile.ZipFile(package).infolist()}
    assert modes["run_autograder"] & 0o111 and modes["setup.sh"] & 0o111
    setup = zipfile.ZipFile(package).read("setup.sh").decode()
    assert "pip install --quiet ./grade" in setup
    assert subprocess.run(["bash", "-n"], check=False, input=setup, text=True).returncode == 0


def test_a_good_submission_on_hidden_cases(package: Path, installed_grade: Path,
                                           tmp_path: Path) -> None:
    root = _autograder(package, tmp_path)
    for part in ("step_by_step", "application"):
        fill_notebook(ROOT / "assignments" / WEEK / f"{part}.ipynb",
                      SOLUTIONS / WEEK / f"{part}.py", root / "submission" / f"{part}.ipynb")
    results = _run(root, installed_grade)
    assert results["score"] == 120.0
    assert [t["name"] for t in results["tests"]] == FUNCTIONS
    assert all(t["status"] == "passed" for t in results["tests"])
    assert "(hidden cases)" in results["output"] and "4242" not in json.dumps(results)


def test_a_whole_repository_uploaded_grades_its_week_folder(
        package: Path, installed_grade: Path, tmp_path: Path) -> None:
    root = _autograder(package, tmp_path)
    week = root / "submission" / "assignments" / WEEK
    shutil.copytree(ROOT / "assignments" / WEEK, week)
    shutil.copy(FIXTURES / "week4" / "learner.ipynb", week / "step_by_step.ipynb")
    shutil.copytree(ROOT / "assignments" / "week3", root / "submission" / "assignments" / "week3")
    results = _run(root, installed_grade)
    assert 0 < results["score"] < 120
    assert not list(root.rglob("grades.db*"))


@pytest.mark.parametrize("kind", ["empty", "unreadable", "another week"])
def test_a_submission_that_cannot_be_graded_still_gets_results(
        package: Path, installed_grade: Path, tmp_path: Path, kind: str) -> None:
    root = _autograder(package, tmp_path)
    if kind == "unreadable":
        (root / "submission" / "step_by_step.ipynb").write_text("{ this is not a notebook")
    elif kind == "another week":
        shutil.copy(FIXTURES / "week3" / "wrong" / "layer_sizes.py", root / "submission")
    results = _run(root, installed_grade)
    assert results["score"] == 0
    assert [t["name"] for t in results["tests"]] == FUNCTIONS
    assert all(t["score"] == 0 and t["status"] == "failed" for t in results["tests"])
    expected = {"empty": "the folder holds no .py file and no notebook",
                "unreadable": "step_by_step.ipynb",
                "another week": "it looks like week3"}[kind]
    assert expected in results["output"]


def test_a_hostile_submission_still_gets_results(package: Path, installed_grade: Path,
                                                 tmp_path: Path) -> None:
    root = _autograder(package, tmp_path)
    for name in ("kill_grader.py", "fork_bomb.py", "write_files.py"):
        shutil.copy(ROOT / "tests" / "hostile" / name, root / "submission" / name)
    results = _run(root, installed_grade)
    assert results["score"] < 120
    statuses = {t["name"]: t["status"] for t in results["tests"]}
    assert statuses["linear_forward"] == "failed"


def test_when_grade_cannot_start_there_is_still_a_results_json(
        package: Path, tmp_path: Path) -> None:
    root = _autograder(package, tmp_path)
    broken = tmp_path / "bin"
    broken.mkdir()
    fake = broken / "python3"  # a machine where setup.sh failed: no grade to import
    fake.write_text("#!/bin/sh\nexit 1\n")
    fake.chmod(0o755)
    results = _run(root, broken)
    assert results["score"] == 0 and results["tests"] == []
    assert "could not start" in results["output"]


def test_a_course_uploaded_with_a_submission_is_never_the_grader_s(tmp_path: Path) -> None:
    """Whatever folder run_autograder starts in (here, inside the upload), a grade.toml uploaded
    beside the notebook does not make its own spec the one graded, nor run in the grader."""
    root = tmp_path / "autograder"
    upload = root / "submission"
    upload.mkdir(parents=True)
    marker = tmp_path / "spec-ran"
    (upload / "grade.toml").write_text('[course]\nname = "neural-networks"\ntitle = "mine"\n')
    (upload / "week4").mkdir()
    (upload / "week4" / "spec.py").write_text(
        f"import pathlib\npathlib.Path({str(marker)!r}).write_text('ran')\n")
    done = subprocess.run([sys.executable, "-m", "grader.autograder", str(root), WEEK],
                          check=False, cwd=upload, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    assert not marker.exists()
    results = json.loads((root / "results" / "results.json").read_text())
    _valid(results)
    assert [t["name"].split()[0] for t in results["tests"]][:1] == [FUNCTIONS[0]]
