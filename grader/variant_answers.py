"""Grade one function as its release defines correct: apply a `Variant` to the function's spec
and to its answers.

The reference solutions are the current release's. For a notebook of an older release, the
function's spec takes the variant's `changes`; its cases run after the seed the release's
template sets (answers computed anew; a bundle's stored answers cannot be, so those cases are
left out there); each answer, mistake's answer and numerical gradient goes through the
variant's adapter; and the cases its template makes impossible are left out, with a note that
names the template's line.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from grader.answers import Answers, Expected
from grader.recognise import template_line
from grader.sandbox import Served
from grader.spec import Case, GradedFunction, Mistake
from grader.submission import FunctionSource
from grader.variants import LeaveOut, Release, Variant

if TYPE_CHECKING:
    from grader.diagnosis.reference import Reference


@dataclass(frozen=True)
class Applied:
    """A function as its release defines it: its spec and its answers."""

    function: GradedFunction
    answers: Answers
    release: str = ""

    def notes(self) -> tuple[str, ...]:
        """Notes for the report: the cases left out, and why (once the cases were drawn)."""
        if isinstance(self.answers, VariantAnswers):
            return self.answers.notes(self.release)
        return ()


def apply(release: Release | None, function: GradedFunction, answers: Answers,
          found: FunctionSource) -> Applied:
    """The function and its answers in `release` (unchanged when it has no variant there)."""
    variant = None if release is None else release.variant(function.name)
    if variant is None:
        return Applied(function, answers)
    changed = dataclasses.replace(function, **variant.changes)
    impossible = None
    if variant.leave_out is not None:
        line = template_line(found, variant.leave_out.template)
        if line is not None:
            impossible = variant.leave_out, f"`{line[1]}` ({found.label}, line {line[0]})"
    return Applied(changed, VariantAnswers(answers, variant, impossible),
                   release.name if release else "")


class VariantAnswers:
    """`Answers` about one function, as an older release defines them (see the module)."""

    def __init__(self, answers: Answers, variant: Variant,
                 impossible: tuple[LeaveOut, str] | None) -> None:
        self.base, self.variant, self.impossible = answers, variant, impossible
        self.live: bool = answers.live
        self.parameters: list[str] = answers.parameters
        self.served: Served | None = answers.served
        self._origin: list[int] = []  # each case's index among the current release's cases
        self.left_out: list[str] = []  # the labels of the cases left out

    def cases(self, rng: np.random.Generator) -> list[Case]:
        kept: list[Case] = []
        self._origin, self.left_out = [], []
        seed = self.variant.seed
        for index, case in enumerate(self.base.cases(rng)):
            if self.impossible is not None and self.impossible[0].cases(case):
                self.left_out.append(case.label)
                continue
            if seed is not None and case.seed != seed:
                if not self.live:  # a stored answer was drawn after another seed
                    continue
                case = dataclasses.replace(case, seed=seed)
            kept.append(case)
            self._origin.append(index)
        return kept

    def notes(self, release: str) -> tuple[str, ...]:
        """The note on the cases left out (after `cases`), if any were."""
        if self.impossible is None or not self.left_out:
            return ()
        leave_out, line = self.impossible
        cases = ", ".join(f"case '{label}'" for label in self.left_out)
        note = (f"{cases} left out: the template of your notebook's release ({release}) has "
                f"{line}, which {leave_out.why}; code of the template never costs you points")
        return (note,)

    def expected(self, index: int, case: Case) -> Expected:
        return self._adapted(self.base.expected(self._origin[index], case))

    def mistaken(self, mistake: Mistake, index: int, case: Case) -> Expected | None:
        found = self.base.mistaken(mistake, self._origin[index], case)
        return None if found is None else self._adapted(found)

    def gradients(self, index: int, case: Case) -> dict[str, np.ndarray] | None:
        found = self.base.gradients(self._origin[index], case)
        adapter = self.variant.answer
        return found if found is None or adapter is None else dict(adapter(found))

    def internals(self) -> Reference | None:
        """The current release's reference, for the generic diagnosis; None when this release
        changes the answer's form (the reference's internals would not match it)."""
        return self.base.internals() if self.variant.answer is None else None

    def template(self) -> str | None:
        return self.base.template()

    def _adapted(self, expected: Expected) -> Expected:
        adapter = self.variant.answer
        if adapter is None or expected.error is not None:
            return expected
        return Expected(adapter(expected.value))
