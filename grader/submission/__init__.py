"""Read a submission (a `.py` file, a notebook, or a folder of them) into `Submission`."""

from __future__ import annotations

from pathlib import Path

from grader.errors import SubmissionError
from grader.submission.extract import extract
from grader.submission.notebook import read_code_cells
from grader.submission.source import FunctionSource, Statement, Submission, Unit

MAX_SOURCE_BYTES = 8 * 1024 * 1024
_SKIPPED_FOLDERS = {"__pycache__", ".ipynb_checkpoints", ".git", "node_modules"}


def load_submission(path: Path) -> Submission:
    """Read every `.py` file and notebook at `path`; raise `SubmissionError` if none can be."""
    if not path.exists():
        raise SubmissionError("no such file or folder", path=path)
    if path.is_dir():
        files = submission_files(path)
        if not files:
            raise SubmissionError("the folder holds no .py file and no notebook", path=path)
        units = [unit for file in files for unit in _load_file(file)]
        return Submission(path, tuple(units))
    if path.suffix not in (".py", ".ipynb"):
        raise SubmissionError("not a .py file, a .ipynb notebook or a folder", path=path)
    return Submission(path, tuple(_load_file(path)))


def submission_files(folder: Path) -> list[Path]:
    """The `.py` files and notebooks of a submission folder, sorted, hidden and cache folders
    left out: exactly what `load_submission` reads. The course's helper modules beside the
    notebooks (`dnn_app_utils_v3.py`, …) are the course's code, not the learner's: the grader
    uses its own versions of them, and their functions never count as the learner's answers."""
    from grader.course import ALIASES

    return sorted(
        p for p in folder.rglob("*")
        if p.suffix in (".py", ".ipynb") and p.is_file()
        and not (p.suffix == ".py" and p.stem in ALIASES)
        and not any(is_ignored(part) for part in p.relative_to(folder).parts)
    )


def is_ignored(name: str) -> bool:
    """Whether a file or folder name is left out of a submission (hidden, caches, VCS)."""
    return name in _SKIPPED_FOLDERS or name.startswith(".")


def _load_file(path: Path) -> list[Unit]:
    if path.suffix == ".ipynb":
        return [
            extract(cell.source, path, f"{path}, cell {cell.number}", cell.number)
            for cell in read_code_cells(path)
        ]
    size = path.stat().st_size
    if size > MAX_SOURCE_BYTES:
        raise SubmissionError(f"file is {size / 2**20:.0f} MiB, too large for Python source",
                              path=path)
    data = path.read_bytes()
    if b"\x00" in data:
        raise SubmissionError("not Python source: it is a binary file", path=path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise SubmissionError(f"not Python source: not UTF-8 text (byte {error.start})",
                              path=path) from error
    return [extract(text, path, str(path))]


__all__ = ["FunctionSource", "Statement", "Submission", "Unit", "is_ignored", "load_submission",
           "submission_files"]
