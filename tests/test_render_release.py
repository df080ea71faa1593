"""Every format names the course release each part was graded against."""

from __future__ import annotations

import dataclasses
import json
from html import escape
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from sample_reports import CURRENT, OLDER, sample_report

from grader.render import render
from grader.render.json_report import read_week
from grader.render.markdown import cell
from grader.results import Report


def test_the_text_report_names_each_release_and_explains_an_older_one(tmp_path: Path) -> None:
    lines = render(sample_report(tmp_path), "text").splitlines()
    step = lines.index("  Deep neural network, step by step  (release v8a)")
    assert lines[step + 1] == (
        "    graded as the v8a release (### START CODE HERE ###, testCases_v4a), recognised "
        "by: imports testCases_v4a, ### START CODE HERE ### markers")
    application = lines.index("  Deep neural network, application  (release 2021)")
    assert "graded as" not in lines[application + 1]  # the current release: its name only


@pytest.mark.parametrize("name", ["markdown", "gradescope", "html"])
def test_the_other_formats_say_what_each_part_was_graded_as(name: str, tmp_path: Path) -> None:
    text = render(sample_report(tmp_path), name)
    if name == "gradescope":
        text = json.loads(text)["output"]
    for release in (OLDER, CURRENT):
        words = f"graded as {release.title}"
        assert {"markdown": cell(words), "html": escape(words)}.get(name, words) in text


def test_github_notices_name_the_releases(tmp_path: Path) -> None:
    notice = render(sample_report(tmp_path), "github").splitlines()[-1]
    assert notice.startswith("::notice title=week4 score::")
    assert "graded as the releases: step_by_step v8a, application 2021" in notice


def test_junit_has_the_release_as_a_property(tmp_path: Path) -> None:
    root = ET.fromstring(render(sample_report(tmp_path), "junit"))
    found = {suite.get("name"): {p.get("name"): p.get("value")
                                 for p in suite.iter("property")}
             for suite in root.iter("testsuite")}
    assert found["week4.step_by_step"]["release"].startswith(f"graded as {OLDER.title}")
    assert found["week4.application"]["release"] == f"graded as {CURRENT.title}"


def test_the_json_report_holds_the_release_and_reads_back(tmp_path: Path) -> None:
    report = sample_report(tmp_path)
    data = json.loads(render(report, "json"))
    assert data["parts"][0]["release"] == {
        "name": "v8a", "title": OLDER.title, "current": False,
        "evidence": ["imports testCases_v4a", "### START CODE HERE ### markers"]}
    assert data["parts"][1]["release"]["current"] is True
    assert [p.release for p in read_week(data).parts] == [OLDER, CURRENT]


def test_a_week_without_releases_names_none(tmp_path: Path) -> None:
    week = sample_report(tmp_path).weeks[0]
    bare = dataclasses.replace(week, parts=tuple(dataclasses.replace(p, release=None)
                                                 for p in week.parts))
    report = Report((bare,))
    assert "(release" not in render(report, "text")
    assert "graded as" not in render(report, "markdown")
    assert all(p["release"] is None for p in json.loads(render(report, "json"))["parts"])
    data = json.loads(render(report, "json"))
    for part in data["parts"]:  # a report written before releases were named still reads
        del part["release"]
    assert all(p.release is None for p in read_week(data).parts)
