"""grade: the auto-grader for the numpy assignments of a first deep-learning course.

    from grader import grade
    report = grade(Path("assignments/week4"), ("week4",))

    from grader import check        # in a notebook
    check(my_function)

The public names below are imported on first use, so that `import grader` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "grade": "grader.grading",
    "check": "grader.checker",
    "Checker": "grader.checker",
    "Checked": "grader.checked",
    "load_submission": "grader.submission",
    "get_week": "grader.courses.registry",
    "Sandbox": "grader.sandbox",
    "SandboxLimits": "grader.sandbox",
    "References": "grader.references",
    "Report": "grader.results",
    "WeekReport": "grader.results",
    "PartReport": "grader.results",
    "FunctionResult": "grader.results",
    "CheckResult": "grader.results",
    "Mismatch": "grader.results",
    "Status": "grader.results",
    "CheckStatus": "grader.results",
    "GraderError": "grader.errors",
    "ConfigError": "grader.errors",
    "SubmissionError": "grader.errors",
    "DataError": "grader.errors",
    "SandboxError": "grader.errors",
}

__all__ = ["CheckResult", "CheckStatus", "Checked", "Checker", "ConfigError", "DataError",
           "FunctionResult", "GraderError", "Mismatch", "PartReport", "References", "Report",
           "Sandbox", "SandboxError", "SandboxLimits", "Status", "SubmissionError", "WeekReport",
           "__version__", "check", "get_week", "grade",
           "load_submission"]  # _EXPORTS and the version


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'grader' has no attribute {name!r}")
