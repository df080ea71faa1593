"""A class at a glance: per function, the share of learners with full marks and the mistakes
the grader diagnosed most often. Computed from each learner's latest grading in the gradebook.

    Week 4: deep neural networks: 12 learners, 11 graded, 1 unreadable; mean 56.4/100

    function                     full marks    most frequent diagnosed mistakes
    layer_backward                64%  7/11    db_rank1 ×3, no_divide_by_m ×1
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from grader.gradebook import SubmissionRow
from grader.spec import Week


@dataclass(frozen=True)
class MistakeCount:
    """A catalogued mistake, its hint, and how many learners made it."""

    name: str
    hint: str
    learners: int


@dataclass(frozen=True)
class FunctionSummary:
    """One graded function across the class."""

    name: str
    graded: int
    full_marks: int
    mistakes: tuple[MistakeCount, ...]

    @property
    def share(self) -> float:
        return self.full_marks / self.graded if self.graded else 0.0


@dataclass(frozen=True)
class ClassSummary:
    """One week across the class."""

    week: str
    title: str
    learners: int
    graded: int
    unreadable: int
    mean: float
    max_score: float
    functions: tuple[FunctionSummary, ...]


def summarize(rows: list[SubmissionRow], week: Week, top: int = 3) -> ClassSummary:
    """The class summary of `week` from each learner's latest row; `top` mistakes a function."""
    graded = [row for row in rows if row.status == "graded"]
    hints = {(f.name, m.name): m.hint for f in week.functions for m in f.mistakes}
    functions = []
    for function in week.functions:
        results = [f for row in graded for f in row.functions if f.name == function.name]
        counts = Counter(f.mistake for f in results if f.mistake)
        mistakes = tuple(MistakeCount(name, hints.get((function.name, name), ""), count)
                         for name, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
                         [:top])
        full = sum(1 for f in results if f.status == "pass" and f.score >= f.max_score)
        functions.append(FunctionSummary(function.name, len(results), full, mistakes))
    scores = [row.score or 0.0 for row in graded]
    return ClassSummary(week.name, week.title, len(rows), len(graded), len(rows) - len(graded),
                        sum(scores) / len(scores) if scores else 0.0, week.max_score,
                        tuple(functions))


def render_text(summary: ClassSummary) -> str:
    """The summary as a table for a terminal, then the hints of the mistakes it names."""
    lines = [headline(summary), "",
             f"{'function':<30} {'full marks':>14}    most frequent diagnosed mistakes"]
    for function in summary.functions:
        share = f"{function.share:4.0%} {function.full_marks:>4}/{function.graded}"
        mistakes = ", ".join(f"{m.name} ×{m.learners}" for m in function.mistakes) or "-"
        lines.append(f"{function.name:<30} {share:>14}    {mistakes}")
    named = [(f.name, m) for f in summary.functions for m in f.mistakes]
    if named:
        lines += ["", "The mistakes:"]
        lines += [f"  {function} {m.name}: {m.hint}" for function, m in named]
    return "\n".join(lines) + "\n"


def headline(summary: ClassSummary) -> str:
    """The week's title and the class's counts."""
    return f"{summary.title}: {counts(summary)}"


def counts(summary: ClassSummary) -> str:
    return (f"{summary.learners} learners, {summary.graded} graded, {summary.unreadable} "
            f"unreadable; mean {summary.mean:.1f}/{summary.max_score:g}")
