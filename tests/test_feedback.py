"""Feedback that teaches: figures, hints, gradient verdicts, habits, tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat

from grader.properties import warnings_for
from grader.render import render
from grader.results import CheckStatus, Report, Status

from conftest import FIXTURES, SOLUTIONS, GradeFn, replace_function

REFERENCE = SOLUTIONS / "week4" / "step_by_step.py"
WRONG = FIXTURES / "week4" / "wrong"


def graded(grade: GradeFn, tmp_path: Path, name: str, source: str | None = None):
    path = tmp_path / "submission.py"
    wrong = WRONG / f"{name}.py"
    if source is not None:
        wrong = tmp_path / f"{name}.py"
        wrong.write_text(source)
    path.write_text(replace_function(REFERENCE, wrong, name))
    report = grade(path)
    return report, next(f for f in report.functions if f.name == name)


def test_a_value_mismatch_in_text_and_json(grade: GradeFn, tmp_path: Path) -> None:
    report, result = graded(grade, tmp_path, "compute_cost")
    text = render(Report((report,)), "text")
    assert "cost is 0.83932969; expected 0.27977656" in text
    assert "case 'course example' (AL (1, 3), Y (1, 3))" in text
    assert "hint     the cost is m times too large" in text
    data = json.loads(render(Report((report,)), "json"))
    check = next(c for f in data["functions"] if f["name"] == "compute_cost"
                 for c in f["checks"] if c["status"] == "fail")
    assert check["mismatch"]["level"] == "values" and check["mismatch"]["total"] == 1
    assert check["mismatch"]["rtol"] == 1e-05


def test_positions_largest_differences_and_tolerance_are_reported(grade: GradeFn,
                                                                  tmp_path: Path) -> None:
    report, result = graded(grade, tmp_path, "linear_forward")
    check = next(c for c in result.checks if c.status is CheckStatus.FAIL)
    assert check.mismatch is not None and check.mismatch.differing == check.mismatch.total == 2
    text = render(Report((report,)), "text")
    assert "Z: 2 / 2 values differ (100%)" in text
    assert "[0, 0]: yours=3.5123238, expected=3.2629534" in text
    assert "tolerance rtol=1e-05 atol=1e-08" in text


def test_gradients_are_judged_one_by_one_and_against_the_learners_own_forward(
        grade: GradeFn, tmp_path: Path) -> None:
    report, result = graded(grade, tmp_path, "L_model_backward")
    gradients = {c.name: c for c in result.checks if c.name.startswith("gradient ")}
    assert set(gradients) == {"gradient dA0", "gradient dW1", "gradient db1", "gradient dA1",
                              "gradient dW2", "gradient db2"}
    assert all(c.status is CheckStatus.FAIL and c.measure is not None and c.measure > 0.5
               for c in gradients.values())
    assert any("do not agree with your own linear_activation_forward and compute_cost" in note
               for note in result.notes)


def test_correct_gradients_pass_their_check(grade: GradeFn) -> None:
    report = grade(SOLUTIONS / "week4")
    result = next(f for f in report.functions if f.name == "linear_activation_backward")
    gradients = [c for c in result.checks if c.name.startswith("gradient ")]
    assert len(gradients) == 3 and all(c.measure < 1e-7 for c in gradients)


def test_habits_are_warnings_not_penalties(grade: GradeFn, tmp_path: Path) -> None:
    source = '''import math
import numpy as np


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = np.zeros(W.shape)
    for i in range(m):
        dW += np.outer(dZ[:, i], A_prev[:, i]) / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    scale = math.exp(0.0)
    return np.dot(W.T, dZ) * scale, dW, db
'''
    report, result = graded(grade, tmp_path, "linear_backward", source)
    assert result.status is Status.PASS
    assert any("loops over the training examples (range(m))" in w for w in result.warnings)
    assert any("uses math.exp" in w for w in result.warnings)


def test_static_habits() -> None:
    source = "def f(n, X):\n    b = np.zeros(n)\n    w = np.random.randn(n)\n    ok = np.zeros((n, 1))\n"
    warnings = warnings_for(source, first_line=10)
    assert [w.split(" creates")[0] for w in warnings] == ["line 11", "line 12"]
    assert warnings_for("def f(X):\n    for i in range(X.shape[1]):\n        pass\n")
    assert not warnings_for("def f(X):\n    for l in range(1, L):\n        pass\n")
    assert not warnings_for("def f(x):\n    return math.exp(-x)\n", math_allowed=True)


def test_a_traceback_shows_the_learners_own_notebook_lines(grade: GradeFn,
                                                           tmp_path: Path) -> None:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# My work"),
        nbformat.v4.new_code_cell("import numpy as np"),
        nbformat.v4.new_code_cell("# GRADED FUNCTION: linear_forward\n\ndef linear_forward(A, W, b):"
                                  "\n    Z = np.dot(A, W) + b\n    return Z, (A, W, b)"),
    ]
    path = tmp_path / "mine.ipynb"
    nbformat.write(notebook, str(path))
    result = next(f for f in grade(path).functions if f.name == "linear_forward")
    assert result.status is Status.ERROR
    check = result.checks[0]
    assert check.message.startswith("raised ValueError: shapes (3,2) and (1,3) not aligned")
    assert check.detail == (f'File "{path}, cell 3", line 4, in linear_forward\n'
                            "    Z = np.dot(A, W) + b")
    assert result.location is not None and (result.location.cell, result.location.line) == (3, 3)


def test_a_note_on_own_helpers_blames_only_those_not_known_to_pass(grade: GradeFn,
                                                                   tmp_path: Path) -> None:
    source = (SOLUTIONS / "week3" / "planar.py").read_text()
    assert "Z1 = np.dot(W1, X) + b1" in source
    path = tmp_path / "planar.py"
    path.write_text(source.replace("Z1 = np.dot(W1, X) + b1", "Z1 = np.dot(W1, X)"))
    report = grade(path, week="week3")
    result = next(f for f in report.functions if f.name == "nn_model")
    note = next(n for n in result.notes if n.startswith("correct with the reference"))
    blamed = note.rpartition("Fix ")[2].removesuffix(" first.").split(", ")
    assert "forward_propagation" in blamed
    # graded before nn_model in its lane, and passed: never blamed
    assert "layer_sizes" not in blamed and "backward_propagation" not in blamed
