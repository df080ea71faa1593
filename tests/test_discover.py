"""One learner's work or a class? The rule, its overrides, and the learners' ids."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ASSIGNMENTS, SOLUTIONS

from grader.batch.discover import Mode, base_name, entries, plan
from grader.errors import ConfigError, SubmissionError
from grader.sandbox import Sandbox
from grader.spec import GradedFunction, Part, Week
from grader.courses.registry import get_week

WEEK4 = get_week("week4")
REFERENCE = SOLUTIONS / "week4" / "step_by_step.py"


def _function(name: str) -> GradedFunction:
    return GradedFunction(name, 10, cases=lambda rng, reference: [])


# A week of two assignments that both define `sigmoid`, as week 2 of the course does.
TWO_PARTS = Week("week2", "Two parts", (
    Part("basics", "Python basics", "basics",
         tuple(_function(n) for n in ("basic_sigmoid", "sigmoid", "image2vector", "softmax"))),
    Part("logistic", "Logistic regression", "logistic",
         tuple(_function(n) for n in ("sigmoid", "initialize_with_zeros", "propagate"))),
))


def _define(path: Path, *names: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(f"def {name}(x):\n    return x\n\n" for name in names))
    return path


def test_the_learners_working_copy_stays_one_submission(sandbox: Sandbox) -> None:
    found = plan([ASSIGNMENTS / "week4"], WEEK4, sandbox=sandbox)
    assert not found.batch and found.learners[0].path == ASSIGNMENTS / "week4"


def test_the_references_folder_stays_one_submission(sandbox: Sandbox) -> None:
    assert not plan([SOLUTIONS / "week4"], WEEK4, sandbox=sandbox).batch


def test_a_folder_of_learners_files_is_a_class(sandbox: Sandbox, tmp_path: Path) -> None:
    shutil.copy(REFERENCE, tmp_path / "ada.py")
    shutil.copy(ASSIGNMENTS / "week4" / "step_by_step.ipynb", tmp_path / "ben.ipynb")
    (tmp_path / "README.md").write_text("instructions")
    found = plan([tmp_path], WEEK4, sandbox=sandbox)
    assert found.batch
    assert [(l.id, l.path.name) for l in found.learners] == [
        ("README", "README.md"), ("ada", "ada.py"), ("ben", "ben.ipynb")]
    assert "ada.py and ben.ipynb both define functions of step_by_step" in found.reason


def test_a_folder_of_learners_folders_is_a_class(sandbox: Sandbox, tmp_path: Path) -> None:
    for learner in ("ada", "ben"):
        shutil.copytree(ASSIGNMENTS / "week4", tmp_path / learner)
    found = plan([tmp_path], WEEK4, sandbox=sandbox)
    assert found.batch and [l.id for l in found.learners] == ["ada", "ben"]


def test_one_notebook_per_part_is_one_learner_even_when_both_define_sigmoid(sandbox: Sandbox, 
        tmp_path: Path) -> None:
    _define(tmp_path / "basics.py", "basic_sigmoid", "sigmoid", "image2vector", "softmax")
    _define(tmp_path / "logistic.py", "sigmoid", "initialize_with_zeros", "propagate")
    _define(tmp_path / "helpers.py", "sigmoid")  # as much one part as the other: no vote
    assert not plan([tmp_path], TWO_PARTS, sandbox=sandbox).batch


def test_a_class_of_that_two_part_week_is_still_a_class(sandbox: Sandbox, tmp_path: Path) -> None:
    for learner in ("ada", "ben"):
        _define(tmp_path / learner / "basics.py", "basic_sigmoid", "sigmoid", "softmax")
        _define(tmp_path / learner / "logistic.py", "sigmoid", "propagate")
    assert plan([tmp_path], TWO_PARTS, sandbox=sandbox).batch


def test_copies_of_one_notebook_are_one_learner(sandbox: Sandbox, tmp_path: Path) -> None:
    notebook = ASSIGNMENTS / "week4" / "step_by_step.ipynb"
    for name in ("step_by_step.ipynb", "step_by_step-Copy1.ipynb", "step_by_step (2).ipynb"):
        shutil.copy(notebook, tmp_path / name)
    shutil.copy(REFERENCE, tmp_path / "step_by_step.py")
    assert not plan([tmp_path], WEEK4, sandbox=sandbox).batch
    assert plan([tmp_path], WEEK4, Mode.BATCH, sandbox=sandbox).batch


@pytest.mark.parametrize("name,base", [
    ("step_by_step-Copy1.ipynb", "step_by_step"), ("step_by_step (2).ipynb", "step_by_step"),
    ("notebook copy.py", "notebook"), ("Week4_copy2.py", "week4"), ("jacopy.py", "jacopy"),
])
def test_copy_suffixes_are_ignored(tmp_path: Path, name: str, base: str) -> None:
    assert base_name(tmp_path / name) == base


def test_several_paths_are_always_a_class(sandbox: Sandbox, tmp_path: Path) -> None:
    first = shutil.copy(REFERENCE, tmp_path / "ada.py")
    found = plan([Path(first), ASSIGNMENTS / "week4"], WEEK4, sandbox=sandbox)
    assert found.batch and [l.id for l in found.learners] == ["ada", "week4"]
    with pytest.raises(ConfigError, match="--single grades one path"):
        plan([Path(first), ASSIGNMENTS / "week4"], WEEK4, Mode.SINGLE, sandbox=sandbox)
    with pytest.raises(SubmissionError, match="no such file or folder"):
        plan([Path(first), tmp_path / "typo.py"], WEEK4, sandbox=sandbox)


def test_overrides_force_either_reading(sandbox: Sandbox, tmp_path: Path) -> None:
    forced = plan([ASSIGNMENTS / "week4"], WEEK4, Mode.BATCH, sandbox=sandbox)
    assert forced.batch and [l.id for l in forced.learners] == [
        "application", "dnn_app_utils_v3", "dnn_utils", "lr_utils", "step_by_step"]
    shutil.copy(REFERENCE, tmp_path / "ada.py")
    shutil.copy(REFERENCE, tmp_path / "ben.py")
    single = plan([tmp_path], WEEK4, Mode.SINGLE, sandbox=sandbox)
    assert not single.batch and single.learners[0].path == tmp_path


def test_ids_fall_back_to_full_names_and_clashes_are_refused(sandbox: Sandbox, tmp_path: Path) -> None:
    _define(tmp_path / "ada.py", "linear_forward")
    _define(tmp_path / "ada.ipynb.py", "linear_forward")
    shutil.copy(ASSIGNMENTS / "week4" / "step_by_step.ipynb", tmp_path / "ada.ipynb")
    ids = [l.id for l in plan([tmp_path], WEEK4, sandbox=sandbox).learners]
    assert ids == ["ada.ipynb", "ada.ipynb.py", "ada.py"]
    twin = _define(tmp_path / "other" / "ada.py", "linear_forward")
    with pytest.raises(ConfigError, match="two submissions are named 'ada.py'"):
        plan([tmp_path / "ada.py", tmp_path / "ada.ipynb", twin], WEEK4, sandbox=sandbox)


def test_hidden_entries_caches_and_the_gradebook_are_not_learners(tmp_path: Path) -> None:
    for name in (".git", "__pycache__", ".ipynb_checkpoints"):
        (tmp_path / name).mkdir()
    for name in ("grades.db", "grades.db-wal", ".hidden.py", "ada.py"):
        (tmp_path / name).write_text("x = 1\n")
    found = entries(tmp_path, [tmp_path / "grades.db", tmp_path / "grades.db-wal"])
    assert [p.name for p in found] == ["ada.py"]


def test_an_empty_folder_is_no_class(sandbox: Sandbox, tmp_path: Path) -> None:
    assert not plan([tmp_path], WEEK4, sandbox=sandbox).batch
    with pytest.raises(ConfigError, match="holds no submission"):
        plan([tmp_path], WEEK4, Mode.BATCH, sandbox=sandbox)
