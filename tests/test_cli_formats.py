"""Every format from the command line: several at once, to files or standard output."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from grader.render import FORMATS

from conftest import FIXTURES, ROOT

LEARNER = FIXTURES / "week4" / "learner.ipynb"


def grade(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "grader", *args], cwd=ROOT, text=True,
                          capture_output=True, timeout=120)


def test_every_format_at_once_one_file_each(tmp_path: Path) -> None:
    assert FORMATS == ("text", "json", "markdown", "junit", "gradescope", "github", "html")
    args = ["week4", str(LEARNER)]
    for name in FORMATS:
        args += ["--format", name, "--output", str(tmp_path / f"report.{name}")]
    done = grade(*args)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    read = {name: (tmp_path / f"report.{name}").read_text(encoding="utf-8") for name in FORMATS}
    assert "week4 total: 70/120 (58%)" in read["text"]
    assert json.loads(read["json"])["score"] == 70
    assert "| **Total** | **70/120** | |" in read["markdown"]
    assert ET.fromstring(read["junit"]).get("failures") == "5"
    assert json.loads(read["gradescope"])["score"] == 70
    assert read["github"].startswith("::error file=")
    assert ET.fromstring(read["html"]).tag == "html"


def test_a_dash_sends_one_of_them_to_standard_output(tmp_path: Path) -> None:
    done = grade("week4", str(LEARNER), "--format", "github", "--format", "json",
                 "--output", "-", "--output", str(tmp_path / "r.json"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("::error file=") and '"week"' not in done.stdout
    assert json.loads((tmp_path / "r.json").read_text())["week"] == "week4"


def test_an_output_that_cannot_be_written_is_one_line_and_exit_2(tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "folder" / "r.xml"
    done = grade("week4", str(LEARNER), "--format", "junit", "--output", str(target))
    assert done.returncode == 2
    assert done.stderr == f"grade: error: {target}: cannot write the report: No such file or " \
                          "directory\n"


def test_outputs_must_match_formats_before_any_grading() -> None:
    done = grade("week4", str(LEARNER), "--format", "json", "--output", "a", "--output", "b")
    assert done.returncode == 2 and "give one --output per --format" in done.stderr
