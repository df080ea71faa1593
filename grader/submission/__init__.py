"""Read a submission (a `.py` file, a notebook, or a folder of them) into `Submission`.

Files are found and read without following links (`reading`), and parsed in a bounded child
of the sandbox (`parsing`): the grader's own process never parses a learner's text.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from grader.errors import SubmissionError
from grader.submission.reading import CODE_SUFFIXES, is_ignored, refuse_link, scan
from grader.submission.source import FunctionSource, Statement, Submission, Unit

if TYPE_CHECKING:
    from grader.sandbox import Sandbox


def load_submission(path: Path, sandbox: Sandbox) -> Submission:
    """Read every `.py` file and notebook at `path`, parsed under `sandbox`'s limits; raise
    `SubmissionError` if none can be."""
    refuse_link(path)
    if not path.exists():
        raise SubmissionError("no such file or folder", path=path)
    parser = sandbox.zygote.parser()
    if path.is_dir():
        found = scan(path)
        files = found.files
        if not files:
            detail = f" ({'; '.join(found.refused[:3])})" if found.refused else ""
            raise SubmissionError(f"the folder holds no .py file and no notebook{detail}",
                                  path=path)
        units = [unit for file in files for unit in parser.units(file, sandbox.limits)]
        submission = Submission(path, tuple(units))
        return replace(submission, refused=found.refused) if found.refused else submission
    if path.suffix not in CODE_SUFFIXES:
        raise SubmissionError("not a .py file, a .ipynb notebook or a folder", path=path)
    return Submission(path, tuple(parser.units(path, sandbox.limits)))


def submission_files(folder: Path) -> list[Path]:
    """The `.py` files and notebooks of a submission folder, sorted, hidden and cache folders
    left out, links and special files refused: exactly what `load_submission` reads."""
    return list(scan(folder).files)


__all__ = ["FunctionSource", "Statement", "Submission", "Unit", "is_ignored", "load_submission",
           "submission_files"]
