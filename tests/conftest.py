"""Shared fixtures: one sandbox for the whole session, started before any reference loads."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from grader.engine import Grading, grade_week
from grader.references import References
from grader.results import Status, WeekReport
from grader.sandbox import Child, Module, Sandbox, SandboxLimits, Served
from grader.submission import load_submission
from grader.courses.registry import get_week

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SOLUTIONS = ROOT / "solutions"
ASSIGNMENTS = ROOT / "assignments"

_SANDBOX: list[Sandbox] = []


def pytest_sessionstart(session: pytest.Session) -> None:
    # Forked now, while this process holds no reference: the children stay clean.
    _SANDBOX.append(Sandbox.start(SandboxLimits(seconds_per_call=10.0)))


def pytest_sessionfinish(session: pytest.Session) -> None:
    while _SANDBOX:
        _SANDBOX.pop().close()


@pytest.fixture(scope="session")
def sandbox() -> Sandbox:
    return _SANDBOX[0]


@pytest.fixture(scope="session")
def references() -> References:
    return References(SOLUTIONS)


GradeFn = Callable[..., WeekReport]


@pytest.fixture(scope="session")
def grade(sandbox: Sandbox, references: References) -> GradeFn:
    """grade(path, week="week4", seed=None) -> WeekReport, on the session's sandbox."""

    def run(path: Path, week: str = "week4", seed: int | None = None) -> WeekReport:
        return grade_week(load_submission(path, sandbox), get_week(week),
                          Grading(sandbox, references, seed))

    return run


def loaded_child(sandbox: Sandbox, source: str, aliases: tuple[str, ...] = ()) -> Child:
    """A child with `source` loaded as the learner's file (and the week-4 course modules
    `aliases`)."""
    import marshal

    from grader.courses.modules import learner_modules
    from grader.spec import Part

    child = sandbox.open()
    blobs = [marshal.dumps(compile(source, "learner.py", "exec"))]
    statement = {"line": 1, "source": source, "kind": "code", "code": 0}
    modules = []
    for module in learner_modules(get_week("week4"), Part("p", "p", "p", (), modules=aliases)):
        blobs.append(module.code)
        modules.append({"names": list(module.names), "code": len(blobs) - 1})
    outcome = child.load([{"file": "learner.py", "statements": [statement]}], blobs, modules)
    assert outcome.crash is None and outcome.failed == ()
    return child


def served_from(source: str) -> Served:
    """Reference helpers for a learner's code, written as the module `source`."""
    import marshal

    code = marshal.dumps(compile(source, "reference.py", "exec", dont_inherit=True))
    return Served.of((Module(("reference",), code),))


def replace_function(reference: Path, wrong: Path, name: str | None = None) -> str:
    """The reference module's text with one function (`name`, by default the stem of `wrong`)
    swapped for the file `wrong`."""
    from grader.release import function_sources

    original = function_sources(reference)[name or wrong.stem]
    return reference.read_text(encoding="utf-8").replace(original, wrong.read_text(encoding="utf-8"))


def assert_full_marks(report: WeekReport) -> None:
    """Every function passes (else show the checks of those that do not)."""
    failing = {(f.part, f.name): f.checks for f in report.functions if f.status is not Status.PASS}
    assert failing == {}
    assert report.score == report.max_score


def assert_all_stubs(report: WeekReport) -> None:
    """Every function is reported not implemented, with a message that says so."""
    assert report.score == 0
    for function in report.functions:
        assert function.status is Status.NOT_IMPLEMENTED, function.name
        assert "not implemented yet" in function.checks[0].message


def assert_only_loses(report: WeekReport, part: str, name: str) -> None:
    """The function `name` of `part` fails (or errs) and every other passes."""
    statuses = {(f.part, f.name): f.status for f in report.functions}
    assert statuses.pop((part, name)) in (Status.FAIL, Status.ERROR)
    assert set(statuses.values()) == {Status.PASS}
    assert report.score == report.max_score - next(
        f.max_score for f in report.functions if (f.part, f.name) == (part, name))


def fill_notebook(notebook: Path, reference: Path, target: Path) -> Path:
    """The learner's notebook with every graded cell filled in with the reference's code."""
    import nbformat

    from grader.release import function_sources

    functions = function_sources(reference)
    document = nbformat.read(str(notebook), as_version=4)
    for cell in document.cells:
        name = cell.metadata.get("nbgrader", {}).get("grade_id")
        if name in functions:
            cell.source = f"# GRADED FUNCTION: {name}\n\n{functions[name]}"
    nbformat.write(document, str(target))
    return target


MEASURED = ("import resource, sys\n"
            "from grader.cli import main\n"
            "try:\n    main(sys.argv[1:])\n"
            "finally:\n"
            "    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
            "    sys.stderr.write(f'\\npeak-rss-kib {peak}\\n')\n")


def run_measured(*args: str) -> tuple[subprocess.CompletedProcess[str], float, float]:
    """Run the CLI in a process of its own: what it did, the grader's own peak memory (MiB,
    not its children's), and the wall time (s)."""
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", MEASURED, *args], capture_output=True,
                          text=True, timeout=600, check=False)
    peak = next(int(line.split()[1]) for line in done.stderr.splitlines()
                if line.startswith("peak-rss-kib"))
    return done, peak / 1024, time.monotonic() - started


@pytest.fixture(scope="session")
def installed_grade(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin/ folder of a fresh virtual environment where a wheel of this tree is installed
    (not editable): `grade` as a user has it, with no solutions/ beside the package."""
    from installed import build_wheel, fresh_venv, site_without_grade

    root = tmp_path_factory.mktemp("installed")
    wheel = build_wheel(root / "dist")
    return fresh_venv(root / "venv", wheel, site_without_grade(root / "site"))
