"""Prove the checks are strong enough: every catalogued mistake is caught, and named.

For each week: the references must score full marks; then each catalogued mistake is spliced
into the references in place of its function and graded like a learner's submission. The
mistake must make that function fail (caught), with the mistake's own hint (diagnosed), and
must cost no other function any points (isolation).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from grader.engine import Grading, grade_week
from grader.references import References
from grader.release import function_sources
from grader.results import CheckStatus, FunctionResult, Status
from grader.sandbox import Sandbox
from grader.spec import Part, Week
from grader.submission import load_submission


@dataclass(frozen=True)
class MistakeCheck:
    """How the grader did on one catalogued mistake."""

    function: str
    mistake: str
    caught: bool
    diagnosed: bool
    collateral: tuple[str, ...] = ()
    said: str = ""
    part: str = ""

    @property
    def ok(self) -> bool:
        return self.caught and self.diagnosed and not self.collateral


@dataclass(frozen=True)
class WeekCheck:
    """The self-check of one week."""

    week: str
    reference_failures: tuple[str, ...]
    mistakes: tuple[MistakeCheck, ...]

    @property
    def ok(self) -> bool:
        return not self.reference_failures and all(m.ok for m in self.mistakes)


def check_week(week: Week, sandbox: Sandbox, references: References) -> WeekCheck:
    """Grade the references and every catalogued mistake of `week`."""
    grading = Grading(sandbox, references)
    report = grade_week(load_submission(references.root / week.name, sandbox), week, grading)
    failures = tuple(f.name for f in report.functions if f.status is not Status.PASS)
    results = []
    with tempfile.TemporaryDirectory(prefix="grade-selfcheck-") as folder:
        for part in week.parts:
            for function in part.functions:
                for mistake in function.mistakes:
                    path = Path(folder) / f"{part.name}.{function.name}__{mistake.name}"
                    path.mkdir()
                    for other in week.parts:  # every part's references, one of them mistaken
                        text = (with_mistake(references, week, part, function.name,
                                             mistake.name) if other is part else
                                references.path(week.name, other.reference).read_text("utf-8"))
                        (path / f"{other.reference}.py").write_text(text, encoding="utf-8")
                    graded = grade_week(load_submission(path, sandbox), week, grading).functions
                    results.append(_judge(graded, part.name, function.name, mistake.name,
                                          mistake.hint))
    return WeekCheck(week.name, failures, tuple(results))


def with_mistake(references: References, week: Week, part: Part, function: str,
                 mistake: str) -> str:
    """The part's references, with `function` replaced by its mistaken version; the mistakes
    module is appended, for the private helpers the mistaken versions share."""
    mistakes = references.path(week.name, f"{part.reference}_mistakes")
    wrong = function_sources(mistakes)[f"{function}__{mistake}"].replace(
        f"def {function}__{mistake}(", f"def {function}(", 1)
    return spliced(references, week, part, function, wrong,
                   mistakes.read_text(encoding="utf-8"))


def spliced(references: References, week: Week, part: Part, function: str, wrong: str,
            appended: str = "") -> str:
    """The part's reference module with `function` replaced by the source `wrong` (a `def` of
    the same name), and `appended` added at the end."""
    reference = references.path(week.name, part.reference)
    text = reference.read_text(encoding="utf-8")
    text = text.replace(function_sources(reference)[function], wrong)
    return f"{text}\n\n{appended}" if appended else text


def _judge(graded: tuple[FunctionResult, ...], part: str, function: str, mistake: str,
           hint: str) -> MistakeCheck:
    target = next(f for f in graded if (f.part, f.name) == (part, function))
    failing = [c for c in target.checks if c.status is not CheckStatus.PASS]
    said = failing[0].hint or failing[0].message if failing else ""
    return MistakeCheck(
        function, mistake, part=part,
        caught=target.status is not Status.PASS,
        diagnosed=any(c.hint == hint for c in failing),
        collateral=tuple(f.name for f in graded if f is not target
                         and f.status is not Status.PASS),
        said=said,
    )


def table(check: WeekCheck) -> str:
    """The self-check as a table: function, mistakes, caught, diagnosed; then what was missed."""
    rows = [("function", "mistakes", "caught", "diagnosed")]
    functions = dict.fromkeys((m.part, m.function) for m in check.mistakes)
    shared = {name for _, name in functions if sum(n == name for _, n in functions) > 1}
    for part, name in functions:
        own = [m for m in check.mistakes if (m.part, m.function) == (part, name)]
        label = f"{name} ({part})" if name in shared else name
        rows.append((label, str(len(own)), str(sum(m.caught and not m.collateral for m in own)),
                     str(sum(m.diagnosed for m in own))))
    total = check.mistakes
    rows.append(("total", str(len(total)), str(sum(m.caught and not m.collateral for m in total)),
                 str(sum(m.diagnosed for m in total))))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = [f"{check.week}: references {'pass' if not check.reference_failures else 'FAIL'}"]
    for index, row in enumerate(rows):
        lines.append("  " + "  ".join(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i])
                                      for i, cell in enumerate(row)))
        if index == 0 or index == len(rows) - 2:
            lines.append("  " + "  ".join("-" * w for w in widths))
    for failure in check.reference_failures:
        lines.append(f"  reference fails: {failure}")
    for m in check.mistakes:
        if not m.caught:
            lines.append(f"  not caught: {m.function}__{m.mistake}")
        elif not m.diagnosed:
            lines.append(f"  not diagnosed: {m.function}__{m.mistake} (said: {m.said})")
        if m.collateral:
            lines.append(f"  costs points elsewhere: {m.function}__{m.mistake} → "
                         f"{', '.join(m.collateral)}")
    return "\n".join(lines)
