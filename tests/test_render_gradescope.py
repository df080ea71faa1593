"""Gradescope's results.json: the fields and values its autograder specification allows."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from grader.render import render
from grader.results import Status

from sample_reports import STATUSES, sample_report

TOP = {"score", "execution_time", "output", "output_format", "test_output_format",
       "test_name_format", "visibility", "stdout_visibility", "extra_data", "tests",
       "leaderboard"}
TEST = {"score", "max_score", "status", "name", "name_format", "number", "output",
        "output_format", "tags", "visibility", "extra_data"}
VISIBILITIES = {"hidden", "after_due_date", "after_published", "visible"}
OUTPUT_FORMATS = {"text", "html", "simple_format", "md", "ansi"}


def _results(tmp_path: Path) -> dict[str, Any]:
    text = render(sample_report(tmp_path), "gradescope")
    text.encode("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def test_the_fields_are_those_gradescope_reads(tmp_path: Path) -> None:
    data = _results(tmp_path)
    assert set(data) <= TOP
    assert data["visibility"] in VISIBILITIES and data["output_format"] in OUTPUT_FORMATS
    for test in data["tests"]:
        assert set(test) <= TEST and {"name", "score", "max_score"} <= set(test)
        assert test["visibility"] in VISIBILITIES and test["output_format"] in OUTPUT_FORMATS
        assert isinstance(test["score"], (int, float)) and isinstance(test["output"], str)
        assert test["status"] in ("passed", "failed")


def test_a_test_per_function_adding_up_to_the_score(tmp_path: Path) -> None:
    data = _results(tmp_path)
    tests = {t["name"]: t for t in data["tests"]}
    assert list(tests) == list(STATUSES)
    assert data["score"] == sum(t["score"] for t in tests.values()) == 20
    for name, status in STATUSES.items():
        assert tests[name]["status"] == ("passed" if status is Status.PASS else "failed")
        assert tests[name]["max_score"] == 10
    assert [t["number"] for t in data["tests"]][:2] == ["4.1.1", "4.1.2"]
    assert tests["L_layer_model"]["number"] == "4.2.1"


def test_failures_explain_themselves(tmp_path: Path) -> None:
    tests = {t["name"]: t for t in _results(tmp_path)["tests"]}
    assert tests["linear_forward"]["output"] == ""
    failed = tests["linear_backward"]["output"]
    assert failed.startswith("defined in ") and "cell 3, line 3" in failed
    assert "[0, 1]: yours=0.75, expected=0.25" in failed and "hint     dW is m" in failed
    assert tests["compute_cost"]["output"] == "no function named compute_cost was found"
    errored = tests["L_model_backward"]["output"]
    assert "\\x1b[31mred" in errored and "\x1b" not in errored
    assert len(errored) < 9_000  # 100,000 characters of output were cut
