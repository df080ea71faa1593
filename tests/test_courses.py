"""Courses as data: course folders, how they are found, how their code is loaded, `grade new`,
and an engine that names no course function and has no import cycle."""

from __future__ import annotations

import ast
import concurrent.futures as cf
import hashlib
import json
import marshal
import re
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner

from grader.batch.discover import Learner
from grader.batch.job import WorkerContext, grade_job
from grader.batch.run import BatchSettings, grade_all, prepare
from grader.bundle import make_bundle
from grader.cli.app import cli
from grader.courses.folder import CourseFolder, read_course
from grader.courses.imports import course_key, helper_module
from grader.courses.modules import learner_modules, reference_code
from grader.courses.registry import Catalog, built_in, get_week, load_week
from grader.courses.scaffold import new_assignment
from grader.errors import ConfigError
from grader.gradebook import Gradebook
from grader.grading import grade
from grader.references import References
from grader.render import FORMATS, render
from grader.results import Status
from grader.sandbox import Sandbox
from grader.selfcheck import check_week

from conftest import ROOT, SOLUTIONS

PACKAGE = ROOT / "grader"


def _course(folder: Path, *assignments: str) -> CourseFolder:
    """A course made by `grade new`'s library function, with these assignments."""
    course = None
    for name in assignments:
        course = new_assignment(name, folder, course).course
    assert course is not None
    return course


def _invoke(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


# --- course folders ------------------------------------------------------------------------


def test_a_course_is_read_from_its_grade_toml_or_its_pyproject(tmp_path: Path) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "one" / "grade.toml").write_text(
        '[course]\nname = "one"\ntitle = "Course one"\nsolutions = "../answers"\n'
        'assignments = ["second", "first"]\n')
    for name in ("first", "second", "third"):
        (tmp_path / "one" / name).mkdir()
        (tmp_path / "one" / name / "spec.py").write_text("")
    one = read_course(tmp_path / "one")
    assert (one.name, one.title, one.solutions) == ("one", "Course one", tmp_path / "answers")
    assert one.assignments == ("second", "first", "third") and one.cases == one.root / "cases"
    (tmp_path / "two" / "src").mkdir(parents=True)
    (tmp_path / "two" / "pyproject.toml").write_text(
        '[project]\nname = "x"\n[tool.grade]\nname = "two"\nfolder = "src"\n')
    two = read_course(tmp_path / "two")
    assert (two.name, two.title, two.root) == ("two", "two", tmp_path / "two" / "src")


@pytest.mark.parametrize("text,problem", [
    ('[other]\nname = "x"\n', "has no [course] table"),
    ('[course]\ntitle = "no name"\n', "needs name"),
    ('[course]\nname = "x"\nsolution = "typo"\n', "unknown key 'solution'"),
    ('[course]\nname = "2 bad"\n', "must start with a letter"),
    ('[course]\nname = x\n', "cannot read the course's configuration"),
    ('[course]\nname = "x"\nassignments = "one"\n', "assignments must be a list"),
])
def test_a_bad_configuration_is_one_line_naming_the_file(tmp_path: Path, text: str,
                                                         problem: str) -> None:
    (tmp_path / "grade.toml").write_text(text)
    with pytest.raises(ConfigError) as raised:
        read_course(tmp_path)
    assert problem in str(raised.value) and str(tmp_path / "grade.toml") in str(raised.value)
    assert "\n" not in str(raised.value)


def test_a_broken_spec_is_one_line_naming_it(tmp_path: Path) -> None:
    course = _course(tmp_path, "demo")
    spec = course.root / "demo" / "spec.py"
    for text, problem in (("ASSIGNMENT = 1\n", "defines no ASSIGNMENT"),
                          ("def broken(:\n", "cannot load it: SyntaxError"),
                          (spec.read_text().replace('Week("demo"', 'Week("other"'),
                           "it must be named as its folder, 'demo'")):
        for key in [k for k in sys.modules if k.startswith(f"grade_courses.{course_key(course)}")]:
            del sys.modules[key]
        spec.write_text(text)
        with pytest.raises(ConfigError) as raised:
            load_week(course, "demo")
        assert problem in str(raised.value) and str(spec) in str(raised.value)


# --- finding courses -----------------------------------------------------------------------


def test_the_course_is_found_from_here_upward(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GRADE_COURSE", raising=False)
    course = _course(tmp_path / "course", "demo")
    deep = course.root / "demo" / "notes"
    deep.mkdir()
    catalog = Catalog.discover(start=deep)
    assert catalog.selected and catalog.primary.root == course.root
    assert [c.name for c in catalog.courses][-1] == "neural-networks"
    assert catalog.names() == ("demo", "week2", "week3", "week4")
    alone = Catalog.discover(start=tmp_path)
    assert not alone.selected and alone.primary.origin == "built-in"


def test_course_and_GRADE_COURSE_select_a_course(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = _course(tmp_path / "a", "first"), _course(tmp_path / "b", "second")
    monkeypatch.setenv("GRADE_COURSE", str(first.root))
    assert Catalog.discover(start=second.root).primary.root == first.root
    assert Catalog.discover(second.root).primary.origin == "--course"
    monkeypatch.setenv("GRADE_COURSE", str(tmp_path))
    with pytest.raises(ConfigError, match="not a course folder"):
        Catalog.discover()
    with pytest.raises(ConfigError, match="no such course folder"):
        Catalog.discover(tmp_path / "typo")


def test_an_installed_course_is_found_by_its_entry_point(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    _course(site / "installed_course_pkg", "installed_demo")
    (site / "installed_course_pkg" / "__init__.py").write_text("")
    info = site / "installed_course-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: installed-course\n"
                                   "Version: 1.0\n")
    (info / "entry_points.txt").write_text("[grade.courses]\ndemo = installed_course_pkg\n"
                                           "broken = no_such_module_anywhere\n")
    monkeypatch.syspath_prepend(str(site))
    try:
        catalog = Catalog.discover(start=tmp_path)
        assert [c.name for c in catalog.courses] == ["neural-networks", "installed_course_pkg"]
        assert catalog.courses[1].origin == "installed: demo = installed_course_pkg"
        assert catalog.primary.origin == "built-in" and not catalog.selected
        assert catalog.resolve("installed_demo")[0].name == "installed_course_pkg"
        assert catalog.week("installed_demo").max_score == 10
    finally:
        sys.modules.pop("installed_course_pkg", None)
    assert "installed_demo" in catalog.names()
    assert len(catalog.problems) == 1 and "no_such_module_anywhere" in catalog.problems[0]


def test_a_name_means_the_first_course_that_has_it(tmp_path: Path) -> None:
    course = _course(tmp_path / "mine", "week4")
    catalog = Catalog.discover(course.root)
    assert catalog.resolve("week4") == (catalog.primary, "week4")
    assert catalog.resolve("neural-networks:week4")[0].origin == "built-in"
    assert "neural-networks:week4" in catalog.names() and "week3" in catalog.names()
    assert catalog.week("neural-networks:week4").max_score == 120
    with pytest.raises(ConfigError, match="unknown assignment 'week9'; the assignments are"):
        catalog.resolve("week9")


# --- loading a course's code ---------------------------------------------------------------


def _shared_module(course: CourseFolder, value: int, assignment: str | None = None) -> None:
    folder = course.root / (assignment or "") / "modules"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "shared_utils.py").write_text(f"VALUE = {value}\n")


def test_helper_modules_of_the_same_name_never_meet(tmp_path: Path) -> None:
    """Two courses, and two assignments of one course, each have a `shared_utils`: each
    reference sees its own under the plain name, and none is in sys.modules by that name."""
    one, two = _course(tmp_path / "one", "a", "b"), _course(tmp_path / "two", "a")
    _shared_module(one, 1)
    _shared_module(one, 3, "b")  # the assignment's own wins over the course's
    _shared_module(two, 2)
    seen = {}
    for course, assignment in ((one, "a"), (one, "b"), (two, "a")):
        reference = course.solutions / assignment / f"{assignment}.py"
        reference.write_text(reference.read_text() + "\nimport shared_utils\n\n"
                             "def value():\n    import shared_utils as again\n"
                             "    return shared_utils.VALUE, again.VALUE\n")
        module = References(course.solutions, course).module(
            assignment, load_week(course, assignment).parts[0])
        seen[course.name, assignment] = module.value()
    assert seen == {("one", "a"): (1, 1), ("one", "b"): (3, 3), ("two", "a"): (2, 2)}
    assert "shared_utils" not in sys.modules
    assert helper_module(one, "b", "shared_utils").VALUE == 3


def test_reference_code_is_what_running_a_reference_elsewhere_needs(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The reference of a part and the course modules it imports, dependencies first, run as
    shipped code (as a confined child would run them) and answer as the grader's own do."""
    week = get_week("week4")
    part = week.parts[1]
    code = reference_code(week, part, SOLUTIONS)
    names = [module.names[0] for module in code.modules]
    assert names.index("dnn_utils") < names.index("dnn_app_utils_v3")
    assert names.index("lr_utils") < names.index("dnn_app_utils_v3")
    assert code.reference.names[0].startswith("grader.references.neural_networks_")
    for module in (*code.modules, code.reference):
        installed = ModuleType(module.names[0])
        for name in module.names:
            monkeypatch.setitem(sys.modules, name, installed)
        exec(marshal.loads(module.code), installed.__dict__)  # noqa: S102
    shipped = sys.modules[code.reference.names[0]]
    ours = References(SOLUTIONS).module("week4", part)
    assert shipped.two_layer_model is not ours.two_layer_model
    X, Y = np.random.RandomState(0).randn(4, 6), np.array([[1.0, 0, 1, 1, 0, 0]])
    theirs, mine = (model.two_layer_model(X, Y, (4, 3, 1), 0.1, 101)
                    for model in (shipped, ours))
    assert np.array_equal(theirs[0]["W1"], mine[0]["W1"]) and theirs[1] == mine[1]


def test_a_part_gets_its_listed_modules_what_they_import_and_stand_ins() -> None:
    week = get_week("week4")
    step, application = week.parts
    assert [m.names for m in learner_modules(week, step)][-1][0] == "grader.courses.test_modules"
    names = [m.names[0] for m in learner_modules(week, application)]
    assert "dnn_app_utils_v3" in names and "dnn_app_utils_v3" not in [
        m.names[0] for m in learner_modules(week, step)]


# --- grade new, and grading a course folder ------------------------------------------------


def _package_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path).encode() + path.read_bytes())
    return digest.hexdigest()


def test_grade_new_makes_an_assignment_that_grades_a_stub_and_a_solution(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sandbox: Sandbox) -> None:
    """From nothing: `grade new` makes a course and an assignment that the self-check passes;
    released, its stub scores 0 (not implemented); with its reference edited, a solution is
    graded against the edit; and no file of the package changed."""
    before = _package_digest()
    monkeypatch.delenv("GRADE_COURSE", raising=False)
    monkeypatch.chdir(tmp_path)
    made = _invoke("new", "demo", "--title", "A first assignment")
    assert made.exit_code == 0, made.output
    assert "made the course" in made.output and "next: grade selfcheck demo" in made.output
    course = read_course(tmp_path)
    assert course.assignments == ("demo",) and course.solutions == tmp_path / "solutions"
    catalog = Catalog.discover()
    week = catalog.week("demo")
    check = check_week(week, sandbox, References(course.solutions, course))
    assert check.ok and len(check.mistakes) == 3
    assert _invoke("release", "demo").exit_code == 0
    stub = grade(tmp_path / "assignments" / "demo", ("demo",), sandbox=sandbox,
                 catalog=catalog).weeks[0]
    assert [f.status for f in stub.functions] == [Status.NOT_IMPLEMENTED] and stub.score == 0
    reference = course.solutions / "demo" / "demo.py"
    original = reference.read_text()
    reference.write_text(original.replace("** 2))", "** 2) / 2)"))  # the course's 1/2 convention
    edited = reference.read_text()
    (tmp_path / "old.py").write_text(original)
    (tmp_path / "new.py").write_text(edited)
    catalog = Catalog.discover()
    solution, outdated = (grade(tmp_path / name, ("demo",), sandbox=sandbox, catalog=catalog)
                          for name in ("new.py", "old.py"))
    assert solution.score == solution.max_score == 10
    assert outdated.score == 0 and outdated.weeks[0].functions[0].status is Status.FAIL
    for name in FORMATS:  # every report, for any course
        assert "mean_squared_error" in render(outdated, name), name
    hidden = grade(tmp_path / "new.py", ("demo",), seed=2024, sandbox=sandbox, catalog=catalog)
    assert hidden.weeks[0].cases == "hidden" and hidden.weeks[0].score == 10
    assert _package_digest() == before


def test_a_learner_cannot_read_a_course_folders_references(tmp_path: Path,
                                                            sandbox: Sandbox) -> None:
    course = _course(tmp_path / "course", "demo")
    reference = course.solutions / "demo" / "demo.py"
    (tmp_path / "cheat.py").write_text(
        "def mean_squared_error(Y_hat, Y):\n"
        f"    namespace = {{}}\n    exec(open({str(reference)!r}).read(), namespace)\n"
        "    return namespace['mean_squared_error'](Y_hat, Y)\n")
    report = grade(tmp_path / "cheat.py", ("demo",), sandbox=sandbox,
                   catalog=Catalog.discover(course.root)).weeks[0]
    if "landlock" not in " ".join(report.protections):
        pytest.skip("this machine has no Landlock: a child may read any file")
    (result,) = report.functions
    assert result.status is Status.ERROR and "Permission denied" in result.checks[0].message


def test_grade_all_grades_every_assignment_of_the_selected_course(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    course = _course(tmp_path / "course", "first", "second")
    for name in ("first", "second"):
        (tmp_path / "work" / name).mkdir(parents=True)
        (tmp_path / "work" / name / "answer.py").write_text(
            (course.solutions / name / f"{name}.py").read_text())
    (tmp_path / "work" / "second" / "answer.py").write_text("import numpy as np\n"
                                                            "def mean_squared_error(a, b):\n"
                                                            "    return 0.0\n")
    monkeypatch.chdir(tmp_path)
    done = _invoke("--course", str(course.root), "all", "work", "--format", "json")
    assert done.exit_code == 0, done.output
    report = json.loads(done.output)
    assert [week["week"] for week in report["weeks"]] == ["first", "second"]
    assert [week["score"] for week in report["weeks"]] == [10, 0] and report["max_score"] == 20


def test_grade_new_refuses_a_taken_or_bad_name(tmp_path: Path) -> None:
    course = _course(tmp_path, "demo")
    with pytest.raises(ConfigError, match="already exists"):
        new_assignment("demo", tmp_path, course)
    for name in ("2nd", "list", "a-b"):
        with pytest.raises(ConfigError, match="cannot name an assignment"):
            new_assignment(name, tmp_path, course, reserved=("list",))


def test_grade_list_shows_every_course(tmp_path: Path) -> None:
    course = _course(tmp_path, "demo")
    done = _invoke("--course", str(course.root), "list")
    assert done.exit_code == 0, done.output
    lines = done.output.splitlines()
    headers = [line for line in lines if line.startswith("course ")]
    assert [h.split(":")[0] for h in headers] == [f"course {course.name}",
                                                  "course neural-networks"]
    assert "  demo  Demo  (10 points)" in lines and "  week4  Week 4: deep neural networks  " \
        "(120 points)" in lines


def test_the_bundle_of_another_course_grades_from_its_cases(tmp_path: Path,
                                                             sandbox: Sandbox) -> None:
    """The bundle holds the course folder without its references: `grade` run there finds the
    course and grades from the cases file, with the same verdicts."""
    course = _course(tmp_path / "course", "demo")
    _shared_module(course, 7, "demo")
    out = tmp_path / "dist"
    make_bundle([load_week(course, "demo")], References(course.solutions, course), out)
    assert (out / "demo" / "spec.py").is_file() and (out / "cases" / "demo.h5").is_file()
    released = (out / "assignments" / "demo" / "shared_utils.py").read_text()
    assert "\nVALUE = 7\n" in released and "written by `grade release`" in released
    assert not list(out.rglob("demo_mistakes.py")) and not (out / "solutions").exists()
    catalog = Catalog.discover(start=out)
    bundled = catalog.primary
    assert (bundled.name, bundled.root, bundled.cases) == (course.name, out, out / "cases")
    solution = tmp_path / "solution.py"
    solution.write_text((course.solutions / "demo" / "demo.py").read_text())
    wrong = tmp_path / "wrong.py"
    wrong.write_text(solution.read_text().replace("** 2)", ")"))
    right, mistaken = (grade(path, ("demo",), sandbox=sandbox, catalog=catalog).weeks[0]
                       for path in (solution, wrong))
    assert right.score == 10 and right.unavailable and mistaken.score == 0
    assert mistaken.functions[0].checks[-1].hint.startswith("the differences are not squared")


def test_a_class_of_another_course_is_graded_by_workers_that_load_it(
        tmp_path: Path, sandbox: Sandbox) -> None:
    """The batch's jobs carry the course folder: a worker loads its spec and references."""
    course = _course(tmp_path / "course", "demo")
    reference = course.solutions / "demo" / "demo.py"
    (tmp_path / "ada.py").write_text(reference.read_text())
    (tmp_path / "ben.py").write_text(reference.read_text().replace("** 2)", ")"))
    context = WorkerContext(sandbox, References())

    class InProcess:
        def submit(self, fn: Callable[..., Any], /, *args: Any) -> cf.Future[Any]:
            future: cf.Future[Any] = cf.Future()
            future.set_result(grade_job(context, *args))
            return future

        def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
            pass

    class Quiet:
        def advance(self, count: int = 1) -> None:
            pass

        def note(self, text: str) -> None:
            pass

    learners = [Learner("ada", tmp_path / "ada.py"), Learner("ben", tmp_path / "ben.py")]
    with Gradebook.open(tmp_path / "grades.db") as book:
        todo = prepare(learners, BatchSettings("demo", course=course), book)
        assert {job.course for job in todo.jobs} == {str(course.root)}
        result = grade_all(todo, InProcess, book, Quiet())
        rows = {row.learner: row for row in book.latest("demo")}
    assert result.graded == 2 and result.max_score == 10
    assert rows["ada"].score == 10 and rows["ben"].score == 0
    assert rows["ben"].functions[0].mistake == "no_square"


# --- what the engine holds itself to -------------------------------------------------------

_ENGLISH = {"model"}  # graded names that are ordinary words of the engine's prose
# The logistic function, which the generic diagnosis and the mutation generator know as
# mathematics (an activation swapped for another), whatever course grades a function of that
# name: the engine computes it, it does not grade it.
_MATHEMATICS = {"sigmoid"}


def test_the_engine_names_no_course_function() -> None:
    """Outside course folders, `grader/` names no graded function and no helper module of the
    built-in course, nor of the course folders of this repository (`courses/*/`): the engine
    knows them only through specs."""
    course = built_in()
    names: set[str] = set()
    others = [read_course(config.parent) for config in sorted(ROOT.glob("courses/*/grade.toml"))]
    for each in (course, *others):
        for assignment in each.assignments:
            names |= {name for f in load_week(each, assignment).functions for name in f.names}
            names |= set(each.helper_modules(assignment))
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, sorted(names - _ENGLISH - _MATHEMATICS)))
                         + r")\b")
    found = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
             for path in sorted(PACKAGE.rglob("*"))
             if path.is_file() and path.suffix in (".py", ".json", ".toml")
             and course.root not in path.resolve().parents
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if pattern.search(line)]
    assert len(names) > 30 and found == []


def _import_graph() -> dict[str, set[str]]:
    modules = {".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"): p
               for p in PACKAGE.rglob("*.py") if "default_course" not in p.parts}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        edges = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                edges |= {alias.name for alias in node.names if alias.name in modules}
            elif isinstance(node, ast.ImportFrom):
                base = (".".join(package.split(".")[:len(package.split(".")) - node.level + 1])
                        if node.level else "")
                module = ".".join(filter(None, [base, node.module or ""]))
                for alias in node.names:
                    target = f"{module}.{alias.name}"
                    edges.add(target if target in modules else module)
        graph[name] = {edge for edge in edges if edge in modules and edge != name}
    return graph


def test_no_module_of_the_engine_imports_itself_back() -> None:
    """No import cycle, counting imports inside functions too (a cycle that only works
    because one side imports late is still a cycle)."""
    graph = _import_graph()
    cycles = []

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for edge in graph[start]:
            if edge == goal or (edge not in seen and not seen.add(edge)
                                and reaches(edge, goal, seen)):
                return True
        return False

    for module in graph:
        if reaches(module, module, set()):
            cycles.append(module)
    assert "grader.answers" in graph and cycles == []

