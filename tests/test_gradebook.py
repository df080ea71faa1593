"""The gradebook: rows from reports, one transaction per submission, resume keys, latest rows."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from grader.batch.fingerprint import content_hash, limits_label, seed_label
from grader.errors import ConfigError
from grader.gradebook import Entry, Gradebook, Settings
from grader.sandbox import SandboxLimits

from conftest import FIXTURES, SOLUTIONS, GradeFn, replace_function

SETTINGS = Settings("0.1.0", "refs", "public", "10s/1024MiB/64KiB")


@pytest.fixture()
def book(tmp_path: Path) -> Gradebook:
    with Gradebook.open(tmp_path / "grades.db") as opened:
        yield opened


def _wrong(tmp_path: Path, name: str = "linear_backward") -> Path:
    path = tmp_path / f"{name}.py"
    path.write_text(replace_function(SOLUTIONS / "week4" / "step_by_step.py",
                                     FIXTURES / "week4" / "wrong" / f"{name}.py"))
    return path


def test_a_report_becomes_rows_with_its_diagnosed_mistake(book: Gradebook, grade: GradeFn,
                                                         tmp_path: Path) -> None:
    path = _wrong(tmp_path)
    report = grade(path)
    assert book.record(Entry("ben", "week4", str(path), content_hash(path), SETTINGS, report))
    (row,) = book.latest("week4")
    assert (row.learner, row.status, row.score, row.max_score) == ("ben", "graded", 90.0, 120.0)
    assert [f.name for f in row.functions] == [f.name for f in report.functions]
    wrong = {f.name: (f.status, f.mistake) for f in row.functions
             if f.status not in ("pass", "missing")}  # the application part is not there
    assert wrong == {"linear_backward": ("fail", "db_rank1")}
    assert json.loads(row.report or "")["score"] == 90.0
    checks = book.db.execute("SELECT name, status, hint FROM check_results WHERE "
                             "function = 'linear_backward' ORDER BY position").fetchall()
    assert checks[0][:2] == ("runs", "pass")
    assert ("shape", "fail") in [c[:2] for c in checks] and any("keepdims" in (c[2] or "")
                                                                 for c in checks)


def test_the_same_content_gives_the_same_rows(book: Gradebook, grade: GradeFn,
                                              tmp_path: Path) -> None:
    path = _wrong(tmp_path, "compute_cost")
    for learner in ("ada", "ben"):
        book.record(Entry(learner, "week4", str(path), content_hash(path), SETTINGS,
                          grade(path)))

    def rows(learner: str) -> list[tuple[object, ...]]:
        return book.db.execute(
            "SELECT f.position, f.name, f.status, f.score, f.mistake, c.position, c.name, "
            "c.status, c.message, c.hint, c.case_label, c.measure FROM function_results f "
            "JOIN check_results c ON c.submission_id = f.submission_id AND c.function = f.name "
            "JOIN submissions s ON s.id = f.submission_id JOIN learners l "
            "ON l.id = s.learner_id WHERE l.name = ? ORDER BY f.position, c.position",
            (learner,)).fetchall()

    assert rows("ada") == rows("ben") and len(rows("ada")) > 20


def test_recording_twice_keeps_one_copy(book: Gradebook, grade: GradeFn) -> None:
    path = SOLUTIONS / "week4"
    entry = Entry("ada", "week4", str(path), content_hash(path), SETTINGS, grade(path))
    assert book.record(entry) and not book.record(entry)
    assert book.db.execute("SELECT COUNT(*) FROM function_results").fetchone() == (12,)


def test_a_failure_mid_record_leaves_nothing_half_written(book: Gradebook, grade: GradeFn,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    path = SOLUTIONS / "week4"
    entry = Entry("ada", "week4", str(path), content_hash(path), SETTINGS, grade(path))
    real = book.db

    class Failing:  # lets the submission and some function rows in, then breaks
        calls = 0

        def execute(self, sql: str, *args: object) -> sqlite3.Cursor:
            if sql.startswith("INSERT INTO function_results"):
                Failing.calls += 1
                if Failing.calls == 4:
                    raise sqlite3.OperationalError("disk I/O error")
            return real.execute(sql, *args)

        def executemany(self, sql: str, *args: object) -> sqlite3.Cursor:
            return real.executemany(sql, *args)

    monkeypatch.setattr(book, "db", Failing())
    with pytest.raises(sqlite3.OperationalError):
        book.record(entry)
    monkeypatch.undo()
    for table in ("learners", "submissions", "function_results", "check_results"):
        assert book.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone() == (0,), table
    assert book.record(entry)


def test_resume_keys_on_content_and_every_setting(book: Gradebook, grade: GradeFn,
                                                  tmp_path: Path) -> None:
    path = SOLUTIONS / "week4"
    digest = content_hash(path)
    book.record(Entry("ada", "week4", str(path), digest, SETTINGS, grade(path)))
    book.record(Entry("kim", "week4", "kim.py", "abc", SETTINGS, message="not a notebook"))
    assert book.finished("week4", SETTINGS) == {("ada", digest): 120.0, ("kim", "abc"): None}
    for other in (Settings("0.2.0", "refs", "public", SETTINGS.limits),
                  Settings("0.1.0", "new-refs", "public", SETTINGS.limits),
                  Settings("0.1.0", "refs", seed_label(7), SETTINGS.limits),
                  Settings("0.1.0", "refs", "public", limits_label(SandboxLimits(2.0)))):
        assert book.finished("week4", other) == {}
    assert book.finished("week3", SETTINGS) == {}


def test_latest_is_each_learners_last_grading(book: Gradebook, grade: GradeFn,
                                              tmp_path: Path) -> None:
    first = _wrong(tmp_path)
    book.record(Entry("ben", "week4", str(first), content_hash(first), SETTINGS, grade(first)))
    second = SOLUTIONS / "week4"
    book.record(Entry("ben", "week4", str(second), content_hash(second), SETTINGS,
                      grade(second)))
    book.record(Entry("ada", "week4", "ada.txt", "0", SETTINGS, message="not a .py file"))
    rows = book.latest("week4")
    assert [(r.learner, r.status, r.score) for r in rows] == [
        ("ada", "unreadable", None), ("ben", "graded", 120.0)]
    assert rows[0].functions == () and rows[0].message == "not a .py file"


def test_content_hash_follows_every_file_and_only_those(tmp_path: Path) -> None:
    folder = tmp_path / "ada"
    folder.mkdir()
    (folder / "week4.py").write_text("x = 1\n")
    before = content_hash(folder)
    (folder / "notes.md").write_text("ignored by grading, so by the hash")
    (folder / ".ipynb_checkpoints").mkdir()
    (folder / ".ipynb_checkpoints" / "week4.py").write_text("x = 3\n")
    assert content_hash(folder) == before
    (folder / "helpers.py").write_text("y = 2\n")
    assert content_hash(folder) != before


def test_the_seed_is_never_stored() -> None:
    label = seed_label(123456)
    assert label.startswith("hidden:") and "123456" not in label
    assert label == seed_label(123456) != seed_label(123457)


def test_a_file_that_is_no_gradebook_is_refused(tmp_path: Path) -> None:
    bogus = tmp_path / "grades.db"
    bogus.write_text("just text " * 100)
    with pytest.raises(ConfigError, match="not a gradebook"):
        Gradebook.open(bogus)
    with pytest.raises(ConfigError, match="no gradebook here"):
        Gradebook.open(tmp_path / "missing.db", create=False)


def test_another_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "grades.db"
    Gradebook.open(path).close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = '99' WHERE key = 'schema'")
    with pytest.raises(ConfigError, match="schema 99"):
        Gradebook.open(path)


def test_the_gradebook_is_in_wal_mode_with_full_sync(book: Gradebook) -> None:
    assert book.db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert book.db.execute("PRAGMA synchronous").fetchone() == (2,)
