"""The grader's own checks are strong enough: `grade selfcheck` finds nothing missed."""

from __future__ import annotations

import pytest

from grader.references import References
from grader.results import CheckResult, CheckStatus, FunctionResult, Status
from grader.sandbox import Sandbox
from grader.selfcheck import _judge, check_week, table
from grader.courses.registry import built_in, get_week

NAMES = built_in().assignments


@pytest.mark.parametrize("name", NAMES)
def test_every_catalogued_mistake_is_caught_and_named(sandbox: Sandbox, references: References,
                                                      name: str) -> None:
    week = get_week(name)
    check = check_week(week, sandbox, references)
    assert check.ok, table(check)
    for function in week.functions:
        assert len(function.mistakes) >= 3, f"{function.name} needs at least 3 mistakes"
    assert len(check.mistakes) == sum(len(f.mistakes) for f in week.functions)


def _result(name: str, status: Status, hint: str | None = None) -> FunctionResult:
    check = CheckResult("values", CheckStatus.PASS if status is Status.PASS else CheckStatus.FAIL,
                        "message", hint)
    return FunctionResult(name, "part", status, 0.0, 10.0, (check,))


def test_a_mistake_named_with_the_wrong_hint_or_costing_elsewhere_is_reported() -> None:
    graded = (_result("f", Status.FAIL, "another hint"), _result("g", Status.FAIL))
    judged = _judge(graded, "part", "f", "m", "the right hint")
    assert judged.caught and not judged.diagnosed and judged.collateral == ("g",)
    assert not judged.ok
    missed = _judge((_result("f", Status.PASS),), "part", "f", "m", "hint")
    assert not missed.caught and not missed.ok
