"""Course 2 graded end to end through the sandbox, with no engine change made for it: the
self-check, released stubs, notebooks in the course's own layout (finished, half finished, the
older release), hidden cases, the learners' bundle, a class, and the command line."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import classroom
import pytest
from click.testing import CliRunner
from course2 import ASSIGNMENTS, COURSE, SOLUTIONS, references, spec
from course2_notebooks import course_notebook

from grader import release
from grader.bundle import make_bundle
from grader.cli.app import cli
from grader.courses.registry import Catalog
from grader.grading import grade
from grader.render import FORMATS, render
from grader.results import Status, WeekReport
from grader.sandbox import Sandbox
from grader.selfcheck import check_week, table

ROOT = COURSE.parent.parent


def _grade(path: Path, assignment: str, sandbox: Sandbox, seed: int | None = None,
           catalog: Catalog | None = None) -> WeekReport:
    catalog = catalog or Catalog.discover(COURSE)
    return grade(path, (assignment,), sandbox=sandbox, catalog=catalog, seed=seed).weeks[0]


def _statuses(report: WeekReport) -> dict[str, Status]:
    return {f.name: f.status for f in report.functions}


def _copy(assignment: str, tmp_path: Path, edit: Callable[[str], str] = str) -> Path:
    """The reference file as a learner's .py, edited by `edit`."""
    path = tmp_path / f"{assignment}_learner.py"
    path.write_text(edit((SOLUTIONS / assignment / f"{assignment}.py").read_text()))
    return path


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_selfcheck_passes(assignment: str, sandbox: Sandbox) -> None:
    """References 100 %; every catalogued mistake fails its own function, with its own hint,
    and costs no other function a point."""
    check = check_week(spec(assignment), sandbox, references())
    assert check.ok, table(check)
    assert len(check.mistakes) >= 3 * len(spec(assignment).functions)


def test_released_notebooks_are_stubs_that_score_zero(tmp_path: Path, sandbox: Sandbox) -> None:
    for assignment in ASSIGNMENTS:
        files = release.release(spec(assignment), SOLUTIONS, tmp_path)
        assert files == release.release(spec(assignment), SOLUTIONS, tmp_path)  # same bytes
        release.write(files)
        modules = {p.name for p in (COURSE / assignment / "modules").glob("*.py")}
        assert {p.name for p in files} == {f"{assignment}.ipynb", "shared_utils.py", *modules}
        report = _grade(tmp_path / assignment, assignment, sandbox)
        assert report.score == 0 and set(_statuses(report).values()) == {Status.NOT_IMPLEMENTED}


@pytest.mark.parametrize(("assignment", "markers"), [
    ("initialization", "new"), ("regularization", "old"), ("gradient_checking", "new"),
    ("optimization", "old")])
def test_the_course_layout_grades_full_marks(assignment: str, markers: str, tmp_path: Path,
                                             sandbox: Sandbox) -> None:
    """Imports of the course's helper and test modules, magics, test cells, nbgrader metadata,
    either marker style: the references, laid out as the course's notebook, score 100 %."""
    notebook = course_notebook(assignment, tmp_path / "notebook.ipynb", markers=markers)
    report = _grade(notebook, assignment, sandbox)
    assert report.score == report.max_score and report.max_score > 0
    assert any("matplotlib" in line or "scipy" in line for line in report.skipped) or (
        assignment == "gradient_checking")


# A function as the course lays it out: the region inside a loop written outside the markers,
# left empty, so the loop's body holds comments only (a syntax error, as in a course notebook).
UNFINISHED_LOOP = '''def initialize_velocity(parameters):
    L = len(parameters) // 2
    v = {}
    for l in range(L):
        # v["dW" + str(l + 1)] = ...
        # YOUR CODE STARTS HERE

        # YOUR CODE ENDS HERE
    return v'''


def test_a_half_finished_course_notebook(tmp_path: Path, sandbox: Sandbox) -> None:
    no_floor = ("def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, "
                "time_interval=1000):\n"
                "    return learning_rate0 / (1 + decay_rate * (epoch_num / time_interval))")
    notebook = course_notebook("optimization", tmp_path / "half.ipynb",
                               unfinished=("update_lr", "initialize_adam"),
                               replaced={"schedule_lr_decay": no_floor,
                                         "initialize_velocity": UNFINISHED_LOOP})
    report = _grade(notebook, "optimization", sandbox)
    statuses = _statuses(report)
    assert statuses.pop("update_lr") is statuses.pop("initialize_adam") is Status.NOT_IMPLEMENTED
    assert statuses.pop("initialize_velocity") in (Status.ERROR, Status.NOT_IMPLEMENTED)
    schedule = next(f for f in report.functions if f.name == "schedule_lr_decay")
    assert statuses.pop("schedule_lr_decay") is Status.FAIL
    assert schedule.checks[-1].hint is not None and "np.floor" in schedule.checks[-1].hint
    assert set(statuses.values()) == {Status.PASS} and report.score == 40


def test_the_older_release_is_told_what_changed(tmp_path: Path, sandbox: Sandbox) -> None:
    """The older release's Adam returned (parameters, v, s): that is named, with the fix."""
    learner = _copy("optimization", tmp_path, lambda text: text.replace(
        "return parameters, v, s, v_corrected, s_corrected", "return parameters, v, s"))
    report = _grade(learner, "optimization", sandbox)
    adam = next(f for f in report.functions if f.name == "update_parameters_with_adam")
    assert adam.status is Status.FAIL and adam.checks[-1].name == "structure"
    assert "older release" in (adam.checks[-1].hint or "")
    assert report.score == report.max_score - adam.max_score


def test_hidden_cases_come_from_the_seed(tmp_path: Path, sandbox: Sandbox) -> None:
    """A learner who hard-codes the drawn public cases' answers passes them, not hidden ones."""
    week = spec("optimization")
    public = week.parts[0].function("update_lr").cases
    from grader.engine import case_rng

    answers = {case.args: references().module("optimization", week.parts[0]).update_lr(
        *case.args) for case in public(case_rng("optimization", "update_lr"),
                                       references().module("optimization", week.parts[0]))}
    table_source = f"ANSWERS = {answers!r}\n"
    learner = tmp_path / "hard_coded.py"
    learner.write_text(table_source + "def update_lr(learning_rate0, epoch_num, decay_rate):\n"
                       "    return ANSWERS[(learning_rate0, epoch_num, decay_rate)]\n")
    shown = _grade(learner, "optimization", sandbox)
    hidden = _grade(learner, "optimization", sandbox, seed=424242)
    assert shown.cases == "public" and _statuses(shown)["update_lr"] is Status.PASS
    assert hidden.cases == "hidden" and _statuses(hidden)["update_lr"] is not Status.PASS
    reference = _copy("optimization", tmp_path)
    assert _grade(reference, "optimization", sandbox, seed=424242).score == 80


def test_the_bundle_grades_without_the_references(tmp_path: Path, sandbox: Sandbox) -> None:
    out = tmp_path / "dist"
    held = make_bundle([spec(a) for a in ASSIGNMENTS], references(), out)
    names = {path.name for path in held}
    assert not (out / "solutions").exists() and not any("mistakes" in n for n in names)
    assert {f"{a}.h5" for a in ASSIGNMENTS} <= names and "FACTS.md" not in names
    catalog = Catalog.discover(start=out)
    assert catalog.primary.name == "improving" and catalog.primary.root == out
    right = _grade(_copy("regularization", tmp_path), "regularization", sandbox,
                   catalog=catalog)
    assert right.score == 50 and right.unavailable
    wrong = _grade(_copy("gradient_checking", tmp_path, lambda text: text.replace(
        "(J_plus - J_minus) / (2 * epsilon)", "(J_plus - J_minus) / 2 * epsilon", 1)),
        "gradient_checking", sandbox, catalog=catalog)
    check = next(f for f in wrong.functions if f.name == "gradient_check")
    assert check.status is Status.FAIL and "parentheses" in (check.checks[-1].hint or "")


def test_a_class_is_graded_into_a_gradebook(tmp_path: Path) -> None:
    """`grade --course … regularization FOLDER`: a learner per entry, worker processes, a
    gradebook, and the export."""
    reference = SOLUTIONS / "regularization" / "regularization.py"
    learners = tmp_path / "class"
    learners.mkdir()
    (learners / "ada.py").write_text(reference.read_text())
    (learners / "ben.py").write_text(reference.read_text().replace(
        "A1 = A1 / keep_prob", "A1 = A1").replace("A2 = A2 / keep_prob", "A2 = A2"))
    course_notebook("regularization", learners / "cy.ipynb", unfinished=(
        "backward_propagation_with_dropout",))
    book = tmp_path / "grades.db"
    graded = classroom.grade("--course", str(COURSE), "regularization", str(learners),
                             "--gradebook", str(book), "--jobs", "1")
    assert graded.returncode == 0, graded.stderr
    assert classroom.scores(book) == {"ada": 50.0, "ben": 30.0, "cy": 40.0}
    assert classroom.incomplete(book) == []
    exported = classroom.grade("--course", str(COURSE), "export", "regularization", "--csv",
                               "--gradebook", str(book))
    rows = {line.split(",")[0]: line for line in exported.stdout.splitlines()}
    assert rows["ben"].endswith(",30,graded") and ",0," in rows["ben"]
    summary = classroom.grade("--course", str(COURSE), "summary", "regularization",
                              "--gradebook", str(book))
    assert "not_scaled" in summary.stdout


def _invoke(*args: str) -> Any:
    return CliRunner().invoke(cli, ["--course", str(COURSE), *args], catch_exceptions=False)


def test_the_command_line(tmp_path: Path) -> None:
    listing = _invoke("list")
    assert listing.exit_code == 0
    assert "course improving: Improving Deep Neural Networks" in listing.output
    assert "course neural-networks" in listing.output  # both courses
    learner = _copy("gradient_checking", tmp_path)
    graded = _invoke("gradient_checking", str(learner), "--format", "json")
    assert graded.exit_code == 0
    report = json.loads(graded.output)
    assert (report["week"], report["score"], report["max_score"]) == ("gradient_checking", 50,
                                                                      50)
    notebook = course_notebook("gradient_checking", tmp_path / "Gradient_Checking.ipynb")
    auto = _invoke("auto", str(notebook))  # forward_propagation is course 1's name too
    assert auto.exit_code == 0 and "gradient_checking total: 50/50" in auto.output


def test_the_engine_names_no_function_of_course_2() -> None:
    """Course 2 was added without an engine change: grader/ never names its functions."""
    names = {name for a in ASSIGNMENTS for f in spec(a).functions for name in f.names}
    pattern = re.compile(r"\b(" + "|".join(sorted(names)) + r")\b")
    package = ROOT / "grader"
    found = [f"{path}:{number}" for path in sorted(package.rglob("*.py"))
             if "default_course" not in path.parts
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if pattern.search(line)]
    assert len(names) == 19 and found == []


@pytest.mark.slow
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_released_notebooks_run_in_a_kernel(assignment: str, tmp_path: Path) -> None:
    """Each released notebook, its graded cells filled with the reference, runs top to bottom
    in a real Jupyter kernel beside its released helper modules, and prints what its prose
    says to expect (20 to 90 s each: the notebooks train their models)."""
    pytest.importorskip("ipykernel")
    nbclient = pytest.importorskip("nbclient")
    import nbformat

    from grader.release import function_sources

    release.write(release.release(spec(assignment), SOLUTIONS, tmp_path))
    notebook = nbformat.read(tmp_path / assignment / f"{assignment}.ipynb", as_version=4)
    sources = function_sources(SOLUTIONS / assignment / f"{assignment}.py")
    for cell in notebook.cells:
        if cell.cell_type == "code" and cell.source.startswith("# GRADED FUNCTION:"):
            name = cell.source.split(":", 1)[1].split()[0]
            cell.source = f"# GRADED FUNCTION: {name}\n\n{sources[name]}"
    nbclient.NotebookClient(notebook, timeout=600, kernel_name="python3", resources={
        "metadata": {"path": str(tmp_path / assignment)}}).execute()
    printed = "".join(output.get("text", "") for cell in notebook.cells
                      if cell.cell_type == "code" for output in cell.outputs)
    expected = {"initialization": "W2 = [[-0.03098412 -0.33744411 -0.92904268  0.62552248]]",
                "regularization": "cost = 1.7864859451590758",
                "gradient_checking": "difference = 0.2850931567761623",
                "optimization": "0.5 0.3846153846153846"}
    assert expected[assignment] in printed


def test_every_report_format_renders_a_course_2_grading(tmp_path: Path, sandbox: Sandbox) -> None:
    learner = _copy("regularization", tmp_path, lambda text: text.replace(
        "(lambd / m) * W3", "lambd * W3").replace("(lambd / m) * W2", "lambd * W2").replace(
        "(lambd / m) * W1", "lambd * W1"))
    report = grade(learner, ("regularization",), sandbox=sandbox,
                   catalog=Catalog.discover(COURSE))
    hint = "gradient is m times too large"
    for name in FORMATS:
        text = render(report, name)
        assert "backward_propagation_with_regularization" in text, name
        if name in ("text", "json", "markdown", "junit", "gradescope", "html"):
            assert hint in text, name
    assert '<testsuite name="regularization.regularization"' in render(report, "junit")


def test_an_untouched_stub_is_not_implemented_but_edited_code_is_graded(
        tmp_path: Path, sandbox: Sandbox) -> None:
    """The released backward_propagation_with_dropout computes a whole (wrong) answer with its
    regions empty: left as released, it is not implemented; with the code around its empty
    regions changed by the learner, it is graded on what that code does."""
    files = release.release(spec("regularization"), SOLUTIONS, tmp_path)
    release.write(files)
    notebook = tmp_path / "regularization" / "regularization.ipynb"
    name = "backward_propagation_with_dropout"
    untouched = _statuses(_grade(notebook, "regularization", sandbox))[name]
    assert untouched is Status.NOT_IMPLEMENTED
    document = json.loads(notebook.read_text())
    cell = next(c for c in document["cells"] if f"def {name}(" in "".join(c["source"]))
    source = "".join(cell["source"])
    cell["source"] = source.replace("dZ2 = np.multiply(dA2, np.int64(A2 > 0))",
                                    "dZ2 = np.multiply(dA2 * 2, np.int64(A2 > 0))")
    assert cell["source"] != source
    notebook.write_text(json.dumps(document))
    assert _statuses(_grade(notebook, "regularization", sandbox))[name] is Status.FAIL
