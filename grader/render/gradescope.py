"""Gradescope's `results.json`, for running `grade` inside a Gradescope autograder.

    {"score": 70.0, "output": "…", "output_format": "md", "visibility": "visible",
     "tests": [{"name": "layer_backward", "score": 0.0, "max_score": 10.0, "status": "failed",
                "output": "…", "visibility": "visible", "number": "4.1.7", …}]}

One test per graded function; its output is the same explanation the terminal report gives.
An autograder's `run_autograder` writes it with
`grade week4 /autograder/submission --format gradescope --output /autograder/results/results.json`.
"""

from __future__ import annotations

import json
import re
from typing import Any

from grader.render.clean import clip, printable
from grader.render.release_words import graded_as
from grader.render.text import explanation
from grader.results import FunctionResult, Report, Status

OUTPUT_CHARS = 8_000
VISIBILITY = "visible"


def render(report: Report, *, colour: bool = False, unicode: bool = True) -> str:
    """The report as Gradescope's results JSON."""
    tests = []
    for week in report.weeks:
        number = re.sub(r"\D", "", week.week) or week.week
        for part_index, part in enumerate(week.parts, start=1):
            for index, function in enumerate(part.functions, start=1):
                test = _test(function)
                test["number"] = f"{number}.{part_index}.{index}"
                test["tags"] = [week.week, part.name]
                tests.append(test)
    lines = [f"{week.title}: {week.score:g}/{week.max_score:g} ({week.cases} cases)"
             for week in report.weeks]
    lines += [f"{part.title}: {words}" for week in report.weeks for part in week.parts
              if (words := graded_as(part)) is not None]
    lines += [f"Problem in the submission: {p}" for week in report.weeks for p in week.problems]
    data: dict[str, Any] = {
        "score": report.score,
        "execution_time": round(sum(week.seconds for week in report.weeks), 3),
        "output": printable("\n".join(lines)),
        "output_format": "text",
        "visibility": VISIBILITY,
        "stdout_visibility": "hidden",
        "tests": tests,
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _test(function: FunctionResult) -> dict[str, Any]:
    passed = function.status is Status.PASS
    output = ""
    if not passed or function.notes or function.warnings:
        output = "\n".join(explanation(function, located=not passed))
    return {
        "name": function.name,
        "score": function.score,
        "max_score": function.max_score,
        "status": "passed" if passed else "failed",
        "output": printable(clip(output, OUTPUT_CHARS)),
        "output_format": "text",
        "visibility": VISIBILITY,
    }



def unreadable(message: str) -> str:
    """Gradescope's results for a submission that could not be graded at all."""
    return json.dumps({"score": 0.0, "output": f"Your submission could not be graded: {message}",
                       "visibility": VISIBILITY, "tests": []}, indent=2, ensure_ascii=False) + "\n"
