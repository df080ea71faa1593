"""The mutants' self-check as a table: per function and in total, what grading made of them.

    function  mutants  equivalent  missed  caught  hinted  named  catalogued  stated  contradicted

`named` hints name the edit that made the mutant; `catalogued` ones are a catalogued mistake's
(the mutant's outputs are that mistake's); `stated` ones state facts and guess no cause;
`contradicted` ones name something the edit did not do. Under the table: the shares, then
every mutant caught without a hint or with a contradicted one, and every missed one.
"""

from __future__ import annotations

from collections.abc import Sequence

from grader.mutation.check import MutantCheck, MutantsCheck, Outcome
from grader.mutation.judge import Judgement

HINTED_AT_LEAST = 0.85  # of the caught mutants (issue 16)
COLUMNS = ("function", "mutants", "equivalent", "missed", "caught", "hinted", "named",
           "catalogued", "stated", "contradicted")


def counts(checks: Sequence[MutantCheck]) -> dict[str, int]:
    """The table's numbers for some mutants."""
    caught = [c for c in checks if c.outcome is Outcome.CAUGHT]
    return {
        "mutants": len(checks),
        "equivalent": sum(c.outcome is Outcome.EQUIVALENT for c in checks),
        "missed": sum(c.outcome is Outcome.MISSED for c in checks),
        "caught": len(caught),
        "hinted": sum(c.hinted for c in caught),
        **{j.value: sum(c.judgement is j for c in caught) for j in Judgement},
    }


def passed(check: MutantsCheck) -> bool:
    """No hint contradicted, and at least 85% of the caught mutants hinted."""
    total = counts(check.checks)
    return total["contradicted"] == 0 and total["hinted"] >= HINTED_AT_LEAST * total["caught"]


def table(check: MutantsCheck) -> str:
    """The mutants of a week as a table, its shares, and what was not hinted or missed."""
    functions = dict.fromkeys((c.part, c.mutant.function) for c in check.checks)
    shared = {name for _, name in functions if sum(n == name for _, n in functions) > 1}
    rows: list[tuple[str, ...]] = [COLUMNS]
    for part, name in functions:
        own = [c for c in check.checks if (c.part, c.mutant.function) == (part, name)]
        label = f"{name} ({part})" if name in shared else name
        rows.append((label, *(str(v) for v in counts(own).values())))
    total = counts(check.checks)
    rows.append(("total", *(str(v) for v in total.values())))
    lines = [f"{check.week}: mutants of the references", *aligned(rows)]
    lines.append("  " + _shares(total))
    lines += _details(check.checks)
    return "\n".join(lines)


def aligned(rows: Sequence[tuple[str, ...]]) -> list[str]:
    """Rows as table lines: the first column to the left, numbers to the right, a rule under
    the header and above the last row (the total)."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for index, row in enumerate(rows):
        lines.append("  " + "  ".join(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i])
                                      for i, cell in enumerate(row)))
        if index in (0, len(rows) - 2):
            lines.append("  " + "  ".join("-" * w for w in widths))
    return lines


def _shares(total: dict[str, int]) -> str:
    caught = total["caught"] or 1
    named = total["named"] + total["catalogued"]
    return (f"of the caught: {100 * total['hinted'] / caught:.1f}% hinted (at least "
            f"{100 * HINTED_AT_LEAST:.0f}% needed), {100 * named / caught:.1f}% named the edit "
            f"or a catalogued mistake, {total['contradicted']} contradicted")


def _details(checks: Sequence[MutantCheck]) -> list[str]:
    lines = []
    for c in checks:
        where = f"{c.mutant.function} {c.mutant.name}: {c.mutant.detail}"
        if c.outcome is Outcome.MISSED:
            lines.append(f"  missed (passes the public cases only): {where}")
        elif c.outcome is Outcome.CAUGHT and not c.hinted:
            lines.append(f"  not hinted: {where}")
        elif c.judgement is Judgement.CONTRADICTED:
            lines.append(f"  contradicted: {where} (said: {c.hint})")
    return lines
