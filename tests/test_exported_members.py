"""The public API is pinned: adding or removing a name is a decision, made here."""

from __future__ import annotations

import grader


def test_the_public_names_are_exactly_these() -> None:
    assert grader.__all__ == sorted([
        "CheckResult", "CheckStatus", "Checked", "Checker", "ConfigError", "DataError",
        "FunctionResult", "GraderError", "Mismatch", "PartReport", "References", "Report", "Sandbox",
        "SandboxError", "SandboxLimits", "Status", "SubmissionError", "WeekReport",
        "__version__", "check", "get_week", "grade", "load_submission",
    ])


def test_every_public_name_resolves_and_belongs_to_the_package() -> None:
    for name in grader.__all__:
        value = getattr(grader, name)
        if name != "__version__":
            assert value.__module__.startswith("grader."), name
