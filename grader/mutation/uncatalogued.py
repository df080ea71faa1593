"""The catalogued mistakes, graded as if nobody had catalogued them: what the generic
diagnosis alone says of mistakes people wrote, next to what the catalogue says.

Each catalogued mistake is spliced into its part's references (as `grade selfcheck` does) and
graded with its function's catalogue switched off (mistakes known by their code, through
`Mistake.evidence`, stay: they are not output relations). Mutants come from the same operators
the diagnosis knows; these mistakes do not, so they measure how the diagnosis does on mistakes
it was not built from.
"""

from __future__ import annotations

import dataclasses
import tempfile
from dataclasses import dataclass
from pathlib import Path

from grader.engine import Grading, grade_week
from grader.mutation.report import aligned
from grader.references import References
from grader.results import Status
from grader.sandbox import Sandbox
from grader.selfcheck import with_mistake
from grader.spec import Week
from grader.submission import load_submission


@dataclass(frozen=True)
class Uncatalogued:
    """One catalogued mistake graded without its catalogue: the generic hint, if any."""

    part: str
    function: str
    mistake: str
    caught: bool
    catalogued: str
    generic: str | None


def check_uncatalogued(week: Week, sandbox: Sandbox, references: References
                       ) -> tuple[Uncatalogued, ...]:
    """Grade every catalogued mistake of `week` with the catalogue switched off."""
    grading = Grading(sandbox, references)
    found = []
    with tempfile.TemporaryDirectory(prefix="grade-uncatalogued-") as folder:
        for part in week.parts:
            for function in part.functions:
                bare = dataclasses.replace(function, mistakes=tuple(
                    m for m in function.mistakes if m.evidence is not None))
                alone = week.only(part, bare)
                for mistake in function.mistakes:
                    path = Path(folder) / f"{part.name}.{function.name}__{mistake.name}"
                    path.mkdir()
                    text = with_mistake(references, week, part, function.name, mistake.name)
                    (path / f"{part.reference}.py").write_text(text, encoding="utf-8")
                    result = grade_week(load_submission(path, grading.sandbox), alone,
                                        grading).functions[0]
                    hint = next((c.hint for c in result.checks if c.hint), None)
                    found.append(Uncatalogued(part.name, function.name, mistake.name,
                                              result.status is not Status.PASS, mistake.hint,
                                              hint))
    return tuple(found)


def table(week: str, checks: tuple[Uncatalogued, ...]) -> str:
    """Per function: mistakes, caught, hinted; then each mistake's two hints, for review."""
    rows = [("function", "mistakes", "caught", "hinted")]
    for name in dict.fromkeys(c.function for c in checks):
        own = [c for c in checks if c.function == name]
        rows.append((name, str(len(own)), str(sum(c.caught for c in own)),
                     str(sum(c.generic is not None for c in own))))
    rows.append(("total", str(len(checks)), str(sum(c.caught for c in checks)),
                 str(sum(c.generic is not None for c in checks))))
    lines = [f"{week}: the catalogued mistakes, without the catalogue", *aligned(rows)]
    for c in checks:
        lines.append(f"  {c.function}__{c.mistake}")
        lines.append(f"      catalogue: {c.catalogued}")
        lines.append(f"      generic:   {c.generic or '-'}")
    return "\n".join(lines)
