"""The machine report: JSON, one object per week (or `{"weeks": [...]}` for several).

The shape of a week object is relied upon by users' scripts: extend it, never break it.
`read_week` turns a week object back into a `WeekReport` (timings and all), so that a report
kept as JSON, in the gradebook, renders in every format.
"""

from __future__ import annotations

import json
import math
from typing import Any

from grader.errors import DataError
from grader.results import (CheckResult, CheckStatus, CourseRelease, FunctionResult, Level,
                            Limits, Mismatch, PartReport, Position, Report, SourceLocation, Status,
                            WeekReport)


def render(report: Report, *, colour: bool = False, unicode: bool = True,
           compact: bool = False) -> str:
    """The report as JSON text (a single week unwrapped, several under "weeks"); indented
    for people, or `compact` on one line for storage (much faster to write)."""
    if len(report.weeks) == 1:
        data: dict[str, Any] = week_data(report.weeks[0])
    else:
        data = {"weeks": [week_data(w) for w in report.weeks], "score": report.score,
                "max_score": report.max_score}
    text = json.dumps(data, indent=None if compact else 2, separators=(",", ":") if compact
                      else None, ensure_ascii=False, allow_nan=False) + "\n"
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
                   "max_score": p.max_score, "release": release_data(p.release)}
                  for p in week.parts],
        "functions": [function_data(f) for f in week.functions],
        "limits": None if week.limits is None else {
            "seconds_per_call": week.limits.seconds_per_call,
            "memory_mib": week.limits.memory_mib,
            "output_kib": week.limits.output_kib,
        },
        "skipped": list(week.skipped),
        "problems": list(week.problems),
        "protections": list(week.protections),
        "unavailable": list(week.unavailable),
        "seconds": round(week.seconds, 4),
    }


def release_data(release: CourseRelease | None) -> dict[str, Any] | None:
    if release is None:
        return None
    return {"name": release.name, "title": release.title, "current": release.current,
            "evidence": list(release.evidence)}


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
        "hint_basis": list(check.hint_basis),
        "case": check.case,
        "detail": check.detail,
        "measure": check.measure,
        "mismatch": None if check.mismatch is None else mismatch_data(check.mismatch),
    }


def mismatch_data(mismatch: Mismatch) -> dict[str, Any]:
    return {
        "level": mismatch.level.value,
        "path": mismatch.path,
        "summary": mismatch.summary,
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


def read_week(data: dict[str, Any]) -> WeekReport:
    """The `WeekReport` of a week object written by `week_data`; `DataError` if it is not one."""
    try:
        functions = [_read_function(f) for f in data["functions"]]
        parts = tuple(PartReport(p["name"], p["title"],
                                 tuple(f for f in functions if f.part == p["name"]),
                                 _read_release(p.get("release")))
                      for p in data["parts"])
        limits = data.get("limits")
        return WeekReport(
            week=data["week"], title=data["title"], submission=data["submission"], parts=parts,
            cases=data["cases"], limits=None if limits is None else Limits(**limits),
            skipped=tuple(data["skipped"]), problems=tuple(data["problems"]),
            protections=tuple(data["protections"]), seconds=float(data["seconds"]),
            unavailable=tuple(data.get("unavailable", ())))
    except (KeyError, TypeError, ValueError) as error:
        raise DataError(f"not a week report written by the grader ({error!r})") from error


def _read_function(data: dict[str, Any]) -> FunctionResult:
    location, costs = data.get("location"), data.get("costs")
    return FunctionResult(
        name=data["name"], part=data["part"], status=Status(data["status"]),
        score=_points(data["score"]), max_score=_points(data["max_score"]),
        checks=tuple(_read_check(c) for c in data["checks"]),
        warnings=tuple(data["warnings"]), notes=tuple(data["notes"]), output=data["output"],
        location=None if location is None else SourceLocation(**location),
        seconds=float(data["seconds"]),
        costs=None if costs is None else (
            tuple(_number(c) for c in costs["yours"]), tuple(_number(c) for c in costs["expected"])),
    )


def _read_release(data: dict[str, Any] | None) -> CourseRelease | None:
    if data is None:  # a report written before releases were named, or a week without any
        return None
    return CourseRelease(data["name"], data["title"], tuple(data["evidence"]),
                         bool(data["current"]))


def _read_check(data: dict[str, Any]) -> CheckResult:
    found = data.get("mismatch")
    mismatch = None if found is None else Mismatch(
        level=Level(found["level"]), path=found["path"],
        summary=found.get("summary", data["message"]), yours=found["yours"],
        expected=found["expected"], differing=found["differing"], total=found["total"],
        max_abs=_number(found["max_abs"]), max_rel=_number(found["max_rel"]),
        positions=tuple(Position(tuple(p["index"]), p["yours"], p["expected"])
                        for p in found["positions"]),
        rtol=found["rtol"], atol=found["atol"])
    return CheckResult(data["name"], CheckStatus(data["status"]), data["message"], data["hint"],
                       data["case"], mismatch, data["detail"], data.get("measure"),
                       _strings(data.get("hint_basis", [])))


def _strings(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise DataError(f"a hint's basis must be a list of strings, not {value!r}")
    return tuple(value)


def _points(value: Any) -> float:
    """A score as it was written (10 stays 10, 0.0 stays 0.0), so that it prints the same."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise DataError(f"a score must be a number, not {value!r}")
    return value


def _number(value: float | None) -> float:
    return float("nan") if value is None else float(value)
