"""Hostile files: what a submission's files (not its code) can do to the grader that reads them.

Links to the references or to /proc, special files, a file whose size or shape makes parsing
cost gigabytes or minutes: each is refused or bounded, named in the report, and costs the grader
neither its memory nor its time; the other files and learners are graded as usual.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from conftest import SOLUTIONS, GradeFn, run_measured

from grader.errors import SubmissionError
from grader.sandbox import Sandbox, SandboxLimits
from grader.submission import load_submission

LIMITS = SandboxLimits(seconds_per_call=2.0, memory_mib=256, output_kib=16)
@pytest.fixture(scope="module")
def bounded() -> Sandbox:
    with Sandbox.start(LIMITS) as sandbox:
        yield sandbox  # type: ignore[misc]


def test_a_link_to_the_references_is_not_followed(grade: GradeFn, tmp_path: Path) -> None:
    """A folder of links to solutions/ scored 120/120; now each link is refused and named."""
    for name in ("step_by_step.py", "application.py"):
        (tmp_path / name).symlink_to(SOLUTIONS / "week4" / name)
    (tmp_path / "mine.py").write_text("def linear_forward(A, W, b):\n    return None\n")
    report = grade(tmp_path)
    assert report.score == 0
    problems = " ".join(report.problems)
    assert "step_by_step.py: a link (to a file outside the submission)" in problems
    assert "only regular files are read" in problems


def test_a_linked_folder_is_not_followed(grade: GradeFn, tmp_path: Path) -> None:
    (tmp_path / "mine.py").write_text("def linear_forward(A, W, b):\n    return None\n")
    (tmp_path / "borrowed").symlink_to(SOLUTIONS / "week4", target_is_directory=True)
    report = grade(tmp_path)
    assert report.score == 0 and "borrowed: a link" in " ".join(report.problems)


def test_a_submission_that_is_a_link_is_refused(sandbox: Sandbox, tmp_path: Path) -> None:
    link = tmp_path / "submission.py"
    link.symlink_to(SOLUTIONS / "week4" / "step_by_step.py")
    with pytest.raises(SubmissionError, match="is a symbolic link"):
        load_submission(link, sandbox)


@pytest.mark.parametrize("target", ["/proc/self/mem", "/dev/zero", "/dev/urandom"])
def test_links_to_special_files_are_refused_not_read(sandbox: Sandbox, tmp_path: Path,
                                                     target: str) -> None:
    (tmp_path / "ok.py").write_text("def linear_forward(A, W, b):\n    return None\n")
    (tmp_path / "trap.py").symlink_to(target)
    submission = load_submission(tmp_path, sandbox)
    assert submission.defined == {"linear_forward"}
    assert any("trap.py: a link" in p for p in submission.problems)


def test_a_pipe_is_refused_without_waiting(sandbox: Sandbox, tmp_path: Path) -> None:
    (tmp_path / "ok.py").write_text("def linear_forward(A, W, b):\n    return None\n")
    os.mkfifo(tmp_path / "pipe.py")
    started = time.monotonic()
    submission = load_submission(tmp_path, sandbox)
    assert time.monotonic() - started < 10
    assert any("pipe.py: not a regular file" in p for p in submission.problems)
    with pytest.raises(SubmissionError, match="not a regular file"):
        load_submission(tmp_path / "pipe.py", sandbox)


def test_loading_is_linear_in_the_number_of_statements(bounded: Sandbox,
                                                       tmp_path: Path) -> None:
    """200 KB of constant assignments took six minutes (each statement compiled after all the
    lines before it); now twice as many statements take about twice as long."""
    seconds = []
    for count in (4000, 16000):
        path = tmp_path / f"constants_{count}.py"
        path.write_text("".join(f"a{i} = {i}\n" for i in range(count)) +
                        "def linear_forward(A, W, b):\n    return None\n")
        started = time.monotonic()
        assert "linear_forward" in load_submission(path, bounded).defined
        seconds.append(time.monotonic() - started)
    assert seconds[1] < 8 * seconds[0] + 1.0  # quadratic would be 16 times
    assert seconds[1] < 30


@pytest.mark.parametrize("kind", ["py", "notebook"])
def test_a_huge_literal_is_unreadable_not_gigabytes(tmp_path: Path, kind: str) -> None:
    """An 8 MB literal drove the grader to gigabytes while it parsed; the parse child now runs
    out of its memory limit instead, and the grader says the file is too large."""
    literal = "X = [" + "1," * 3_500_000 + "]\n"  # 7 MB
    if kind == "py":
        path = tmp_path / "huge.py"
        path.write_text(literal + "def linear_forward(A, W, b):\n    return None\n")
    else:
        path = tmp_path / "huge.ipynb"
        cells = [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
                  "source": source} for source in
                 (literal, "def linear_forward(A, W, b):\n    return None\n")]
        path.write_text(json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {},
                                    "cells": cells}))
    done, peak_mib, seconds = run_measured("week4", str(path), "--memory", "256")
    assert done.returncode == 2
    assert "too large" in done.stderr and path.name in done.stderr
    assert peak_mib < 400, peak_mib  # the grader's own memory: never the gigabytes
    assert seconds < 120


def test_deeply_nested_json_is_unreadable(sandbox: Sandbox, tmp_path: Path) -> None:
    path = tmp_path / "deep.ipynb"
    path.write_text("[" * 200_000 + "]" * 200_000)
    with pytest.raises(SubmissionError, match="deep.ipynb"):
        load_submission(path, sandbox)


HOSTILE = Path(__file__).resolve().parent / "hostile"
# Learners whose code attacks, each a copy of the references with one function replaced (it
# loses those 10 points, and no more): file → the function it replaces.
CODE_ATTACKS = {"oracle_sibling_cache": "linear_forward", "oracle_backward": "linear_backward",
                "sysv_message_queue": "linear_forward", "sysv_shared_memory": "linear_forward",
                "prlimit_others": "linear_forward", "renice_others": "linear_forward",
                "read_secret_seed": "linear_forward", "forged_frame": "linear_forward",
                "kill_grader": "linear_forward", "fork_bomb": "linear_forward",
                "memory_bomb": "linear_forward", "infinite_loop": "linear_forward"}


def test_a_class_with_hostile_learners_of_every_kind(tmp_path: Path) -> None:
    """One hostile learner of each kind among honest ones, on a hidden seed: every honest
    learner keeps full marks (those graded after the attacks too), every attacker loses what
    its attack costs and no more, the file bombs are unreadable, and the class finishes
    within bounds, with the grader's own memory small."""
    from conftest import replace_function

    root = tmp_path / "class"
    root.mkdir()
    reference = SOLUTIONS / "week4" / "step_by_step.py"

    def learner(name: str, step_by_step: str) -> None:
        (root / name).mkdir()
        (root / name / "step_by_step.py").write_text(step_by_step)
        (root / name / "application.py").write_text(
            (SOLUTIONS / "week4" / "application.py").read_text())

    for honest in ("aa_first", "zz_after_1", "zz_after_2"):
        learner(honest, reference.read_text())
    for attack, function in CODE_ATTACKS.items():
        learner(attack, replace_function(reference, HOSTILE / f"{attack}.py", function))
    (root / "mal.py").symlink_to("/proc/self/mem")
    os.mkfifo(root / "pip.py")
    (root / "zed.py").write_text("X = [" + "1," * 3_500_000 + "]\n"
                                 "def linear_forward(A, W, b):\n    return None\n")
    (root / "eve").mkdir()
    (root / "eve" / "step_by_step.py").symlink_to(reference)
    (root / "eve" / "mine.py").write_text("def compute_cost(AL, Y):\n    return 0.0\n")
    gradebook = tmp_path / "grades.db"
    done, peak_mib, seconds = run_measured(
        "week4", str(root), "--jobs", "2", "--memory", "256", "--timeout", "2",
        "--seed", "20261125", "--gradebook", str(gradebook))
    assert done.returncode == 0, done.stderr
    assert seconds < 400 and peak_mib < 400, (seconds, peak_mib)
    import sqlite3

    with sqlite3.connect(gradebook) as db:
        rows = dict(db.execute("SELECT l.name, s.status || ':' || COALESCE(s.score, '') FROM "
                               "submissions s JOIN learners l ON l.id = s.learner_id"))
    for honest in ("aa_first", "zz_after_1", "zz_after_2"):
        assert rows.pop(honest) == "graded:120.0"
    for attack in CODE_ATTACKS:
        assert rows.pop(attack) == "graded:110.0", attack
    assert rows.pop("eve") == "graded:0.0"  # the linked references were not read
    assert {name: row.split(":")[0] for name, row in rows.items()} == {
        "mal": "unreadable", "pip": "unreadable", "zed": "unreadable"}


def test_references_installed_in_site_packages_are_out_of_reach(installed_grade: Path,
                                                                 tmp_path: Path) -> None:
    """A non-editable install: grade from a wheel in a fresh environment, and the references
    installed as a package in that environment's site-packages (where a child could read them
    when Landlock allowed all of site-packages). The child can neither read nor import them,
    nor read the installed grader; the grading itself finds them (GRADE_SOLUTIONS)."""
    from conftest import replace_function

    python = installed_grade / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; "
                              "print(sysconfig.get_path('purelib'))"], check=True,
                             capture_output=True, text=True, timeout=60).stdout.strip()
    installed = Path(purelib) / "course_solutions"
    shutil.copytree(SOLUTIONS, installed)
    reference = installed / "week4" / "step_by_step.py"
    hostile = tmp_path / "linear_forward.py"
    hostile.write_text((Path(__file__).parent / "hostile" / "read_solutions_file.py")
                       .read_text().replace("__REFERENCE__", str(reference)))
    submission = tmp_path / "mine.py"
    submission.write_text(replace_function(SOLUTIONS / "week4" / "step_by_step.py", hostile))
    done = subprocess.run([str(installed_grade / "grade"), "week4", str(submission), "--format",
                           "json"], capture_output=True, text=True, timeout=300, check=False,
                          cwd=tmp_path, env={**os.environ, "GRADE_SOLUTIONS": str(installed)})
    assert done.returncode == 0, done.stderr
    functions = {f["name"]: f for f in json.loads(done.stdout)["functions"]
                 if f["part"] == "step_by_step"}
    result = functions.pop("linear_forward")
    assert result["status"] == "error"
    assert "Permission denied" in " ".join(c["message"] + (c.get("detail") or "")
                                           for c in result["checks"])
    assert {f["status"] for f in functions.values()} == {"pass"}  # the references were used
