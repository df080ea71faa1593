"""A class's results out of the gradebook: a CSV table, or one JSON / Gradescope file each.

Each learner's latest grading of the week is exported. The JSON file of a graded learner is the
report exactly as `grade WEEK SUBMISSION --format json` prints it; an unreadable submission
gets a short object that says why.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from grader.gradebook import SubmissionRow
from grader.render import gradescope
from grader.render.json_report import read_week
from grader.render.json_report import render as render_json
from grader.results import Report
from grader.spec import Week

FORMATS = ("csv", "json", "gradescope")


def csv_text(rows: list[SubmissionRow], week: Week) -> str:
    """One row per learner: each function's score, the total, and the submission's status."""
    names = [f.name for f in week.functions]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["learner", *names, "total", "status"])
    for row in rows:
        scores = {f.name: _points(f.score) for f in row.functions}
        writer.writerow([_cell(row.learner), *(scores.get(name, "") for name in names),
                         _points(row.score or 0.0), _cell(row.status)])
    return out.getvalue()


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    """A text cell a spreadsheet will not run as a formula: a learner named `=HYPERLINK(…)`
    (a file name) is shown as written, after a quote."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def write_files(rows: list[SubmissionRow], week: Week, kind: str, folder: Path) -> list[Path]:
    """Write one file per learner into `folder`: `<learner>.json`, or Gradescope's
    `<learner>/results.json`; return the paths written."""
    written = []
    for row in rows:
        name = _file_name(row.learner)
        report = None if row.report is None else Report((read_week(json.loads(row.report)),))
        if kind == "json":
            path = folder / f"{name}.json"
            text = render_json(report) if report else _unreadable_json(row, week)
        else:
            path = folder / name / "results.json"
            text = (gradescope.render(report) if report
                    else gradescope.unreadable(row.message or ""))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def _unreadable_json(row: SubmissionRow, week: Week) -> str:
    data = {"week": week.name, "title": week.title, "submission": row.path,
            "status": "unreadable", "message": row.message, "score": 0.0,
            "max_score": week.max_score}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _file_name(learner: str) -> str:
    """A learner id as a file name that stays inside the export folder."""
    name = learner.replace("/", "_").replace("\\", "_")
    return f"_{name}" if name.startswith(".") or not name else name


def _points(value: float) -> str:
    return f"{value:g}"
