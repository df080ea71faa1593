"""JUnit XML, the test-report format CI servers read: one `<testsuite>` per part of a week, one
`<testcase>` per graded function.

    <testsuites name="grade" tests="10" failures="2" errors="0" skipped="0" time="1.234">
      <testsuite name="week4.step_by_step" tests="10" failures="2" errors="0" skipped="0" …>
        <properties><property name="score" value="80"/>…</properties>
        <testcase classname="week4.step_by_step" name="layer_backward" time="0.081">
          <failure type="fail" message="shape: db is a rank-1 array …">…details…</failure>

A function that fails a check, is missing or not implemented is a `<failure>` (it loses its
points); one whose code raised, crashed or timed out is an `<error>`. The learner's printed
output goes to `<system-out>`. Text is cleaned of the characters XML 1.0 forbids.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from grader.render.clean import clip, printable
from grader.render.release_words import graded_as
from grader.render.text import explanation, summary
from grader.results import FunctionResult, PartReport, Report, Status, WeekReport

MESSAGE_CHARS = 500
OUTPUT_CHARS = 20_000


def render(report: Report, *, colour: bool = False, unicode: bool = True) -> str:
    """The report as a JUnit XML document."""
    suites = [_suite(week, part) for week in report.weeks for part in week.parts]
    root = ET.Element("testsuites", name="grade")
    _counts(root, [f for week in report.weeks for f in week.functions], skipped=False)
    root.set("time", _seconds(sum(f.seconds for week in report.weeks for f in week.functions)))
    root.extend(suites)
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def _suite(week: WeekReport, part: PartReport) -> ET.Element:
    name = f"{week.week}.{part.name}"
    suite = ET.Element("testsuite", name=name)
    _counts(suite, list(part.functions))
    suite.set("time", _seconds(sum(f.seconds for f in part.functions)))
    properties = ET.SubElement(suite, "properties")
    for key, value in (("week", week.week), ("part", part.title), ("submission", week.submission),
                       ("score", f"{part.score:g}"), ("max_score", f"{part.max_score:g}"),
                       ("cases", week.cases), ("release", graded_as(part))):
        if value is not None:
            ET.SubElement(properties, "property", name=key, value=printable(value))
    for function in part.functions:
        suite.append(_case(name, function))
    return suite


def _case(suite: str, function: FunctionResult) -> ET.Element:
    case = ET.Element("testcase", classname=suite, name=function.name,
                      time=_seconds(function.seconds))
    if function.status is not Status.PASS:
        tag = "error" if function.status is Status.ERROR else "failure"
        problem = ET.SubElement(case, tag, type=function.status.value,
                                message=printable(clip(summary(function), MESSAGE_CHARS)))
        # the schema has no attribute for the location on <testcase>: the text carries it
        problem.text = "\n".join(explanation(function, located=True))
    if function.output:
        ET.SubElement(case, "system-out").text = printable(clip(function.output, OUTPUT_CHARS))
    return case


def _counts(element: ET.Element, functions: list[FunctionResult], *, skipped: bool = True) -> None:
    errors = sum(1 for f in functions if f.status is Status.ERROR)
    failures = sum(1 for f in functions if f.status not in (Status.PASS, Status.ERROR))
    element.set("tests", str(len(functions)))
    element.set("failures", str(failures))
    element.set("errors", str(errors))
    if skipped:  # the schema knows `skipped` on a suite only
        element.set("skipped", "0")


def _seconds(value: float) -> str:
    return f"{max(value, 0.0):.3f}"

