"""The grader's exceptions: one tree, one base.

    GraderError                 anything the grader refuses to do; the CLI prints one line
    ├── ConfigError             a bad option, an unknown week, a missing reference   (exit 2)
    ├── SubmissionError         a submission that cannot be read at all               (exit 2)
    ├── DataError               a dataset or cases file that is not in the expected schema
    └── SandboxError            the sandbox itself failed (not the learner's code)    (exit 3)

A learner's wrong answer, crash or hang is never an exception: it is a result in the report.
"""

from __future__ import annotations

from pathlib import Path


class GraderError(Exception):
    """Base of every error the grader raises on purpose."""

    exit_code = 3

    def __init__(self, message: str, *, path: Path | str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        return f"{self.path}: {self.message}"

    def _render_traceback_(self) -> list[str]:
        """How IPython shows it: one line, as the CLI does (a refusal, not a bug to debug)."""
        return [f"{type(self).__name__}: {self}"]


class ConfigError(GraderError):
    """The grader was asked for something that does not exist or does not fit."""

    exit_code = 2


class SubmissionError(GraderError):
    """A submission cannot be read: not a file, not a notebook, not Python at all."""

    exit_code = 2


class DataError(GraderError):
    """A dataset or a cases file does not follow the expected schema."""

    exit_code = 2


class SandboxError(GraderError):
    """The sandbox could not start or talk to its children."""

    exit_code = 3
