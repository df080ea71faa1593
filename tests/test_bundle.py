"""A learners' bundle: the assignments, the grader and the public cases, and no answers."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ASSIGNMENTS, FIXTURES, SOLUTIONS, replace_function

from grader.bundle import make_bundle
from grader.casebook import UNAVAILABLE, CaseBooks
from grader.engine import Grading, grade_week
from grader.errors import ConfigError
from grader.references import References
from grader.release import MARKERS, function_sources
from grader.results import WeekReport
from grader.sandbox import Sandbox
from grader.submission import load_submission
from grader.courses.registry import built_in, get_week


NAMES = built_in().assignments

# The course hands this module to learners with the application notebook; it implements the
# step-by-step functions, as the course's own does. It is the one place they may appear.
COURSE_MODULES = ("grader/default_course/", "assignments/week4/dnn_app_utils_v3.py")


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bundle") / "dist"
    make_bundle([get_week(name) for name in NAMES], References(SOLUTIONS), out)
    return out


def _code_bodies() -> Iterator[tuple[str, str]]:
    """Each reference function's answer: the code between its markers, whitespace folded."""
    for path in SOLUTIONS.rglob("*.py"):
        if path.stem.endswith("_mistakes"):
            continue
        for name, source in function_sources(path).items():
            inside, code = False, []
            for line in source.splitlines():
                stripped = line.strip()
                if any(stripped.startswith(start) for start, _ in MARKERS):
                    inside = True
                elif any(stripped.startswith(end) for _, end in MARKERS):
                    inside = False
                elif inside and stripped and not stripped.startswith("#"):
                    code.append(stripped)
            if code:
                yield f"{path.parent.name}/{name}", " ".join(code)


def _folded(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\\n", "\n").replace('\\"', '"'))


def test_the_bundle_holds_what_a_learner_needs(bundle: Path) -> None:
    assert {p.name for p in bundle.iterdir()} == {"README.md", "assignments", "cases", "grader",
                                                  "pyproject.toml"}
    assert sorted(p.name for p in (bundle / "cases").iterdir()) == [f"{w}.h5" for w in NAMES]
    assert (bundle / "assignments" / "week4" / "step_by_step.ipynb").read_text() == \
        (ASSIGNMENTS / "week4" / "step_by_step.ipynb").read_text()


def test_the_bundle_contains_no_solution_code(bundle: Path) -> None:
    files = {p.relative_to(bundle).as_posix(): _folded(p.read_text(errors="ignore"))
             for p in bundle.rglob("*") if p.is_file() and p.suffix != ".h5"}
    assert not any("solutions" in name or name.endswith("_mistakes.py") for name in files)
    bodies = list(_code_bodies())
    assert len(bodies) >= 30
    for where, body in bodies:
        found = [name for name, text in files.items()
                 if body in text and not name.startswith(COURSE_MODULES)]
        assert not found, f"the answer of {where} is in {found}"
    for path in SOLUTIONS.rglob("*_mistakes.py"):  # no mistake catalogue, even in part
        for name, source in function_sources(path).items():
            if "__" in name:
                assert not any(_folded(source) in text for text in files.values()), name


@pytest.fixture(scope="module")
def graders(sandbox: Sandbox, bundle: Path) -> tuple[Grading, Grading]:
    return Grading(sandbox, References(SOLUTIONS)), Grading(sandbox, CaseBooks(bundle / "cases"))


def _scores(report: WeekReport) -> dict[tuple[str, str], tuple[str, float]]:
    return {(f.part, f.name): (f.status.value, f.score) for f in report.functions}


@pytest.mark.parametrize("week", NAMES)
def test_references_and_stubs_score_the_same_from_the_bundle(sandbox: Sandbox, graders, week: str) -> None:
    live, stored = graders
    for path in (SOLUTIONS / week, ASSIGNMENTS / week):
        submission, spec = load_submission(path, sandbox), get_week(week)
        assert _scores(grade_week(submission, spec, stored)) == \
            _scores(grade_week(submission, spec, live))


WRONG = sorted((FIXTURES / "week4" / "wrong").glob("*.py"))


@pytest.mark.parametrize("wrong", WRONG, ids=[p.stem for p in WRONG])
def test_a_wrong_function_scores_the_same_unless_others_call_it(sandbox: Sandbox, graders, wrong: Path,
                                                                tmp_path: Path) -> None:
    live, stored = graders
    path = tmp_path / "submission.py"
    path.write_text(replace_function(SOLUTIONS / "week4" / "step_by_step.py", wrong))
    week = get_week("week4")
    from_bundle = grade_week(load_submission(path, sandbox), week, stored)
    with_references = grade_week(load_submission(path, sandbox), week, live)
    callers = {f.name for f in week.parts[0].functions if wrong.stem in f.helpers}
    same = {key: value for key, value in _scores(with_references).items() if key[1] not in callers}
    assert {key: value for key, value in _scores(from_bundle).items()
            if key[1] not in callers} == same
    # Messages and hints are the same too, for the function itself.
    mine = next(f for f in from_bundle.functions if f.name == wrong.stem)
    theirs = next(f for f in with_references.functions if f.name == wrong.stem)
    assert [(c.name, c.message, c.hint) for c in mine.checks] == \
        [(c.name, c.message, c.hint) for c in theirs.checks]
    # Without the references, a caller runs with the learner's own helper: it may lose points
    # too, never gain them; the report says why.
    for name in callers:
        assert _scores(from_bundle)[("step_by_step", name)][1] <= \
            _scores(with_references)[("step_by_step", name)][1]
    assert from_bundle.unavailable == UNAVAILABLE and with_references.unavailable == ()


def test_hidden_cases_need_the_references(sandbox: Sandbox, bundle: Path) -> None:
    with pytest.raises(ConfigError, match="hidden cases need the reference solutions"):
        Grading(sandbox, CaseBooks(bundle / "cases"), seed=7)


def test_grade_runs_from_the_bundle_without_the_references(bundle: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("GRADE_SOLUTIONS", "GRADE_CASES")}
    env["PYTHONPATH"] = str(bundle)  # the bundle's own copy of the grader
    done = subprocess.run([sys.executable, "-m", "grader", "week4", str(SOLUTIONS / "week4"),
                           "--format", "json"], cwd=bundle, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["score"] == report["max_score"] == 120.0
    assert report["unavailable"] == list(UNAVAILABLE)
    done = subprocess.run([sys.executable, "-m", "grader", "week4"], cwd=bundle, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "week4 total: 0/120" in done.stdout
    assert "Not checked here" in done.stdout


def test_a_bundle_is_not_written_over_an_existing_folder(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="already exists"):
        make_bundle([get_week("week4")], References(SOLUTIONS), tmp_path)
