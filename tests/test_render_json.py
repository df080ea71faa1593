"""The JSON report against its JSON Schema (grader/render/report.schema.json)."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from grader.render import render
from grader.results import Report

from conftest import FIXTURES, ROOT
from sample_reports import HOSTILE, STATUSES, sample_report, sample_week

SCHEMA = json.loads((ROOT / "grader" / "render" / "report.schema.json").read_text())


def validate(data: Any) -> None:
    jsonschema.Draft202012Validator(SCHEMA).validate(data)


def test_the_schema_itself_is_valid() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_the_sample_report_follows_the_schema(tmp_path: Path) -> None:
    data = json.loads(render(sample_report(tmp_path), "json"))
    validate(data)
    assert {f["name"]: f["status"] for f in data["functions"]} == {
        name: status.value for name, status in STATUSES.items()}
    assert data["score"] == 20 and data["max_score"] == 80


def test_learner_output_survives_the_round_trip(tmp_path: Path) -> None:
    text = render(sample_report(tmp_path), "json")
    text.encode("utf-8")  # writable as UTF-8, lone surrogate and all
    output = next(f["output"] for f in json.loads(text)["functions"]
                  if f["name"] == "L_model_backward")
    assert output == HOSTILE


def test_costs_are_there_with_nan_as_null(tmp_path: Path) -> None:
    data = json.loads(render(sample_report(tmp_path), "json"))
    costs = {f["name"]: f["costs"] for f in data["functions"]}
    assert costs["linear_forward"] is None
    assert costs["two_layer_model"]["yours"][3:] == [1.3, None, None]
    assert math.isclose(costs["L_layer_model"]["expected"][1], 0.69 * 0.9)


def test_several_weeks_follow_the_schema(tmp_path: Path) -> None:
    data = json.loads(render(Report((sample_week(tmp_path), sample_week(tmp_path, "week5"))),
                             "json"))
    validate(data)
    assert [w["week"] for w in data["weeks"]] == ["week4", "week5"]


@pytest.mark.parametrize("breakage", [
    lambda d: d["functions"][0].update(status="great"),
    lambda d: d["functions"][0].pop("checks"),
    lambda d: d["functions"][1].update(status="pass"),  # a pass with a failed check
    lambda d: d.update(score=-1),
    lambda d: d["functions"][1]["checks"][-1]["mismatch"].update(level="colour"),
])
def test_the_schema_rejects_a_broken_report(tmp_path: Path, breakage: Any) -> None:
    data = json.loads(render(sample_report(tmp_path), "json"))
    breakage(data)
    with pytest.raises(jsonschema.ValidationError):
        validate(data)


def test_a_real_grading_follows_the_schema() -> None:
    done = subprocess.run([sys.executable, "-m", "grader", "week4",
                           str(FIXTURES / "week4" / "learner.ipynb"), "--format", "json"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    validate(json.loads(done.stdout))
