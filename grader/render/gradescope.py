"""Gradescope's `results.json`: one test per graded function, its score, and what to fix.

Built from the JSON report's week object (`json_report.week_data`), whose shape is the
documented contract, so that a report kept as JSON (the gradebook's) converts the same way as
a fresh one.
"""

from __future__ import annotations

import json
from typing import Any

from grader.render.json_report import week_data
from grader.results import Report

_STATUS_WORDS = {"error": "error", "not_implemented": "not implemented",
                 "missing": "missing", "fail": "failed", "pass": "passed"}


def render(report: Report, *, colour: bool = False, unicode: bool = True) -> str:
    """The report as Gradescope's results.json text."""
    weeks = [week_data(week) for week in report.weeks]
    tests = [test for week in weeks for test in from_week(week, prefix=len(weeks) > 1)["tests"]]
    return dump({"score": report.score, "output": _overview(weeks), "tests": tests})


def from_week(week: dict[str, Any], *, prefix: bool = False) -> dict[str, Any]:
    """Gradescope's results for one week object of the JSON report."""
    tests = []
    for function in week["functions"]:
        name = f"{week['week']} {function['name']}" if prefix else function["name"]
        tests.append({
            "name": name,
            "score": function["score"],
            "max_score": function["max_score"],
            "status": "passed" if function["status"] == "pass" else "failed",
            "output": _function_output(function),
            "visibility": "visible",
        })
    return {"score": week["score"], "output": _overview([week]), "tests": tests}


def unreadable(message: str) -> dict[str, Any]:
    """Gradescope's results for a submission that could not be read at all."""
    return {"score": 0.0, "output": f"Your submission could not be graded: {message}",
            "tests": []}


def dump(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def _overview(weeks: list[dict[str, Any]]) -> str:
    return "\n".join(f"{w['title']}: {w['score']:g}/{w['max_score']:g} ({w['cases']} cases)"
                     for w in weeks)


def _function_output(function: dict[str, Any]) -> str:
    lines = [_STATUS_WORDS.get(function["status"], function["status"])]
    for check in function["checks"]:
        if check["status"] == "pass":
            continue
        lines.append(f"{check['name']}: {check['message']}")
        if check.get("case"):
            lines.append(f"  {check['case']}")
        if check.get("hint"):
            lines.append(f"  hint: {check['hint']}")
    lines += [f"note: {note}" for note in function["notes"]]
    lines += [f"warning: {warning}" for warning in function["warnings"]]
    return "\n".join(lines)
