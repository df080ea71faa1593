"""The gradebook: every grading of a class, in one SQLite file that survives a crash.

    learners ─► submissions ─► function_results ─► check_results

A submission row holds what its result depends on (content hash, week, grader version,
references, seed label, limits), when and where it was graded, its score and its JSON report.
Each submission is written with all its rows in one transaction, in WAL mode with full sync: a
batch killed at any moment leaves every finished submission whole and nothing half written.
Reports enter as `WeekReport`s and leave as plain rows; nothing else here knows the dataclasses.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from grader.errors import ConfigError
from grader.render.json_report import render as render_json
from grader.results import Report, WeekReport
from grader.spec import Week

SCHEMA_VERSION = "1"

_SCHEMA = f"""
BEGIN IMMEDIATE;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS learners (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS submissions (
    id INTEGER PRIMARY KEY,
    learner_id INTEGER NOT NULL REFERENCES learners(id),
    week TEXT NOT NULL,
    path TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    grader_version TEXT NOT NULL,
    references_hash TEXT NOT NULL,
    seed TEXT NOT NULL,
    limits TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('graded', 'unreadable')),
    message TEXT NOT NULL,
    score REAL,
    max_score REAL,
    functions INTEGER NOT NULL,
    graded_at TEXT NOT NULL,
    seconds REAL NOT NULL,
    worker TEXT NOT NULL,
    report TEXT,
    UNIQUE (learner_id, week, content_hash, grader_version, references_hash, seed, limits)
);
CREATE INDEX IF NOT EXISTS submissions_by_week ON submissions (week, learner_id);
CREATE TABLE IF NOT EXISTS function_results (
    submission_id INTEGER NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    part TEXT NOT NULL,
    status TEXT NOT NULL,
    score REAL NOT NULL,
    max_score REAL NOT NULL,
    mistake TEXT,
    PRIMARY KEY (submission_id, name)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS check_results (
    submission_id INTEGER NOT NULL,
    function TEXT NOT NULL,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    status TEXT NOT NULL,
    message TEXT NOT NULL,
    hint TEXT,
    case_label TEXT,
    measure REAL,
    PRIMARY KEY (submission_id, function, position),
    FOREIGN KEY (submission_id, function)
        REFERENCES function_results (submission_id, name) ON DELETE CASCADE
) WITHOUT ROWID;
INSERT OR IGNORE INTO meta VALUES ('schema', '{SCHEMA_VERSION}');
COMMIT;
"""


@dataclass(frozen=True)
class Settings:
    """What a result depends on besides the submission: resume reuses a result only when all
    of these are equal (see `grader.batch.fingerprint`)."""

    grader_version: str
    references: str
    seed: str
    limits: str


@dataclass(frozen=True)
class Entry:
    """One learner's grading, to be recorded: a report, or why the submission is unreadable."""

    learner: str
    week: str
    path: str
    content_hash: str
    settings: Settings
    report: WeekReport | None = None
    message: str = ""
    seconds: float = 0.0
    worker: str = ""


@dataclass(frozen=True)
class FunctionRow:
    """One function of a recorded submission."""

    name: str
    part: str
    status: str
    score: float
    max_score: float
    mistake: str | None


@dataclass(frozen=True)
class SubmissionRow:
    """A learner's latest recorded submission of a week."""

    learner: str
    path: str
    status: str
    message: str
    score: float | None
    max_score: float | None
    graded_at: str
    seed: str
    report: str | None
    functions: tuple[FunctionRow, ...]


class Gradebook:
    """An open gradebook file; `Gradebook.open(path)` creates it when asked to."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self.db = connection
        self.path = path

    @classmethod
    def open(cls, path: Path, *, create: bool = True) -> Gradebook:
        """Open (or create) the gradebook at `path`; `ConfigError` when it is not one."""
        if not create and not path.is_file():
            raise ConfigError("no gradebook here (grade a class first, or give --gradebook)",
                              path=path)
        try:
            connection = sqlite3.connect(path, isolation_level=None, timeout=30.0)
        except sqlite3.Error as error:
            raise ConfigError(f"cannot open the gradebook: {error}", path=path) from error
        try:
            for pragma in ("journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON"):
                connection.execute(f"PRAGMA {pragma}")
            connection.executescript(_SCHEMA)
            (version,) = connection.execute(
                "SELECT value FROM meta WHERE key = 'schema'").fetchone()
        except sqlite3.DatabaseError as error:
            connection.close()
            raise ConfigError(f"not a gradebook: {error}", path=path) from error
        if version != SCHEMA_VERSION:
            connection.close()
            raise ConfigError(f"a gradebook of schema {version}; this grade reads schema "
                              f"{SCHEMA_VERSION}", path=path)
        return cls(connection, path)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Gradebook:  # noqa: PYI034 - never subclassed
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def record(self, entry: Entry, graded_at: str | None = None, spec: Week | None = None
               ) -> bool:
        """Write one learner's grading and all its rows in one transaction; False when the
        same grading was already there. `spec` (by default the week found by its name) names
        the catalogued mistakes."""
        with _transaction(self.db):
            self.db.execute("INSERT OR IGNORE INTO learners (name) VALUES (?)", (entry.learner,))
            (learner_id,) = self.db.execute("SELECT id FROM learners WHERE name = ?",
                                            (entry.learner,)).fetchone()
            submission_id = self._insert_submission(learner_id, entry, graded_at or _now())
            if submission_id is None:
                return False
            if entry.report is not None:
                self._insert_results(submission_id, entry.report, spec)
        return True

    def finished(self, week: str, settings: Settings) -> dict[tuple[str, str], float | None]:
        """(learner, content hash) → score of every grading of `week` with `settings`."""
        rows = self.db.execute(
            "SELECT l.name, s.content_hash, s.score FROM submissions s JOIN learners l "
            "ON l.id = s.learner_id WHERE s.week = ? AND s.grader_version = ? "
            "AND s.references_hash = ? AND s.seed = ? AND s.limits = ?",
            (week, settings.grader_version, settings.references, settings.seed,
             settings.limits))
        return {(name, digest): score for name, digest, score in rows}

    def latest(self, week: str) -> list[SubmissionRow]:
        """Each learner's latest grading of `week`, by learner name."""
        latest = ("SELECT MAX(id) FROM submissions WHERE week = ? GROUP BY learner_id")
        functions: dict[int, list[FunctionRow]] = {}
        for submission_id, *values in self.db.execute(
                "SELECT submission_id, name, part, status, score, max_score, mistake "
                f"FROM function_results WHERE submission_id IN ({latest}) "
                "ORDER BY submission_id, position", (week,)):
            functions.setdefault(submission_id, []).append(FunctionRow(*values))
        rows = self.db.execute(
            "SELECT s.id, l.name, s.path, s.status, s.message, s.score, s.max_score, "
            "s.graded_at, s.seed, s.report FROM submissions s JOIN learners l "
            f"ON l.id = s.learner_id WHERE s.id IN ({latest}) ORDER BY l.name", (week,))
        return [SubmissionRow(learner, path, status, message, score, max_score, graded_at, seed,
                              report, tuple(functions.get(submission_id, ())))
                for (submission_id, learner, path, status, message, score, max_score, graded_at,
                     seed, report) in rows]

    def _insert_submission(self, learner_id: int, entry: Entry, graded_at: str) -> int | None:
        report, settings = entry.report, entry.settings
        text = None if report is None else render_json(Report((report,)), compact=True)
        cursor = self.db.execute(
            "INSERT OR IGNORE INTO submissions (learner_id, week, path, content_hash, "
            "grader_version, references_hash, seed, limits, status, message, score, max_score, "
            "functions, graded_at, seconds, worker, report) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (learner_id, entry.week, entry.path, entry.content_hash, settings.grader_version,
             settings.references, settings.seed, settings.limits,
             "unreadable" if report is None else "graded", entry.message,
             None if report is None else report.score,
             None if report is None else report.max_score,
             0 if report is None else len(report.functions), graded_at, entry.seconds,
             entry.worker, text))
        return cursor.lastrowid if cursor.rowcount == 1 else None

    def _insert_results(self, submission_id: int, report: WeekReport,
                        spec: Week | None) -> None:
        if spec is None:
            from grader.courses.registry import get_week

            spec = get_week(report.week)
        mistakes = _mistake_names(spec)
        for position, function in enumerate(report.functions):
            hint = next((c.hint for c in function.checks if c.hint), None)
            self.db.execute(
                "INSERT INTO function_results VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (submission_id, position, function.name, function.part, function.status.value,
                 function.score, function.max_score, mistakes.get((function.name, hint))))
            self.db.executemany(
                "INSERT INTO check_results VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(submission_id, function.name, index, check.name, check.status.value,
                  check.message, check.hint, check.case, check.measure)
                 for index, check in enumerate(function.checks)])


@contextmanager
def _transaction(connection: sqlite3.Connection) -> Iterator[None]:
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def _mistake_names(week: Week) -> Mapping[tuple[str, str | None], str]:
    """(function, hint) → the catalogued mistake whose hint it is."""
    return {(function.name, mistake.hint): mistake.name
            for function in week.functions for mistake in function.mistakes}


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
