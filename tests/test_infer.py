"""`grade auto`: the week a submission is for, told from the graded functions it defines."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

from grader.engine import Grading, grade_week
from grader.errors import ConfigError, SubmissionError
from grader.references import References
from grader.sandbox import Sandbox
from grader.spec import GradedFunction, Part, Week
from grader.submission import load_submission
from grader.courses.infer import infer_week, looks_like
from grader.courses.registry import get_week


def _week(name: str, *functions: str) -> Week:
    graded = tuple(GradedFunction(f, 10, lambda rng, ref: []) for f in functions)
    return Week(name, name.title(), (Part("part", "Part", "part", graded),))


# Weeks 3 and 4 of the course share names, as they do here.
WEEKS = {"week3": _week("week3", "layer_sizes", "initialize_parameters", "compute_cost",
                        "nn_model", "predict"),
         "week4": _week("week4", "initialize_parameters_deep", "initialize_parameters",
                        "compute_cost", "L_model_forward", "L_model_backward")}


def _submission(tmp_path: Path, *names: str, broken: str = "") -> Path:
    path = tmp_path / "work.py"
    source = "".join(f"def {name}(x):\n    return x\n\n" for name in names)
    if broken:
        source += f"def {broken}(x:\n    return x\n"
    path.write_text(source)
    return path


@pytest.mark.parametrize("names,week", [
    (("layer_sizes", "nn_model", "compute_cost"), "week3"),
    (("L_model_forward", "compute_cost", "initialize_parameters"), "week4"),
    (("predict",), "week3"),
])
def test_the_week_with_most_of_its_functions_defined(sandbox: Sandbox, tmp_path: Path, names: tuple[str, ...],
                                                     week: str) -> None:
    assert infer_week(load_submission(_submission(tmp_path, *names), sandbox), WEEKS) == week


def test_a_definition_with_a_syntax_error_still_counts(sandbox: Sandbox, tmp_path: Path) -> None:
    path = _submission(tmp_path, "compute_cost", broken="L_model_backward")
    assert infer_week(load_submission(path, sandbox), WEEKS) == "week4"


def test_a_tie_asks_for_the_week(sandbox: Sandbox, tmp_path: Path) -> None:
    path = _submission(tmp_path, "compute_cost", "initialize_parameters")
    with pytest.raises(ConfigError) as raised:
        infer_week(load_submission(path, sandbox), WEEKS)
    assert str(raised.value) == (f"{path}: looks like week3 and week4 equally (2 graded "
                                 "functions of each); name the week instead of auto, e.g. "
                                 f"`grade week3 {path}`")


def test_nothing_graded_is_a_clear_error(sandbox: Sandbox, tmp_path: Path) -> None:
    path = _submission(tmp_path, "my_helper")
    with pytest.raises(ConfigError, match=r"work\.py: defines none of the graded functions of "
                                          r"any week \(week3, week4\)"):
        infer_week(load_submission(path, sandbox), WEEKS)


def test_looks_like_names_the_other_week_only(sandbox: Sandbox, tmp_path: Path) -> None:
    submission = load_submission(_submission(tmp_path, "layer_sizes", "nn_model"), sandbox)
    assert looks_like(submission, "week4", WEEKS) == (
        f"it looks like week3 (it defines layer_sizes, nn_model): try `grade week3 "
        f"{submission.path}`")
    assert looks_like(submission, "week3", WEEKS) == ""


def test_grading_the_wrong_week_names_the_right_one(tmp_path: Path, sandbox: Sandbox) -> None:
    path = _submission(tmp_path, "layer_sizes", "nn_model")
    with pytest.raises(SubmissionError) as raised:
        grade_week(load_submission(path, sandbox), get_week("week4"),
                   Grading(sandbox, References()))
    assert "defines none of the graded functions of week4 (" in str(raised.value)
    assert str(raised.value).endswith("; it looks like week3 (it defines layer_sizes, "
                                      f"nn_model): try `grade week3 {path}`")


def test_grade_auto_grades_the_week_it_finds() -> None:
    done = subprocess.run([sys.executable, "-m", "grader", "auto",
                           str(FIXTURES / "week4" / "learner.ipynb"), "--fail-under", "80"],
                          cwd=ROOT, text=True, capture_output=True, timeout=120)
    assert done.returncode == 1  # 58%: graded as week 4, below 80
    assert "week4 total: 70/120 (58%)" in done.stdout
    assert "learner.ipynb looks like week4" in done.stderr


def test_grade_auto_on_unrelated_code_exits_2(tmp_path: Path) -> None:
    path = _submission(tmp_path, "my_helper")
    done = subprocess.run([sys.executable, "-m", "grader", "auto", str(path)], cwd=ROOT,
                          text=True, capture_output=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert re.fullmatch(rf"grade: error: {re.escape(str(path))}: defines none of the graded "
                        r"functions of any week \(.*week4.*\); name the week instead of auto, "
                        r"e\.g\. `grade week4 …`\n", done.stderr)
