"""Each release of the course graded as it defines correct: a test per cause, recognition from
each kind of sign, and the variants' mechanics."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from conftest import FIXTURES, SOLUTIONS, GradeFn

from grader.answers import Expected
from grader.engine import Grading, grade_week
from grader.recognise import recognise, template_line
from grader.references import References
from grader.results import Status, WeekReport
from grader.sandbox import Sandbox
from grader.spec import Case, GradedFunction, Mistake, Week
from grader.submission import load_submission
from grader.variant_answers import apply
from grader.variants import FirstOutput, LeaveOut, Release, ShiftKeys, Template, Variant
from grader.courses.registry import built_in, get_week

NAMES = built_in().assignments

COURSE = FIXTURES / "course"


def as_current(week: Week) -> Week:
    """The week with every part holding its current release only."""
    return dataclasses.replace(week, parts=tuple(
        dataclasses.replace(part, releases=part.releases[:1]) for part in week.parts))


def _result(report: WeekReport, name: str) -> Any:
    return next(f for f in report.functions if f.name == name)


# --- one test per cause: right as its release defines it, wrong as the current one -----------

CAUSES = [  # (fixture, week, function, the release it is)
    ("week3_planar_v6c_finished.ipynb", "week3", "initialize_parameters", "v6c"),
    ("week2_logistic_regression_v6a_finished.ipynb", "week2", "initialize_with_zeros", "v6a"),
    ("week4_step_by_step_v8a_finished.ipynb", "week4", "L_model_forward", "v8a"),
    ("week4_step_by_step_v5_finished.ipynb", "week4", "L_model_backward", "v5"),
    ("week4_application_v8_finished.ipynb", "week4", "two_layer_model", "v8"),
    ("week4_application_v8_finished.ipynb", "week4", "L_layer_model", "v8"),
]


@pytest.mark.parametrize("fixture,week,function,release", CAUSES,
                         ids=[f"{c[3]}-{c[2]}" for c in CAUSES])
def test_an_older_release_is_graded_as_it_defines_correct(
        sandbox: Sandbox, references: References, fixture: str, week: str, function: str,
        release: str) -> None:
    submission = load_submission(COURSE / fixture, sandbox)
    graded = grade_week(submission, get_week(week), Grading(sandbox, references))
    result = _result(graded, function)
    assert result.status is Status.PASS, result.checks
    assert next(p for p in graded.parts if p.name == result.part).release.name == release
    held_to_current = grade_week(submission, as_current(get_week(week)),
                                 Grading(sandbox, references))
    assert _result(held_to_current, function).status is not Status.PASS


def test_the_impossible_case_is_left_out_with_a_note_naming_the_line(grade: GradeFn) -> None:
    name = "week4_step_by_step_v8a_finished.ipynb"
    result = _result(grade(COURSE / name), "L_model_forward")
    cells = json.loads((COURSE / name).read_text())["cells"]
    number = next(i for i, c in enumerate(cells, 1) if "def L_model_forward" in "".join(c["source"]))
    line = "".join(cells[number - 1]["source"]).splitlines().index(
        "    assert(AL.shape == (1,X.shape[1]))") + 1
    note = (f"case 'two outputs (n_y = 2)' left out: the template of your notebook's release "
            f"(v8a) has `assert(AL.shape == (1,X.shape[1]))` ({COURSE / name}, cell {number}, "
            f"line {line}), which allows one output only; code of the template never costs you "
            "points")
    assert result.notes == (note,)


def test_the_current_release_keeps_the_case_and_names_itself(grade: GradeFn) -> None:
    report = grade(COURSE / "week4_step_by_step_current_finished.ipynb")
    result = _result(report, "L_model_forward")
    assert result.status is Status.PASS and result.notes == ()
    release = report.parts[0].release
    assert release is not None and (release.name, release.current) == ("2021", True)
    assert release.evidence == ("imports public_tests", "# YOUR CODE STARTS HERE markers",
                                "nbgrader cell metadata")


def test_feedback_speaks_the_releases_terms(grade: GradeFn, tmp_path: Path) -> None:
    # v8: L_layer_model returns parameters alone; a hard-coded learning rate is told as such,
    # about `parameters`, never about a `costs` this release does not return.
    text = (COURSE / "week4_application_v8_finished.ipynb").read_text()
    wrong = text.replace("update_parameters(parameters, grads, learning_rate)",
                         "update_parameters(parameters, grads, 0.0075)")
    assert wrong != text
    (tmp_path / "v8.ipynb").write_text(wrong)
    result = _result(grade(tmp_path / "v8.ipynb"), "L_layer_model")
    failed = next(c for c in result.checks if c.status.value != "pass")
    assert result.status is Status.FAIL and failed.name == "values"
    assert failed.message.startswith("parameters['W1']") and "costs" not in failed.message
    assert failed.hint is not None and "learning rate is fixed at 0.0075" in failed.hint
    assert result.costs is None  # nothing to plot: the release returns no costs


def test_v5_gradients_are_checked_under_the_releases_key_names(grade: GradeFn) -> None:
    result = _result(grade(COURSE / "week4_step_by_step_v5_finished.ipynb"), "L_model_backward")
    gradients = [c.name for c in result.checks if c.name.startswith("gradient")]
    assert "gradient dA1" in gradients and "gradient dA0" not in gradients
    assert all(c.status.value == "pass" for c in result.checks)


def test_a_seeded_template_is_no_excuse_for_a_wrong_initialisation(grade: GradeFn,
                                                                    tmp_path: Path) -> None:
    text = (COURSE / "week3_planar_v6c_finished.ipynb").read_text()
    wrong = text.replace("np.random.randn(n_h, n_x) * 0.01", "np.random.randn(n_h, n_x)").replace(
        "np.random.randn(n_y, n_h) * 0.01", "np.random.randn(n_y, n_h)")
    assert wrong != text
    (tmp_path / "v6c.ipynb").write_text(wrong)
    result = _result(grade(tmp_path / "v6c.ipynb", "week3"), "initialize_parameters")
    assert result.status is Status.FAIL
    assert "100 times too large" in (next(c for c in result.checks if c.hint).hint or "")


def test_grade_names_the_release_of_an_older_notebook(tmp_path: Path) -> None:
    import shutil
    import subprocess
    import sys

    notebook = tmp_path / "Planar_data_classification_with_onehidden_layer_v6c.ipynb"
    shutil.copy(COURSE / "week3_planar_v6c_finished.ipynb", notebook)
    done = subprocess.run([sys.executable, "-m", "grader", "week3", notebook.name], cwd=tmp_path,
                          text=True, capture_output=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[1] == "  Planar data classification with one hidden layer  (release v6c)"
    assert lines[2].startswith("    graded as the v6c release (### START CODE HERE ###, "
                               "compute_cost(A2, Y, parameters)")
    assert f"file name {notebook.name}" in lines[2] and "week3 total: 80/80 (100%)" in lines
    done = subprocess.run([sys.executable, "-m", "grader", "week3", notebook.name, "--format",
                           "json"], cwd=tmp_path, text=True, capture_output=True, timeout=120,
                          check=True)
    release = json.loads(done.stdout)["parts"][0]["release"]
    assert (release["name"], release["current"]) == ("v6c", False)
    assert release["evidence"] == [
        "### START CODE HERE ### markers", f"file name {notebook.name}",
        "compute_cost(A2, Y, parameters)",
        "initialize_parameters seeds numpy with 2 above the learner's code"]


# --- recognition ---------------------------------------------------------------------------------

STEP = get_week("week4").parts[0]
REFERENCE = (SOLUTIONS / "week4" / "step_by_step.py").read_text()
OLD_MARKED = REFERENCE.replace("# YOUR CODE STARTS HERE", "### START CODE HERE ###").replace(
    "# YOUR CODE ENDS HERE", "### END CODE HERE ###")


def _recognised(sandbox: Sandbox, tmp_path: Path, name: str, text: str) -> tuple[str, tuple[str, ...]]:
    (tmp_path / name).write_text(text)
    found = recognise(STEP, load_submission(tmp_path / name, sandbox))
    assert found.release is not None
    return found.release.name, found.evidence


def test_a_file_with_no_sign_is_the_current_release(sandbox: Sandbox, tmp_path: Path) -> None:
    assert _recognised(sandbox, tmp_path, "mine.py", "import numpy as np\ndef linear_forward(A, W, b):\n"
                                            "    return W @ A + b, (A, W, b)\n") == ("2021", ())


def test_markers_imports_and_file_names_are_signs(sandbox: Sandbox, tmp_path: Path) -> None:
    assert _recognised(sandbox, tmp_path, "a.py", REFERENCE)[0] == "2021"
    release, evidence = _recognised(sandbox, tmp_path, "b.py", OLD_MARKED)
    assert release == "v8a"  # old markers: the first older release listed, on a tie
    assert evidence == ("### START CODE HERE ### markers",)
    assert _recognised(sandbox, tmp_path, "Step_by_Step_v5.py", OLD_MARKED) == (
        "v5", ("### START CODE HERE ### markers", "file name Step_by_Step_v5.py"))
    assert _recognised(sandbox, tmp_path, "c.py", "from testCases_v3 import *\n" + OLD_MARKED)[0] == "v5"
    # public_tests against the old markers: a tie, which goes to the current release
    assert _recognised(sandbox, tmp_path, "d.py", "from public_tests import *\n" + OLD_MARKED)[0] == "2021"


def test_a_template_line_is_a_sign_only_outside_the_learners_code(sandbox: Sandbox, tmp_path: Path) -> None:
    keys = '    # Outputs: "grads["dA" + str(l + 1)]\n'
    outside = OLD_MARKED.replace("    ### START CODE HERE ###\n    # dAL = ...",
                                 keys + "    ### START CODE HERE ###\n    # dAL = ...")
    inside = OLD_MARKED.replace("    # dAL = ...", keys + "    # dAL = ...")
    assert outside != OLD_MARKED and inside != OLD_MARKED
    assert _recognised(sandbox, tmp_path, "e.py", outside)[0] == "v5"
    assert _recognised(sandbox, tmp_path, "f.py", inside)[0] == "v8a"


def test_nbgrader_metadata_and_signatures_are_signs(sandbox: Sandbox, tmp_path: Path) -> None:
    import nbformat

    notebook = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell(OLD_MARKED)
    cell.metadata["nbgrader"] = {"solution": True, "grade": False}
    notebook.cells = [cell, nbformat.v4.new_code_cell("from public_tests import *")]
    nbformat.write(notebook, str(tmp_path / "n.ipynb"))
    found = recognise(STEP, load_submission(tmp_path / "n.ipynb", sandbox))
    assert found.release is not None and found.release.name == "2021"
    assert found.evidence == ("imports public_tests", "nbgrader cell metadata")
    planar = get_week("week3").parts[0]
    for header, release in (("def compute_cost(A2, Y, parameters):", "v6c"),
                            ("def compute_cost(A2, Y, parameters=None):", "2021")):
        (tmp_path / "p.py").write_text(f"{header}\n    return 0.0\n")
        found = recognise(planar, load_submission(tmp_path / "p.py", sandbox))
        assert found.release is not None and found.release.name == release


def test_template_line_finds_the_line_in_the_learners_file(sandbox: Sandbox, tmp_path: Path) -> None:
    (tmp_path / "x.py").write_text("import numpy as np\n\n" + OLD_MARKED.replace(
        "    # YOUR CODE ENDS HERE", "    # YOUR CODE ENDS HERE"))
    text = OLD_MARKED.replace("    ### END CODE HERE ###\n    return AL, caches",
                              "    ### END CODE HERE ###\n    assert(AL.shape == (1,X.shape[1]))"
                              "\n    return AL, caches")
    (tmp_path / "x.py").write_text(text)
    found = load_submission(tmp_path / "x.py", sandbox).find(("L_model_forward",))
    assert found is not None
    line = template_line(found, r"assert\(AL\.shape")
    assert line is not None and text.splitlines()[line[0] - 1].strip() == line[1]
    assert template_line(found, r"AL, cache = linear_activation_forward") is None  # learner's


# --- the variants' mechanics ---------------------------------------------------------------------


def test_the_adapters() -> None:
    assert FirstOutput()(({"W1": 1}, [0.7])) == {"W1": 1}
    assert FirstOutput()({"W1": 1}) == {"W1": 1}
    shift = ShiftKeys("dA", 1)
    assert shift({"dA0": 1, "dA1": 2, "dW1": 3, "dAx": 4}) == {"dA1": 1, "dA2": 2, "dW1": 3,
                                                               "dAx": 4}
    assert shift((1, 2)) == (1, 2)


class _Stored:
    """Answers as a test wants them: the case's seed is the answer."""

    served = None

    def __init__(self, live: bool) -> None:
        self.live = live
        self.parameters = ["n"]
        self.seen: list[tuple[int, Case]] = []

    def cases(self, rng: Any) -> list[Case]:
        return [Case("one", (1,), seed=2), Case("two", (2,), seed=None), Case("three", (3,))]

    def expected(self, index: int, case: Case) -> Expected:
        self.seen.append((index, case))
        return Expected({"dA0": case.seed, "index": index})

    def mistaken(self, mistake: Mistake, index: int, case: Case) -> Expected | None:
        return Expected(error=("ValueError", "no"))

    def gradients(self, index: int, case: Case) -> dict[str, np.ndarray] | None:
        return {"dA0": np.zeros(1)}

    def helper(self, name: str, args: list[Any], kwargs: dict[str, Any], rng: Any) -> Any:
        return name, rng


def _applied(sandbox: Sandbox, tmp_path: Path, variant: Variant, live: bool = True) -> Any:
    (tmp_path / "f.py").write_text("def f(n):\n    # YOUR CODE STARTS HERE\n    x = n\n"
                                   "    # YOUR CODE ENDS HERE\n    assert n < 3\n    return x\n")
    found = load_submission(tmp_path / "f.py", sandbox).find(("f",))
    assert found is not None
    function = GradedFunction("f", 10, lambda rng, ref: [])
    return apply(Release("old", "the old release", variants=(variant,)), function,
                 _Stored(live), found)


def test_a_template_seed_reseeds_every_case(sandbox: Sandbox, tmp_path: Path) -> None:
    applied = _applied(sandbox, tmp_path, Variant("f", "seeds 2", seed=2))
    cases = applied.answers.cases(np.random.default_rng(0))
    assert [c.seed for c in cases] == [2, 2, 2]
    assert applied.answers.expected(2, cases[2]).value == {"dA0": 2, "index": 2}
    stored = _applied(sandbox, tmp_path, Variant("f", "seeds 2", seed=2), live=False)
    assert [c.label for c in stored.answers.cases(None)] == ["one"]  # the others need answers


def test_left_out_cases_keep_their_answers_and_get_a_note(sandbox: Sandbox, tmp_path: Path) -> None:
    leave_out = LeaveOut(r"assert n < 3", lambda case: case.args[0] >= 3, "allows n < 3 only")
    variant = Variant("f", "asserts", {"output": "x"}, answer=ShiftKeys("dA", 1),
                      leave_out=leave_out)
    applied = _applied(sandbox, tmp_path, variant)
    assert applied.function.output == "x"
    cases = applied.answers.cases(np.random.default_rng(0))
    assert [c.label for c in cases] == ["one", "two"]
    assert applied.answers.expected(1, cases[1]).value == {"dA1": None, "index": 1}
    assert applied.answers.gradients(0, cases[0]) is not None
    assert set(applied.answers.gradients(0, cases[0])) == {"dA1"}
    assert applied.answers.mistaken(Mistake("m", "h"), 0, cases[0]).error == ("ValueError", "no")
    note = (f"case 'three' left out: the template of your notebook's release (old) has "
            f"`assert n < 3` ({tmp_path / 'f.py'}, line 5), which allows n < 3 only; code of "
            "the template never costs you points")
    assert applied.notes() == (note,)


def test_without_its_template_line_nothing_is_left_out(sandbox: Sandbox, tmp_path: Path) -> None:
    leave_out = LeaveOut(r"assert m > 0", lambda case: True, "never")
    applied = _applied(sandbox, tmp_path, Variant("f", "asserts", leave_out=leave_out))
    assert len(applied.answers.cases(None)) == 3 and applied.notes() == ()


# --- what the week specs declare ---------------------------------------------------------------


@pytest.mark.parametrize("week", NAMES)
def test_every_declared_release_is_sound(week: str) -> None:
    for part in get_week(week).parts:
        assert part.releases and part.releases[0].variants == ()  # the current one first
        names = [release.name for release in part.releases]
        assert len(set(names)) == len(names) and all(r.signs for r in part.releases)
        for release in part.releases:
            for sign in release.signs:
                if isinstance(sign, Template):
                    assert sign.function in part.names
                    re.compile(sign.pattern)
            for variant in release.variants:
                function = part.function(variant.function)
                changed = dataclasses.replace(function, **variant.changes)
                assert changed.name == function.name and changed.points == function.points
                if variant.leave_out is not None:
                    re.compile(variant.leave_out.template)
                assert variant.words
