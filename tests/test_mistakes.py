"""Every catalogued mistake, submitted as a learner's function, fails and gets its own hint.

This checks both halves of a hint: the cases tell the mistake from the right answer, and tell
it from the other mistakes of the same function (a hint is given only when a learner's outputs
match the mistake's on every case, and the first matching mistake wins).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from grader.engine import Grading, grade_week
from grader.references import References
from grader.release import function_sources
from grader.results import Status
from grader.sandbox import Sandbox
from grader.spec import GradedFunction, Mistake, Part, Week
from grader.submission import load_submission
from grader.weeks import NAMES, get_week

from conftest import SOLUTIONS

# A mistake whose learner never finishes in time: the hint cannot be reached that way (it is for
# a loop that does not call the graded helpers), and the report says the time limit was hit.
TIMES_OUT = {("week3", "nn_model", "fixed_iterations")}


def _mistakes() -> list[tuple[Week, Part, GradedFunction, Mistake]]:
    found = []
    for name in NAMES:
        week = get_week(name)
        for part in week.parts:
            if (SOLUTIONS / name / f"{part.reference}_mistakes.py").is_file():
                found.extend((week, part, f, m) for f in part.functions for m in f.mistakes)
    return found


MISTAKES = _mistakes()


def _with_helpers(part: Part, function: GradedFunction) -> Part:
    """The part cut down to the function and the graded functions it calls, at any depth."""
    names = [function.name]
    for name in names:
        names += [h for h in part.function(name).helpers if h not in names]
    return replace(part, functions=tuple(part.function(name) for name in names))


def _as_submission(week: Week, part: Part, function: GradedFunction, mistake: Mistake,
                   folder: Path) -> Path:
    """The mistake's implementation under the function's own name, with what it needs."""
    catalogue = SOLUTIONS / week.name / f"{part.reference}_mistakes.py"
    sources = function_sources(catalogue)
    implementation = sources[f"{function.name}__{mistake.name}"].replace(
        f"def {function.name}__{mistake.name}(", f"def {function.name}(", 1)
    imports = [line for line in catalogue.read_text().splitlines()
               if line.startswith(("import ", "from "))]
    private = [source for name, source in sources.items() if name.startswith("_")]
    path = folder / "submission.py"
    path.write_text("\n".join(imports) + "\n\n\n" + "\n\n\n".join([*private, implementation])
                    + "\n")
    return path


def test_every_week_has_a_catalogue_with_three_mistakes_per_function() -> None:
    for name in ("week2", "week3"):
        for part in get_week(name).parts:
            for function in part.functions:
                assert len(function.mistakes) >= 3, function.name


@pytest.mark.parametrize("week,part,function,mistake", MISTAKES,
                         ids=[f"{w.name}.{p.name}.{f.name}.{m.name}" for w, p, f, m in MISTAKES])
def test_a_catalogued_mistake_is_named_by_its_own_hint(
        week: Week, part: Part, function: GradedFunction, mistake: Mistake, sandbox: Sandbox,
        references: References, tmp_path: Path) -> None:
    submission = _as_submission(week, part, function, mistake, tmp_path)
    only = replace(week, parts=(_with_helpers(part, function),))
    report = grade_week(load_submission(submission), only, Grading(sandbox, references))
    result = next(f for f in report.functions if f.name == function.name)
    assert result.status in (Status.FAIL, Status.ERROR)
    if (week.name, function.name, mistake.name) in TIMES_OUT:
        assert "exceeded the time limit" in result.checks[-1].message
        return
    hints = [check.hint for check in result.checks if check.hint]
    assert hints == [mistake.hint], [(c.name, c.message) for c in result.checks]
