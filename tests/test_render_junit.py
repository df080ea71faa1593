"""JUnit XML: parsed with the standard library and held to the rules of the JUnit schema CI
servers use (Jenkins' junit-10.xsd: elements, attributes, required ones, the time pattern)."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from grader.render import render
from grader.results import Report, Status

from conftest import FIXTURES, ROOT
from sample_reports import STATUSES, sample_report, sample_week

# element → (allowed attributes, required attributes, allowed children)
RULES = {
    "testsuites": ({"name", "time", "tests", "failures", "errors"}, set(), {"testsuite"}),
    "testsuite": ({"name", "tests", "failures", "errors", "group", "time", "skipped", "timestamp",
                   "hostname", "id", "package", "file", "log", "url", "version"},
                  {"name", "tests", "failures", "errors"},
                  {"testsuite", "properties", "testcase", "system-out", "system-err"}),
    "properties": (set(), set(), {"property"}),
    "property": ({"name", "value"}, {"name", "value"}, set()),
    "testcase": ({"name", "time", "classname", "group"}, {"name"},
                 {"skipped", "error", "failure", "system-out", "system-err"}),
    "failure": ({"type", "message"}, set(), set()),
    "error": ({"type", "message"}, set(), set()),
    "skipped": ({"type", "message"}, set(), set()),
    "system-out": (set(), set(), set()),
    "system-err": (set(), set(), set()),
}
SUREFIRE_TIME = re.compile(r"(([0-9]{0,3},)*[0-9]{3}|[0-9]{0,3})*(\.[0-9]{0,3})?")
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def conforms(element: ET.Element) -> None:
    """Assert `element` and everything under it follow the schema's rules."""
    allowed, required, children = RULES[element.tag]
    assert set(element.attrib) <= allowed, (element.tag, element.attrib)
    assert required <= set(element.attrib), (element.tag, element.attrib)
    if "time" in element.attrib:
        assert SUREFIRE_TIME.fullmatch(element.attrib["time"]), element.attrib["time"]
    for child in element:
        assert child.tag in children, (element.tag, child.tag)
        conforms(child)
    if element.tag in ("testsuite", "testsuites"):
        cases = list(element.iter("testcase"))
        assert element.get("tests") == str(len(cases))
        assert element.get("failures") == str(sum(c.find("failure") is not None for c in cases))
        assert element.get("errors") == str(sum(c.find("error") is not None for c in cases))


def test_one_suite_per_part_one_case_per_function(tmp_path: Path) -> None:
    text = render(sample_report(tmp_path), "junit")
    assert not XML_FORBIDDEN.search(text)
    root = ET.fromstring(text.encode("utf-8"))
    conforms(root)
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["week4.step_by_step", "week4.application"]
    cases = {c.get("name"): c for c in root.iter("testcase")}
    assert list(cases) == list(STATUSES)
    for name, status in STATUSES.items():
        kind = {Status.PASS: None, Status.ERROR: "error"}.get(status, "failure")
        children = [child.tag for child in cases[name] if child.tag != "system-out"]
        assert children == ([kind] if kind else []), name
        problem = cases[name].find(kind) if kind else None
        assert problem is None or problem.get("type") == status.value


def test_failures_carry_message_and_detail(tmp_path: Path) -> None:
    root = ET.fromstring(render(sample_report(tmp_path), "junit"))
    failure = root.find(".//testcase[@name='linear_backward']/failure")
    assert failure is not None
    assert failure.get("message") == "dW: 2 / 6 values differ (33%)"
    assert "[0, 1]: yours=0.75, expected=0.25" in (failure.text or "")
    assert "hint     dW is m times too large" in (failure.text or "")
    missing = root.find(".//testcase[@name='compute_cost']/failure")
    assert missing is not None and missing.get("message") == \
        "no function named compute_cost was found"
    properties = {p.get("name"): p.get("value") for p in root.iter("property")}
    assert properties["score"] == "10" and properties["max_score"] == "20"  # the last part


def test_control_characters_in_learner_output_do_not_break_the_xml(tmp_path: Path) -> None:
    root = ET.fromstring(render(sample_report(tmp_path), "junit"))
    case = root.find(".//testcase[@name='L_model_backward']")
    assert case is not None
    error = case.find("error")
    out = case.find("system-out")
    assert error is not None and out is not None
    assert "<db> & 'x'" in (error.get("message") or "")
    assert (out.text or "").startswith("\\x1b[31mred\\x1b[0m\nline two\\x00 NUL")
    assert "]]> <script>" in (out.text or "")


def test_several_weeks_give_a_suite_per_part_of_each(tmp_path: Path) -> None:
    root = ET.fromstring(render(Report((sample_week(tmp_path), sample_week(tmp_path, "week5"))),
                                "junit"))
    conforms(root)
    assert len(root.findall("testsuite")) == 4 and root.get("tests") == "16"


def test_a_real_grading_conforms() -> None:
    done = subprocess.run([sys.executable, "-m", "grader", "week4",
                           str(FIXTURES / "week4" / "learner.ipynb"), "--format", "junit"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    root = ET.fromstring(done.stdout)
    conforms(root)
    assert root.get("failures") == "5" and root.get("errors") == "0"
