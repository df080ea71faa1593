"""Grading a kernel's cells (`KernelChecks`, what `check` asks its grading process for): which
cells count, which week and part, only the functions asked for, globals from other cells."""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.courses.registry import Catalog, get_week
from grader.engine import Grading, grade_week
from grader.errors import ConfigError
from grader import cell_globals
from grader.cell_globals import read_cell
from grader.kernel_cells import Request, Source, python_text, sources_of
from grader.kernel_check import KernelChecks
from grader.references import References
from grader.results import FunctionResult, Status
from grader.sandbox import Sandbox
from grader.submission import load_submission

IMPORTS = "import numpy as np\n%matplotlib inline\nfrom dnn_utils import relu, sigmoid"
WRONG = """# GRADED FUNCTION: linear_forward
def linear_forward(A, W, b):
    Z = np.dot(W, A)
    return Z, (A, W, b)"""
RIGHT = """def linear_forward(A, W, b):
    Z = np.dot(W, A) + b
    return Z, (A, W, b)"""
COST = """def compute_cost(AL, Y):
    m = Y.shape[1]
    return float(np.squeeze(-np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m))"""


@pytest.fixture(scope="module")
def checks(sandbox: Sandbox) -> KernelChecks:
    return KernelChecks(sandbox, Catalog.discover())


def cells(*texts: str) -> tuple[Source, ...]:
    return sources_of(enumerate(texts, start=1))


def report(checks: KernelChecks, *texts: str, names: tuple[str, ...] = (),
           week: str | None = None, part: str | None = None) -> dict[str, Status]:
    graded = checks.report(Request(cells(*texts), names, week, part))
    return {f.name: f.status for f in graded.functions}


def test_only_the_function_asked_for_is_graded_with_the_weeks_checks(
        checks: KernelChecks) -> None:
    graded = checks.report(Request(cells(IMPORTS, WRONG, COST, "check(linear_forward)"),
                                   ("linear_forward",)))
    assert graded.week == "week4" and [f.name for f in graded.functions] == ["linear_forward"]
    assert [p.name for p in graded.parts] == ["step_by_step"]
    result = graded.functions[0]
    assert result.status is Status.FAIL and result.score == 0
    failed = next(c for c in result.checks if c.name == "values")
    assert failed.mismatch is not None and failed.mismatch.positions
    assert failed.hint is not None and "bias" in failed.hint
    assert result.location is not None and result.location.file == "In [2]"
    assert graded.submission == "this kernel"


def test_the_same_function_grades_as_grade_does(checks: KernelChecks, sandbox: Sandbox,
                                                references: References,
                                                tmp_path: Path) -> None:
    """Same cases, checks, figures and hints as `grade week4` on a file with the same code."""
    kernel = checks.report(Request(cells(IMPORTS, WRONG), ("linear_forward",))).functions[0]
    path = tmp_path / "learner.py"
    path.write_text(IMPORTS.replace("%matplotlib inline", "") + "\n" + WRONG + "\n")
    week = grade_week(load_submission(path, sandbox), get_week("week4"),
                      Grading(sandbox, references),
                      only={("step_by_step", "linear_forward")})
    assert [f.name for f in week.functions] == ["linear_forward"]
    assert kernel.checks == week.functions[0].checks
    assert (kernel.status, kernel.score) == (week.functions[0].status, week.functions[0].score)


def test_a_cell_run_again_replaces_what_it_defined_before(checks: KernelChecks) -> None:
    # the headed wrong version ran first, the unheaded right one last: the kernel holds the last
    assert report(checks, IMPORTS, WRONG, RIGHT, names=("linear_forward",)) == {
        "linear_forward": Status.PASS}
    assert report(checks, IMPORTS, RIGHT, WRONG, names=("linear_forward",)) == {
        "linear_forward": Status.FAIL}
    # the same text run again counts where it last ran
    history = sources_of([(1, IMPORTS), (2, WRONG), (3, RIGHT), (4, WRONG)])
    assert [s.label for s in history] == ["In [1]", "In [3]", "In [4]"]


def test_a_cell_that_does_not_parse_did_nothing(checks: KernelChecks) -> None:
    broken = RIGHT.replace("return Z", "return Z)")
    assert report(checks, IMPORTS, WRONG, broken, names=("linear_forward",)) == {
        "linear_forward": Status.FAIL}


def test_no_argument_grades_every_graded_function_defined(checks: KernelChecks) -> None:
    stub = ("def linear_backward(dZ, cache):\n    # YOUR CODE STARTS HERE\n"
            "    # YOUR CODE ENDS HERE\n    return None")
    assert report(checks, IMPORTS, RIGHT, COST, stub) == {
        "linear_forward": Status.PASS, "compute_cost": Status.PASS,
        "linear_backward": Status.NOT_IMPLEMENTED}


def test_the_week_comes_from_the_other_definitions(checks: KernelChecks) -> None:
    # compute_cost is graded in weeks 3 and 4; linear_forward says which
    graded = checks.report(Request(cells(IMPORTS, RIGHT, COST), ("compute_cost",)))
    assert graded.week == "week4"
    with pytest.raises(ConfigError, match=r'week3 and week4.*check\(compute_cost, week="week3"\)'):
        checks.report(Request(cells(IMPORTS, COST), ("compute_cost",)))
    graded = checks.report(Request(cells(IMPORTS, COST), ("compute_cost",), week="week4"))
    assert graded.week == "week4" and graded.functions[0].status is Status.PASS


def test_week_2_sigmoid_is_graded_in_the_part_the_kernel_is_for(checks: KernelChecks) -> None:
    sigmoid = "def sigmoid(z):\n    return 1 / (1 + np.exp(-z))"
    basics = "def softmax(x):\n    e = np.exp(x)\n    return e / np.sum(e, axis=1, keepdims=True)"
    graded = checks.report(Request(cells(IMPORTS, sigmoid, basics), ("sigmoid",)))
    assert [p.name for p in graded.parts] == ["numpy_basics"]
    with pytest.raises(ConfigError, match=r'two parts of week2.*part="numpy_basics"'):
        checks.report(Request(cells(IMPORTS, sigmoid), ("sigmoid",)))
    graded = checks.report(Request(cells(IMPORTS, sigmoid), ("sigmoid",), "week2",
                                   "logistic_regression"))
    assert [(p.name, p.functions[0].status) for p in graded.parts] == [
        ("logistic_regression", Status.PASS)]


@pytest.mark.parametrize("names,week,part,message", [
    (("linear_forwardd",), None, None, "not a graded function of any week"),
    (("linear_forward",), "week3", None, "not a graded function of week3; it is one of week4"),
    (("linear_forward",), "week9", None, "unknown assignment 'week9'"),
    (("linear_forward",), "week4", "planar", "week4 has no part 'planar'"),
    (("L_model_backward",), None, None, "none of the cells this kernel ran defines"),
    (("linear_forward", "layer_sizes"), None, None, "graded in different weeks"),
])
def test_what_cannot_be_checked_is_one_clear_error(
        checks: KernelChecks, names: tuple[str, ...], week: str | None, part: str | None,
        message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        checks.report(Request(cells(IMPORTS, RIGHT), names, week, part))


def test_nothing_graded_defined_is_one_clear_error(checks: KernelChecks) -> None:
    with pytest.raises(ConfigError, match="define no graded function"):
        checks.report(Request(cells(IMPORTS, "x = 1")))


def told(checks: KernelChecks, *texts: str) -> FunctionResult:
    """The first function of the report on `texts`, told of its globals as the kernel tells
    it (`Checker` does this in the kernel, after the grading process answers)."""
    sources = cells(*texts)
    report = checks.report(Request(sources, ("linear_forward",)))
    read = [(read_cell(s.label, python_text(s) or ""), python_text(s) or "") for s in sources]
    return cell_globals.told(report, [cell for cell, _ in read],
                             {cell.label: text for cell, text in read}).functions[0]


def test_globals_from_other_cells_are_told(checks: KernelChecks) -> None:
    uses_constant = ("def linear_forward(A, W, b):\n    Z = scale * np.dot(W, A) + b\n"
                     "    return Z, (A, W, b)")
    result = told(checks, IMPORTS, "scale = 1.0", uses_constant)
    assert result.status is Status.PASS  # the constant is loaded for grading too
    assert result.warnings == (("linear_forward reads the global variable `scale`, set in "
                                "In [2]: pass it as an argument, so that the function works "
                                "with other values than that cell's"),)
    result = told(checks, IMPORTS, "scale = np.sqrt(1.0)", uses_constant)
    assert result.status is Status.ERROR  # NameError: grading never runs that cell
    assert "`scale`, which In [2] sets by running code" in result.warnings[0]
    assert "NameError" in result.checks[0].message
    assert told(checks, IMPORTS, RIGHT).warnings == ()


def test_a_report_is_kept_by_what_grading_reads(sandbox: Sandbox) -> None:
    checks = KernelChecks(sandbox, Catalog.discover())
    first = checks.report(Request(cells(IMPORTS, WRONG, "print(1)"), ("linear_forward",)))
    kept = len(checks.reports)
    # a cell that only prints or calls changes nothing grading reads: the same report
    again = checks.report(Request(cells(IMPORTS, WRONG, "print(2)", "check(linear_forward)"),
                                  ("linear_forward",)))
    assert again == first and len(checks.reports) == kept
    changed = checks.report(Request(cells(IMPORTS, RIGHT), ("linear_forward",)))
    assert changed.functions[0].status is Status.PASS and len(checks.reports) == kept + 1


def test_a_function_from_the_learners_own_module(checks: KernelChecks) -> None:
    module = Source("/home/learner/answers.py", f"import numpy as np\n\n{RIGHT}\n", cell=False)
    graded = checks.report(Request((*cells("from answers import linear_forward"), module),
                                   ("linear_forward",)))
    assert graded.functions[0].status is Status.PASS
    assert graded.functions[0].location is not None
    assert graded.functions[0].location.file == "/home/learner/answers.py"
