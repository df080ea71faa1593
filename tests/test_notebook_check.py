"""`check(...)` in a real Jupyter kernel (nbclient, ipykernel): a notebook with a wrong and a
right function, the released notebooks' cell that imports `check`, and what the outputs say,
as HTML and as text; then the same cell where the grader cannot be imported."""

from __future__ import annotations

import os
import time
from typing import Any

import nbclient
import nbformat
import pytest
from nbformat import v4

from grader.release import CHECK_SETUP, INSTALL

WRONG = """# GRADED FUNCTION: linear_forward

def linear_forward(A, W, b):
    Z = np.dot(W, A)
    cache = (A, W, b)
    return Z, cache"""
RIGHT = """# GRADED FUNCTION: compute_cost

def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m
    return float(np.squeeze(cost))"""
GLOBAL = """def linear_backward(dZ, cache):
    A_prev, W, b = cache
    dW = np.dot(dZ, A_prev.T) / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    return np.dot(W.T, dZ), dW, db"""

CELLS = [
    "import numpy as np",                                       # In [1]
    CHECK_SETUP.format(week="week4"),                           # In [2]
    WRONG,                                                      # In [3]
    'check(linear_forward, week="week4")',                      # In [4]
    RIGHT,                                                      # In [5]
    'check(compute_cost, week="week4")',                        # In [6]
    "A = np.random.randn(3, 4)\nm = A.shape[1]",                # In [7]
    GLOBAL,                                                     # In [8]
    "result = check()\nprint(result.status.value, result.score, result.max_score)\nresult",
    'check("linear_forwardd")',                                 # In [10]
    "print(check._service.process.pid)",                        # In [11]
    WRONG.replace("np.dot(W, A)", "np.dot(W, A) + b"),          # In [12]: fixed
    'check(linear_forward, week="week4")',                      # In [13]
    WRONG,                                                      # In [14]: broken again
    'check(linear_forward, week="week4")',                      # In [15]
    'import sys\nsys.modules["grader"] = None',                 # In [16]: as if not installed
    CHECK_SETUP.format(week="week4"),                           # In [17]
    'check(linear_forward, week="week4")',                      # In [18]
]


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> list[Any]:
    folder = tmp_path_factory.mktemp("notebook")
    notebook = v4.new_notebook(cells=[v4.new_code_cell(text) for text in CELLS])
    client = nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3",
                                     allow_errors=True,
                                     resources={"metadata": {"path": str(folder)}})
    client.execute()
    nbformat.validate(notebook)
    return list(notebook.cells)


def shown(cell: Any) -> dict[str, str]:
    """The rich result a cell displayed: its text and HTML."""
    results = [o for o in cell.outputs if o.output_type in ("execute_result", "display_data")]
    assert len(results) == 1, cell.outputs
    return {"text": results[0].data["text/plain"], "html": results[0].data["text/html"]}


def test_a_wrong_function_shows_its_mismatch_and_hint(executed: list[Any]) -> None:
    out = shown(executed[3])
    for text in (out["text"], out["html"]):
        assert "linear_forward" in text and "0/10" in text
        assert "Z: 2 / 2 values differ (100%)" in text
        assert "largest difference 0.249 (relative 0.202)" in text
        assert "[0, 0]: yours=3.5123238, expected=3.2629534" in text
        assert "hint     Z is missing the bias: add b after the product of W and A." in text
    assert "✗ linear_forward" in out["text"]
    assert "defined in In [3], line 3" in out["html"]
    assert '<details open="open">' in out["html"]
    assert '<span class="mark fail">✗</span> <code>linear_forward</code> 0/10' in out["html"]


def test_a_right_function_passes(executed: list[Any]) -> None:
    out = shown(executed[5])
    assert "✓ compute_cost" in out["text"] and "10/10" in out["text"]
    assert '<span class="mark pass">✓</span> <code>compute_cost</code> 10/10' in out["html"]
    assert "values differ" not in out["text"]


def test_check_without_arguments_grades_all_and_tells_of_globals(executed: list[Any]) -> None:
    cell = executed[8]
    printed = "".join(o.text for o in cell.outputs if o.output_type == "stream")
    assert printed == "fail 10.0 30\n"
    out = shown(cell)
    for name, mark in (("linear_forward", "✗"), ("compute_cost", "✓"),
                       ("linear_backward", "!")):
        assert f"{mark} {name}" in out["text"]
    warning = ("linear_backward reads the global variable `m`, which In [7] sets by running "
               "code; grading runs only imports, definitions and constants")
    assert warning in out["text"] and warning in out["html"]
    assert "NameError" in out["text"]


def test_a_name_that_is_not_graded_is_one_line(executed: list[Any]) -> None:
    errors = [o for o in executed[9].outputs if o.output_type == "error"]
    assert len(errors) == 1 and errors[0].ename == "ConfigError"
    assert errors[0].traceback == [("ConfigError: linear_forwardd is not a graded function of "
                                    "any week (week2, week3, week4); check takes the "
                                    "functions the assignments ask for")]


def test_each_check_shows_the_function_as_the_kernel_holds_it_now(executed: list[Any]) -> None:
    fixed, broken = shown(executed[12])["text"], shown(executed[14])["text"]
    assert "✓ linear_forward" in fixed and "10/10" in fixed
    assert "✗ linear_forward" in broken and "defined in In [14]" in shown(executed[14])["html"]


def test_without_the_grader_the_check_cell_says_how_to_install_it(executed: list[Any]) -> None:
    assert not any(o.output_type == "error" for o in executed[16].outputs)
    printed = "".join(o.text for o in executed[17].outputs if o.output_type == "stream")
    assert printed == (f"To check your work here, install the grader ({INSTALL}), then restart "
                       "the kernel.\n")


def test_the_grading_process_ends_with_the_kernel(executed: list[Any]) -> None:
    pid = int(executed[10].outputs[0].text)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    raise AssertionError(f"the grading process {pid} outlived its kernel")
