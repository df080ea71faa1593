"""A hand-made report holding every kind of result, for the renderers' tests.

Built by hand, not by grading, so that each renderer is tested on passes, failures, errors,
missing and unimplemented functions, gradient checks, cost curves (one with a `nan`), notes,
and learner output full of characters that break formats, whatever the weeks hold.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from grader.results import (CheckResult, CheckStatus, CourseRelease, FunctionResult, Level, Limits,
                            Mismatch, PartReport, Position, Report, SourceLocation, Status,
                            WeekReport)

# Learner output that each format must show without being broken by it.
HOSTILE = ("\x1b[31mred\x1b[0m\r\nline two\x00 NUL \x07 bell \ud800 surrogate\n"
           "]]> <script>alert(1)</script> &amp; ```` %0A ::error:: a,b\n"
           "ünïcødé ✓ 日本語\n" + "x" * 100_000)
ODD_MESSAGE = "raised ValueError: <db> & 'x' | *bold* `tick` 100% a:b,c\nsecond line"

# The releases the parts were graded against: an older one (with what recognised it), and
# the current one.
OLDER = CourseRelease("v8a", "the v8a release (### START CODE HERE ###, testCases_v4a)",
                      ("imports testCases_v4a", "### START CODE HERE ### markers"), current=False)
CURRENT = CourseRelease("2021", "the 2021 release (# YOUR CODE STARTS HERE, public_tests)")

NOTEBOOK_CELLS = [
    ("markdown", "Write `def linear_backward(dZ, cache):` in the cell below."),
    ("code", "import numpy as np"),
    ("code", "# GRADED FUNCTION: linear_backward\n\ndef linear_backward(dZ, cache):\n"
             "    dW = dZ\n    return dW\n"),
    ("code", "%matplotlib inline\n# GRADED FUNCTION: L_layer_model\n\n"
             "def L_layer_model(X, Y, layers_dims):\n    return {}, []\n"),
    ("code", "def update_parameters(parameters, grads, learning_rate):\n"
             "    # YOUR CODE STARTS HERE\n    # YOUR CODE ENDS HERE\n"
             "    raise NotImplementedError\n"),
]
# where each function sits: (cell, line in cell) → the text of that line
NOTEBOOK_PLACES = {"linear_backward": (3, 3), "L_layer_model": (4, 4),
                   "update_parameters": (5, 1)}


def write_notebook(path: Path) -> None:
    """The learner's notebook the sample report points into."""
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(text) if kind == "code"
                      else nbformat.v4.new_markdown_cell(text) for kind, text in NOTEBOOK_CELLS]
    nbformat.write(notebook, str(path))


def _in_notebook(notebook: Path, name: str) -> SourceLocation:
    cell, line = NOTEBOOK_PLACES[name]
    return SourceLocation(str(notebook), line, cell)


def _step_by_step(notebook: Path, module: Path) -> PartReport:
    mismatch = Mismatch(Level.VALUES, "dW", "dW: 2 / 6 values differ (33%)", differing=2,
                        total=6, max_abs=0.5, max_rel=2.0, rtol=1e-5, atol=1e-8,
                        positions=(Position((0, 1), "0.75", "0.25"),
                                   Position((1, 2), "-1.5", "-1")))
    passed = tuple(CheckResult(n, CheckStatus.PASS) for n in ("runs", "structure", "type"))
    functions = (
        FunctionResult("linear_forward", "step_by_step", Status.PASS, 10, 10,
                       (*passed, CheckResult("values", CheckStatus.PASS)),
                       location=SourceLocation(str(module), 3), seconds=0.012),
        FunctionResult("linear_backward", "step_by_step", Status.FAIL, 0, 10, (
            *passed, CheckResult("shape", CheckStatus.PASS),
            CheckResult("values", CheckStatus.FAIL, mismatch.summary,
                        hint="dW is m times too large: divide by m.",
                        case="case 'course example' (dZ (3, 4), cache (a tuple of 3 values))",
                        mismatch=mismatch)),
            location=_in_notebook(notebook, "linear_backward"), seconds=0.02),
        FunctionResult("L_model_backward", "step_by_step", Status.ERROR, 0, 10, (
            CheckResult("runs", CheckStatus.ERROR, ODD_MESSAGE, case="case 'two layers'",
                        detail='File "learner.ipynb, cell 9", line 4, in L_model_backward\n'
                               "    dAL = 1 / 0"),),
            output=HOSTILE, location=SourceLocation(str(module), 9), seconds=0.5),
        FunctionResult("compute_cost", "step_by_step", Status.MISSING, 0, 10, (
            CheckResult("defined", CheckStatus.FAIL, "no function named compute_cost was found"),)),
        FunctionResult("update_parameters", "step_by_step", Status.NOT_IMPLEMENTED, 0, 10, (
            CheckResult("implemented", CheckStatus.FAIL, "not implemented yet: write your code "
                        "between the YOUR CODE markers"),),
            location=_in_notebook(notebook, "update_parameters")),
        FunctionResult("linear_activation_backward", "step_by_step", Status.FAIL, 0, 10, (
            *passed, CheckResult("shape", CheckStatus.PASS),
            CheckResult("values", CheckStatus.PASS),
            CheckResult("gradient dW", CheckStatus.FAIL, "relative difference 1.0e+00",
                        case="case 'm = 1'", measure=1.0),
            CheckResult("gradient db", CheckStatus.PASS, "relative difference 3.1e-09",
                        case="case 'm = 1'", measure=3.1e-9)),
            notes=("correct with the reference linear_backward, but with your own it fails",),
            location=SourceLocation(str(module), 20)),
    )
    return PartReport("step_by_step", "Deep neural network, step by step", functions, OLDER)


def _application(notebook: Path) -> PartReport:
    falling = tuple(0.69 * 0.9 ** i for i in range(25))
    functions = (
        FunctionResult("L_layer_model", "application", Status.PASS, 10, 10,
                       (CheckResult("values", CheckStatus.PASS),),
                       location=_in_notebook(notebook, "L_layer_model"),
                       costs=(falling, falling)),
        FunctionResult("two_layer_model", "application", Status.FAIL, 0, 10, (
            CheckResult("values", CheckStatus.FAIL, "costs: 24 / 25 values differ (96%)",
                        hint="update with -= learning_rate * grad, not +="),),
            costs=((0.69, 0.72, 0.8, 1.3, float("nan"), float("nan")), falling[:6])),
    )
    return PartReport("application", "Deep neural network, application", functions, CURRENT)


def sample_week(folder: Path, week: str = "week4") -> WeekReport:
    """A week of two parts with every kind of result; writes the files its locations name."""
    notebook, module = folder / "learner.ipynb", folder / "helpers.py"
    write_notebook(notebook)
    module.write_text("import numpy as np\n\ndef linear_forward(A, W, b):\n"
                      "    return W @ A + b, (A, W, b)\n", encoding="utf-8")
    return WeekReport(
        week=week, title="Week 4: deep neural networks", submission=str(folder),
        parts=(_step_by_step(notebook, module), _application(notebook)),
        limits=Limits(10.0, 1024, 64), skipped=("matplotlib",),
        problems=(f"{module}, line 30: SyntaxError: invalid syntax <here> & there",),
        protections=("resource limits", "seccomp"), seconds=1.25)


def sample_report(folder: Path) -> Report:
    """A one-week report (see `sample_week`)."""
    return Report((sample_week(folder),))


STATUSES = {"linear_forward": Status.PASS, "linear_backward": Status.FAIL,
            "L_model_backward": Status.ERROR, "compute_cost": Status.MISSING,
            "update_parameters": Status.NOT_IMPLEMENTED,
            "linear_activation_backward": Status.FAIL, "L_layer_model": Status.PASS,
            "two_layer_model": Status.FAIL}
