"""A learners' bundle: everything needed to check their work locally, and no answers.

    <out>/assignments/<week>/   the notebooks and helper modules, as `grade release` makes them
    <out>/grader/               the grader itself (with the built-in course)
    <out>/pyproject.toml        to install it: pip install -e <out>
    <out>/cases/<week>.h5       the public cases with the references' answers (grader.casebook)
    <out>/README.md             how to use it
    <out>/grade.toml, <out>/<week>/, <out>/modules/
                                another course's folder, without its references: `grade` run
                                in <out> finds it there, and its cases in cases/

It holds no reference solution and no mistake catalogue: grading from it reads the cases file
(`grader.answers.default_source` finds it), with the same checks and messages except those that
need the references at run time, which every report lists.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from grader import casebook, release
from grader.courses.folder import CONFIG, CourseFolder
from grader.courses.registry import BUILT_IN
from grader.engine import case_rng
from grader.errors import ConfigError
from grader.references import References
from grader.spec import Week

_IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", "*.pyo", ".mypy_cache")


def make_bundle(weeks: list[Week], references: References, out: Path) -> list[Path]:
    """Write the bundle of `weeks` into `out` (which must not exist yet); return what it holds."""
    if out.exists():
        raise ConfigError("the bundle's folder already exists; give a new one", path=out)
    package = Path(__file__).resolve().parent
    project = package.parent / "pyproject.toml"
    if not project.is_file():
        raise ConfigError("a bundle needs the project's source (pyproject.toml beside the "
                          "grader package): run it from a checkout", path=project)
    out.mkdir(parents=True)
    shutil.copytree(package, out / "grader", ignore=_IGNORED)
    shutil.copy2(project, out / "pyproject.toml")
    if references.course.root != BUILT_IN:
        _copy_course(references.course, weeks, out)
    (out / "cases").mkdir()
    for week in weeks:
        release.write(release.release(week, references.root, out / "assignments"))
        casebook.write(week, references, out / "cases" / f"{week.name}.h5",
                       lambda week_name, function: case_rng(week_name, function))
    (out / "README.md").write_text(_readme(weeks), encoding="utf-8")
    return sorted(p for p in out.rglob("*") if p.is_file())


def _copy_course(course: CourseFolder, weeks: list[Week], out: Path) -> None:
    """The course folder's public part at the bundle's root: its assignments' folders (specs,
    helper modules, data) and the course's modules, with a grade.toml whose cases are the
    bundle's; never its references."""
    for folder in [*(week.name for week in weeks), "modules"]:
        source = course.root / folder
        if source in (course.solutions, *course.solutions.parents):
            raise ConfigError("holds the course's references: a bundle cannot copy it",
                              path=source)
        if source.is_dir():
            shutil.copytree(source, out / folder, ignore=_IGNORED)
    names = ", ".join(f'"{week.name}"' for week in weeks)
    (out / CONFIG).write_text(
        f"# The course {course.name} without its references: grading reads cases/.\n"
        f"[course]\nname = {_quoted(course.name)}\ntitle = {_quoted(course.title)}\n"
        f"assignments = [{names}]\n", encoding="utf-8")


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _readme(weeks: list[Week]) -> str:
    names = ", ".join(week.name for week in weeks)
    first = weeks[0].name
    return f"""# Check your work ({names})

    python3 -m venv .venv && . .venv/bin/activate && pip install -e .
    grade {first}                  # grades ./assignments/{first}/

Write your code in the notebooks of `assignments/`, between the `YOUR CODE` markers, then run
`grade <week>` from this folder (or `grade <week> path/to/your/notebook.ipynb`). The grader
runs your functions on the course's public cases and tells you, for each, what is wrong and,
when it recognises it, the likely mistake.

This bundle has no reference solutions: `cases/` holds the public cases and their expected
answers. So two things are not checked here, and every report says so: functions that call
other graded functions run with your own versions of them, and the hidden cases your
instructor grades with are not included.
"""
