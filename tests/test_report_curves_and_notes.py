"""The HTML report draws a training function's costs from the case that records the most of
them (the course example runs 2 iterations: one dot), and a passing function's note is in the
score table, not only in its details."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from conftest import FIXTURES, SOLUTIONS, replace_function

from grader.render import render
from grader.results import Report, Status

SVG = "{http://www.w3.org/2000/svg}"


def test_cost_curves_come_from_the_longest_history(grade) -> None:
    report = grade(SOLUTIONS / "week4" / "application.py")
    trained = {f.name: f for f in report.functions if f.costs is not None}
    assert set(trained) == {"two_layer_model", "L_layer_model"}
    for function in trained.values():
        yours, expected = function.costs  # type: ignore[misc]
        assert len(expected) > 1 and yours == expected
    page = ET.fromstring(render(Report((report,)), "html"))
    for details in page.iter("details"):
        for line in details.findall(f".//{SVG}polyline"):
            assert len(line.get("points", "").split()) > 1, details.get("id")


def test_a_passing_function_with_a_note_shows_it_in_the_table(grade, tmp_path: Path) -> None:
    source = tmp_path / "own_linear_backward.py"
    source.write_text(replace_function(SOLUTIONS / "week4" / "step_by_step.py",
                                       FIXTURES / "week4" / "wrong" / "linear_backward.py"))
    report = grade(source)
    noted = next(f for f in report.functions if f.name == "linear_activation_backward")
    assert noted.status is Status.PASS and noted.notes
    table = ET.fromstring(render(Report((report,)), "html")).find(".//table")
    assert table is not None
    rows = {"".join(row.itertext()).split("10/10")[0].strip(): "".join(row.itertext())
            for row in table.iter("tr")}
    assert "pass; note: correct with the reference linear_backward" in rows[
        "✓linear_activation_backward"]
    assert rows["✓linear_forward"].endswith("10/10pass")
