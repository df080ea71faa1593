"""A class graded end to end by the `grade` command: every kind of learner, resume, exports,
the class summary."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from pathlib import Path

import pytest

from classroom import grade, incomplete, make_class, scores

WEEK4_FUNCTIONS = 12  # both parts; the class only wrote the ten step-by-step ones


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, float | None],
                                                              str, str]:
    """A class folder graded once: (folder, expected scores, stdout, stderr)."""
    root = tmp_path_factory.mktemp("class")
    expected = make_class(root / "submissions")
    done = grade("week4", "submissions", "--jobs", "2", "--timeout", "1", cwd=root)
    assert done.returncode == 0, done.stderr
    return root, expected, done.stdout, done.stderr


def test_every_kind_of_learner_is_graded_or_recorded(graded) -> None:
    root, expected, stdout, stderr = graded
    assert scores(root / "grades.db") == expected
    assert incomplete(root / "grades.db") == []
    assert re.fullmatch(r"week4: 11 learners: 6 graded, 0 already in the gradebook, "
                        r"5 unreadable, 0 failed; mean score 70\.0/120; [\d.]+ s "
                        r"\([\d.]+/s\); gradebook grades\.db\n", stdout)
    assert "11 learners (ada.py and ben.py both define functions of step_by_step)" in stderr
    assert "\r" not in stderr  # no progress bar when standard error is not a terminal


def test_unreadable_submissions_say_why(graded) -> None:
    root, *_ = graded
    with sqlite3.connect(root / "grades.db") as db:
        messages = dict(db.execute("SELECT l.name, s.message FROM submissions s JOIN learners l "
                                   "ON l.id = s.learner_id WHERE s.status = 'unreadable'"))
    assert "ivy.ipynb: not a notebook" in messages["ivy"]
    assert "jon.py: not Python source: it is a binary file" in messages["jon"]
    assert "defines none of the graded functions of week4" in messages["kim"]
    assert "notes.txt: not a .py file" in messages["notes"]
    assert "pip.py: not a regular file" in messages["pip"]


def test_a_hostile_submission_costs_only_its_own_functions(graded) -> None:
    root, *_ = graded
    with sqlite3.connect(root / "grades.db") as db:
        rows = db.execute("SELECT f.name, f.status FROM function_results f JOIN submissions s "
                          "ON s.id = f.submission_id JOIN learners l ON l.id = s.learner_id "
                          "WHERE l.name = 'hal' AND f.status NOT IN ('pass', 'missing')").fetchall()
        messages = dict(db.execute(
            "SELECT c.function, c.message FROM check_results c JOIN submissions s "
            "ON s.id = c.submission_id JOIN learners l ON l.id = s.learner_id "
            "WHERE l.name = 'hal' AND c.name = 'runs' AND c.status = 'error'"))
    assert sorted(rows) == [("compute_cost", "error"), ("initialize_parameters", "error"),
                            ("linear_forward", "error")]
    assert "time limit of 1 s" in messages["linear_forward"]
    assert "SystemExit" in messages["compute_cost"]
    assert "memory limit" in messages["initialize_parameters"]


def test_a_rerun_resumes_and_grades_only_what_changed(graded, tmp_path: Path) -> None:
    root, *_ = graded
    book = tmp_path / "grades.db"
    book.write_bytes((root / "grades.db").read_bytes())
    (root / "submissions" / "dan.ipynb").rename(tmp_path / "dan.ipynb")  # moved for this test
    try:
        (root / "submissions" / "ada.py").write_text(
            (root / "submissions" / "ada.py").read_text() + "\n# resubmitted\n")
        done = grade("week4", "submissions", "--timeout", "1", "--gradebook", str(book),
                     cwd=root)
    finally:
        (tmp_path / "dan.ipynb").rename(root / "submissions" / "dan.ipynb")
    assert done.returncode == 0, done.stderr
    assert "10 learners: 1 graded, 9 already in the gradebook, 0 unreadable" in done.stdout
    with sqlite3.connect(book) as db:
        assert db.execute("SELECT COUNT(*) FROM submissions").fetchone() == (12,)
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_csv_export_has_a_row_per_learner_and_a_column_per_function(graded) -> None:
    root, expected, *_ = graded
    done = grade("export", "week4", "--csv", cwd=root)
    assert done.returncode == 0, done.stderr
    table = list(csv.DictReader(io.StringIO(done.stdout)))
    assert list(table[0]) == ["learner", "initialize_parameters", "initialize_parameters_deep",
                              "linear_forward", "linear_activation_forward", "L_model_forward",
                              "compute_cost", "linear_backward", "linear_activation_backward",
                              "L_model_backward", "update_parameters", "two_layer_model",
                              "L_layer_model", "total", "status"]
    rows = {row["learner"]: row for row in table}
    assert sorted(rows) == sorted(expected)
    for learner, score in expected.items():
        row = rows[learner]
        assert row["status"] == ("unreadable" if score is None else "graded")
        assert float(row["total"]) == (score or 0.0)
        if score is not None:
            assert sum(float(row[name]) for name in list(row)[1:1 + WEEK4_FUNCTIONS]) == score
    assert rows["ben"]["linear_backward"] == "0" and rows["ben"]["linear_forward"] == "10"
    assert rows["ivy"]["linear_forward"] == ""


def test_json_and_gradescope_exports_per_learner(graded, tmp_path: Path) -> None:
    root, *_ = graded
    assert grade("export", "week4", "--json", "--output", str(tmp_path / "json"),
                 cwd=root).returncode == 0
    assert grade("export", "week4", "--gradescope", "--output", str(tmp_path / "gs"),
                 cwd=root).returncode == 0
    ben = json.loads((tmp_path / "json" / "ben.json").read_text())
    alone = grade("week4", str(root / "submissions" / "ben.py"), "--timeout", "1", "--format",
                  "json", cwd=root)
    strip = re.compile(r'"seconds": [\d.e-]+')
    assert strip.sub("", (tmp_path / "json" / "ben.json").read_text()) == \
        strip.sub("", alone.stdout)
    assert ben["score"] == 90.0
    assert json.loads((tmp_path / "json" / "ivy.json").read_text())["status"] == "unreadable"
    results = json.loads((tmp_path / "gs" / "ben" / "results.json").read_text())
    tests = {t["name"]: t for t in results["tests"]}
    assert results["score"] == 90.0 and len(tests) == WEEK4_FUNCTIONS
    assert tests["linear_backward"]["status"] == "failed"
    assert "hint     db lost its second axis" in tests["linear_backward"]["output"]
    assert {key: tests["linear_forward"][key] for key in
            ("name", "score", "max_score", "status", "visibility")} == {
        "name": "linear_forward", "score": 10.0, "max_score": 10.0, "status": "passed",
        "visibility": "visible"}
    ivy = json.loads((tmp_path / "gs" / "ivy" / "results.json").read_text())
    assert ivy["score"] == 0.0 and "not a notebook" in ivy["output"]


def test_class_summary_as_text_and_html(graded, tmp_path: Path) -> None:
    root, *_ = graded
    page = tmp_path / "summary.html"
    done = grade("summary", "week4", "--html", str(page), cwd=root)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == ("Week 4: deep neural networks: 11 learners, 6 graded, 5 unreadable; "
                        "mean 70.0/120")
    by_function = {line.split()[0]: line for line in lines[3:13]}
    # Of the 6 graded, ben and cleo lost keepdims on db; cleo and erin flipped dAL's sign.
    assert re.search(r"50%\s+3/6\s+db_rank1 ×2$", by_function["linear_backward"])
    assert re.search(r"50%\s+3/6\s+dAL_sign ×2$", by_function["L_model_backward"])
    html = page.read_text()
    assert html.startswith("<!DOCTYPE html>") and "<svg" in html and "</svg>" in html
    assert html.count("<rect") == 2 * WEEK4_FUNCTIONS
    assert 'width="180" height="18" fill="#3a7d44"><title>3 of 6' in html  # 50% of 360


def test_a_class_refuses_single_report_options(graded) -> None:
    root, *_ = graded
    done = grade("week4", "submissions", "--format", "json", cwd=root)
    assert done.returncode == 2 and "a class goes to the gradebook" in done.stderr


def test_single_reads_a_class_folder_as_one_submission(graded) -> None:
    root, *_ = graded
    done = grade("week4", "submissions", "--single", cwd=root)
    assert done.returncode == 2  # one unreadable file spoils one submission, not a class
    assert "submissions/ivy.ipynb: not a notebook" in done.stderr


def test_export_of_a_week_never_graded_is_a_clear_error(graded) -> None:
    root, *_ = graded
    done = grade("export", "week4", "--gradebook", "other.db", cwd=root)
    assert done.returncode == 2 and "other.db: no gradebook here" in done.stderr


def test_csv_cells_never_start_a_formula() -> None:
    """A learner's id is a file name they chose: `=HYPERLINK(…)` must not run in a
    spreadsheet. Text cells starting with = + - @ (or a tab) are quoted; numbers are not."""
    from grader.batch.export import csv_text
    from grader.gradebook import SubmissionRow
    from grader.courses.registry import get_week

    week = get_week("week4")
    names = ["=HYPERLINK(\"http://x\",\"y\")", "+1", "-2", "@SUM(A1)", "\tz", "ada"]
    rows = [SubmissionRow(name, f"{name}.py", "graded", "", 10.0, 120.0, "", "public", None, ())
            for name in names]
    import csv
    import io

    table = list(csv.reader(io.StringIO(csv_text(rows, week))))
    learners = [row[0] for row in table[1:]]
    assert learners == ["'" + name for name in names[:-1]] + ["ada"]
    assert all(row[-2] == "10" for row in table[1:])
