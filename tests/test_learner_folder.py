"""A learner's own folder is never a class, whatever it holds; one submission never writes a
gradebook. Each layout below made `grade week4 FOLDER` grade a learner's folder as a class of
"learners" (their helper modules among them) and write grades.db into it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ASSIGNMENTS, FIXTURES, ROOT, SOLUTIONS

from grader.batch.discover import Mode, plan
from grader.sandbox import Sandbox
from grader.courses.registry import get_week

WEEK4 = get_week("week4")
REFERENCE = SOLUTIONS / "week4" / "step_by_step.py"


def _assignment(folder: Path) -> Path:
    """The released week-4 folder: both notebooks and their helper modules."""
    shutil.copytree(ASSIGNMENTS / "week4", folder)
    return folder


def test_a_second_copy_of_the_notebook_under_another_name(sandbox: Sandbox, tmp_path: Path) -> None:
    folder = tmp_path / "week4"
    folder.mkdir()
    shutil.copy(ASSIGNMENTS / "week4" / "step_by_step.ipynb", folder / "step_by_step.ipynb")
    shutil.copy(FIXTURES / "week4" / "learner.ipynb", folder / "my attempt.ipynb")
    found = plan([folder], WEEK4, sandbox=sandbox)
    assert not found.batch and found.learners[0].path == folder
    assert "it holds step_by_step.ipynb, the assignment's own notebook" in found.note
    assert plan([folder], WEEK4, Mode.BATCH, sandbox=sandbox).batch  # the instructor can still say so


def test_the_assignment_with_its_helper_modules_and_a_pasted_copy(sandbox: Sandbox, tmp_path: Path) -> None:
    folder = _assignment(tmp_path / "week4")
    (folder / "README.md").write_text("# Week 4\n")
    shutil.copy(REFERENCE, folder / "step_by_step_backup.py")
    found = plan([folder], WEEK4, sandbox=sandbox)
    assert not found.batch
    assert "is one learner's work: it holds application.ipynb" in found.note


def test_a_helper_module_alone_is_a_sign(sandbox: Sandbox, tmp_path: Path) -> None:
    shutil.copy(ASSIGNMENTS / "week4" / "dnn_app_utils_v3.py", tmp_path)
    shutil.copy(REFERENCE, tmp_path / "mine.py")
    found = plan([tmp_path], WEEK4, sandbox=sandbox)
    assert not found.batch  # the helper module is the course's: it defines no learner's work
    assert [learner.path for learner in found.learners] == [tmp_path]


def test_a_learners_git_repository_of_loose_files(sandbox: Sandbox, tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    shutil.copy(REFERENCE, tmp_path / "forward.py")
    shutil.copy(FIXTURES / "week4" / "learner.ipynb", tmp_path / "backward.ipynb")
    found = plan([tmp_path], WEEK4, sandbox=sandbox)
    assert not found.batch and "a git repository" in found.note


def test_a_course_repository_root(sandbox: Sandbox, tmp_path: Path) -> None:
    shutil.copytree(SOLUTIONS / "week3", tmp_path / "week3")  # compute_cost & co. are week 4's
    shutil.copytree(SOLUTIONS / "week4", tmp_path / "week4")
    found = plan([tmp_path], WEEK4, sandbox=sandbox)
    assert not found.batch and "week3/, a week of the course" in found.note


def test_a_folder_of_learners_is_still_a_class(sandbox: Sandbox, tmp_path: Path) -> None:
    for learner in ("ada", "ben"):  # each holds the assignment's files: signs inside, not here
        _assignment(tmp_path / learner)
    shutil.copy(REFERENCE, tmp_path / "cleo.py")
    found = plan([tmp_path], WEEK4, sandbox=sandbox)
    assert found.batch and [l.id for l in found.learners] == ["ada", "ben", "cleo"]
    assert found.note == ""


@pytest.mark.parametrize("extra", ["fail-under", "none"])
def test_one_learners_folder_writes_no_gradebook(tmp_path: Path, extra: str) -> None:
    folder = _assignment(tmp_path / "week4")
    shutil.copy(FIXTURES / "week4" / "learner.ipynb", folder / "step_by_step-mine.ipynb")
    options = ["--fail-under", "0"] if extra == "fail-under" else []
    done = subprocess.run([sys.executable, "-m", "grader", "week4", "week4", *options], check=False,
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "week4 total:" in done.stdout
    assert "grade: note:" in done.stderr and "graded as one submission" in done.stderr
    assert not list(tmp_path.rglob("grades.db*"))
    assert ROOT not in tmp_path.parents


def test_a_course_helper_module_never_answers_for_the_learner(tmp_path: Path, grade) -> None:
    # The course's dnn_app_utils_v3.py implements every step-by-step function; beside a
    # notebook that lacks two of them, it must not earn their points.
    import nbformat

    notebook = nbformat.read(FIXTURES / "week4" / "learner.ipynb", as_version=4)
    notebook.cells = [cell for cell in notebook.cells
                      if "def linear_forward" not in cell.source
                      and "def update_parameters" not in cell.source]
    nbformat.write(notebook, tmp_path / "step_by_step.ipynb")
    shutil.copy(REFERENCE, tmp_path / "dnn_app_utils_v3.py")
    shutil.copy(REFERENCE, tmp_path / "dnn_utils.py")
    report = grade(tmp_path)
    statuses = {f.name: f.status.value for f in report.functions}
    assert statuses["linear_forward"] == statuses["update_parameters"] == "missing"
    assert report.score == 60.0  # the learner's 70, less linear_forward (update_parameters was 0)
