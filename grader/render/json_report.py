"""The machine report: JSON, one object per week (or `{"weeks": [...]}` for several).

The shape of a week object is relied upon by users' scripts: extend it, never break it.
"""

from __future__ import annotations

import json
import math
from typing import Any

from grader.results import CheckResult, FunctionResult, Mismatch, Report, WeekReport


def render(report: Report, *, colour: bool = False, unicode: bool = True) -> str:
    """The report as JSON text (a single week unwrapped, several under "weeks")."""
    if len(report.weeks) == 1:
        data: dict[str, Any] = week_data(report.weeks[0])
    else:
        data = {"weeks": [week_data(w) for w in report.weeks], "score": report.score,
                "max_score": report.max_score}
    text = json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    # A lone surrogate (from a learner's odd output) cannot be written as UTF-8; written as
    # its JSON escape instead, the document stays valid and reads back the same.
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def week_data(week: WeekReport) -> dict[str, Any]:
    return {
        "week": week.week,
        "title": week.title,
        "submission": week.submission,
        "score": week.score,
        "max_score": week.max_score,
        "cases": week.cases,
        "parts": [{"name": p.name, "title": p.title, "score": p.score,
                   "max_score": p.max_score} for p in week.parts],
        "functions": [function_data(f) for f in week.functions],
        "limits": None if week.limits is None else {
            "seconds_per_call": week.limits.seconds_per_call,
            "memory_mib": week.limits.memory_mib,
            "output_kib": week.limits.output_kib,
        },
        "skipped": list(week.skipped),
        "problems": list(week.problems),
        "protections": list(week.protections),
        "seconds": round(week.seconds, 4),
    }


def function_data(function: FunctionResult) -> dict[str, Any]:
    location = function.location
    return {
        "name": function.name,
        "part": function.part,
        "status": function.status.value,
        "score": function.score,
        "max_score": function.max_score,
        "checks": [check_data(c) for c in function.checks],
        "warnings": list(function.warnings),
        "notes": list(function.notes),
        "output": function.output,
        "location": None if location is None else {
            "file": location.file, "line": location.line, "cell": location.cell},
        "seconds": round(function.seconds, 4),
        "costs": None if function.costs is None else {
            "yours": [_finite(c) for c in function.costs[0]],
            "expected": [_finite(c) for c in function.costs[1]]},
    }


def check_data(check: CheckResult) -> dict[str, Any]:
    return {
        "name": check.name,
        "status": check.status.value,
        "message": check.message,
        "hint": check.hint,
        "case": check.case,
        "detail": check.detail,
        "measure": check.measure,
        "mismatch": None if check.mismatch is None else mismatch_data(check.mismatch),
    }


def mismatch_data(mismatch: Mismatch) -> dict[str, Any]:
    return {
        "level": mismatch.level.value,
        "path": mismatch.path,
        "yours": mismatch.yours,
        "expected": mismatch.expected,
        "differing": mismatch.differing,
        "total": mismatch.total,
        "max_abs": _finite(mismatch.max_abs),
        "max_rel": _finite(mismatch.max_rel),
        "positions": [{"index": list(p.index), "yours": p.yours, "expected": p.expected}
                      for p in mismatch.positions],
        "rtol": mismatch.rtol,
        "atol": mismatch.atol,
    }


def _finite(value: float) -> float | None:
    return value if math.isfinite(value) else None
