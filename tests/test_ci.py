"""CI (`.ci/run`) checks the package with ruff and mypy before the tests, with pinned versions."""

from __future__ import annotations

from conftest import ROOT


def test_ci_lints_and_type_checks_the_package_before_the_tests() -> None:
    lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    steps = [line for line in lines if line.startswith("python -m")]
    assert "python -m ruff check grader" in steps and "python -m mypy" in steps
    assert steps.index("python -m mypy") < steps.index("python -m pytest -q")
    pinned = next(line for line in steps if "ruff==" in line)
    assert "mypy==" in pinned
