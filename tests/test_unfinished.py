"""A function is never judged unimplemented without being run: code above an empty pair of
markers, or on a marker's own line, is graded on what it does."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import GradeFn

from grader.results import Status
from grader.submission.extract import regions, template_lines

HEADER = "import numpy as np\n\ndef linear_forward(A, W, b):\n"
EMPTY = "    # YOUR CODE STARTS HERE\n    # Z = ...\n    # YOUR CODE ENDS HERE\n"


def _linear_forward(grade: GradeFn, tmp_path: Path, body: str) -> object:
    (tmp_path / "mine.py").write_text(HEADER + body)
    report = grade(tmp_path / "mine.py")
    return next(f for f in report.functions if f.name == "linear_forward")


@pytest.mark.parametrize("body", [
    "    Z = np.dot(W, A) + b\n" + EMPTY + "    return Z, (A, W, b)\n",
    ("    # YOUR CODE STARTS HERE\n    Z = np.dot(W, A) + b  # YOUR CODE ENDS HERE\n"
    "    return Z, (A, W, b)\n"),
    ("    ### START CODE HERE ### (≈ 1 line of code)\n"
    "    Z = np.dot(W, A) + b ### END CODE HERE ###\n    return Z, (A, W, b)\n"),
], ids=["above the markers", "end marker on the code line", "old end marker on the code line"])
def test_working_code_outside_an_empty_region_passes(grade: GradeFn, tmp_path: Path,
                                                      body: str) -> None:
    assert _linear_forward(grade, tmp_path, body).status is Status.PASS


def test_wrong_code_above_an_empty_region_is_failed_on_what_it_does(grade: GradeFn,
                                                                     tmp_path: Path) -> None:
    result = _linear_forward(grade, tmp_path, "    Z = np.dot(W, A)\n" + EMPTY
                             + "    return Z, (A, W, b)\n")
    assert result.status is Status.FAIL
    values = next(c for c in result.checks if c.name == "values")
    assert values.hint is not None and "missing the bias" in values.hint


@pytest.mark.parametrize("body", [
    EMPTY + "    return Z, (A, W, b)\n",  # stops at the name the region should define
    ("    # YOUR CODE STARTS HERE\n    Z = None\n    # YOUR CODE ENDS HERE\n"
    "    return Z, (A, W, b)\n"),  # a placeholder in the answer
    EMPTY + "    return None\n",
    EMPTY + "    return A\n",  # an input given back unchanged
    ("    # YOUR CODE STARTS HERE\n    Z = None\n    # YOUR CODE ENDS HERE\n"
    "    return Z.T, (A, W, b)\n"),  # trips over the placeholder
], ids=["undefined name", "None placeholder", "returns None", "returns an input",
        "uses the placeholder"])
def test_an_empty_region_that_did_nothing_is_not_implemented_after_running(
        grade: GradeFn, tmp_path: Path, body: str) -> None:
    result = _linear_forward(grade, tmp_path, body)
    assert result.status is Status.NOT_IMPLEMENTED
    assert result.checks[0].message == "not implemented yet: write your code between the markers"
    assert result.seconds > 0  # it was run


def test_an_empty_region_that_crashes_is_an_error_not_unfinished(grade: GradeFn,
                                                                  tmp_path: Path) -> None:
    result = _linear_forward(grade, tmp_path, EMPTY + "    return 1 / 0\n")
    assert result.status is Status.ERROR
    assert "ZeroDivisionError" in result.checks[0].message


def test_regions_and_template_lines() -> None:
    lines = ["def f(x):", "    y = 1", "    # YOUR CODE STARTS HERE", "    z = 2",
             "    w = 3  # YOUR CODE ENDS HERE", "    assert z", "    return z"]
    assert regions(lines) == [[(3, "    z = 2"), (4, "    w = 3  ")]]
    assert template_lines(lines) == [(0, "def f(x):"), (1, "    y = 1"), (5, "    assert z"),
                                     (6, "    return z")]
    assert template_lines(["def f(x):", "    return x"]) == []  # no markers: no template known
    unclosed = ["def f(x):", "    ### START CODE HERE ###", "    return x"]
    assert regions(unclosed) == []
