"""Build class folders for the batch tests: real submissions, each named for what it is."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from conftest import ASSIGNMENTS, FIXTURES, ROOT, SOLUTIONS, replace_function

REFERENCE = SOLUTIONS / "week4" / "step_by_step.py"
WRONG = FIXTURES / "week4" / "wrong"


def with_function(source: str, name: str, body: str) -> str:
    """`source` with the function `name` given a new body (its signature kept)."""
    pattern = re.compile(rf"^def {name}\((?P<args>[^)]*)\):\n(?:(?:    .*)?\n)+", re.MULTILINE)
    match = pattern.search(source)
    assert match is not None, name
    replacement = f"def {name}({match['args']}):\n" + "".join(
        f"    {line}\n" for line in body.splitlines()) + "\n"
    return source[:match.start()] + replacement + source[match.end():]


def hostile_source() -> str:
    """The reference with three functions that attack the grader: a hang, an exit, a bomb."""
    source = "import sys\n" + REFERENCE.read_text()
    source = with_function(source, "linear_forward", "while True:\n    pass")
    source = with_function(source, "compute_cost", "sys.exit(0)")
    return with_function(source, "initialize_parameters", "return bytearray(1 << 36)")


def make_class(folder: Path) -> dict[str, float | None]:
    """A class of every kind of learner; return each learner's expected score (None:
    unreadable)."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(REFERENCE, folder / "ada.py")
    (folder / "ben.py").write_text(replace_function(REFERENCE, WRONG / "linear_backward.py"))
    shutil.copy(FIXTURES / "week4" / "learner.ipynb", folder / "cleo.ipynb")
    shutil.copy(ASSIGNMENTS / "week4" / "step_by_step.ipynb", folder / "dan.ipynb")
    erin = folder / "erin"
    erin.mkdir(exist_ok=True)
    shutil.copy(ASSIGNMENTS / "week4" / "dnn_utils.py", erin / "dnn_utils.py")
    (erin / "week4.py").write_text(replace_function(REFERENCE, WRONG / "L_model_backward.py"))
    (folder / "hal.py").write_text(hostile_source())
    (folder / "ivy.ipynb").write_text("{ this is not a notebook")
    (folder / "jon.py").write_bytes(b"\x00\x01 binary")
    (folder / "kim.py").write_text("def layer_sizes(X, Y):\n    return 1, 4, 1\n")
    (folder / "notes.txt").write_text("not a submission")
    os.mkfifo(folder / "pip.py")  # reading it would wait forever
    return {"ada": 100.0, "ben": 90.0, "cleo": 70.0, "dan": 0.0, "erin": 90.0, "hal": 70.0,
            "ivy": None, "jon": None, "kim": None, "notes": None, "pip": None}


def grade(*args: str, cwd: Path = ROOT, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    """Run the `grade` command in a process of its own."""
    return subprocess.run([sys.executable, "-m", "grader", *args], cwd=cwd, text=True,
                          capture_output=True, timeout=timeout)


def scores(gradebook: Path) -> dict[str, float | None]:
    """Learner → score of their latest submission (None: unreadable)."""
    with sqlite3.connect(gradebook) as db:
        rows = db.execute("SELECT l.name, s.score FROM submissions s JOIN learners l "
                          "ON l.id = s.learner_id ORDER BY s.id").fetchall()
    return dict(rows)


def incomplete(gradebook: Path) -> list[str]:
    """Learners whose graded submission lacks function or check rows: must stay empty."""
    with sqlite3.connect(gradebook) as db:
        return [name for (name,) in db.execute(
            "SELECT l.name FROM submissions s JOIN learners l ON l.id = s.learner_id "
            "WHERE s.status = 'graded' AND (s.functions != (SELECT COUNT(*) FROM "
            "function_results f WHERE f.submission_id = s.id) OR EXISTS (SELECT 1 FROM "
            "function_results f WHERE f.submission_id = s.id AND NOT EXISTS (SELECT 1 FROM "
            "check_results c WHERE c.submission_id = s.id AND c.function = f.name)))")]
