"""A call the learner's own helper refuses fails as it does in their notebook."""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.sandbox import Sandbox
from grader.signatures import refused
from grader.submission import load_submission


def _refused(sandbox: Sandbox, tmp_path: Path, source: str, caller: str, helpers: list[str]) -> dict[str, str]:
    (tmp_path / "mine.py").write_text(source)
    submission = load_submission(tmp_path / "mine.py", sandbox)
    found = submission.find((caller,))
    assert found is not None
    return refused(found, helpers, submission)


CALLER = "def model(A, Y, p):\n    return cost(A, Y, p) + cost(A, Y=Y)\n"


@pytest.mark.parametrize("helper,refuses", [
    ("def cost(A, Y):\n    return 0.0\n", "cost() too many positional arguments"),
    ("def cost(A, Y, p):\n    return 0.0\n", "cost() missing a required argument: 'p'"),
    ("def cost(A, Y, p=None):\n    return 0.0\n", None),
    ("def cost(*args, **kwargs):\n    return 0.0\n", None),
    ("def cost(A, /, Y, p=None):\n    return 0.0\n", None),
    ("def cost(A, *, Y):\n    return 0.0\n", "cost() too many positional arguments"),
])
def test_each_call_is_bound_to_the_learners_own_signature(sandbox: Sandbox, tmp_path: Path, helper: str,
                                                          refuses: str | None) -> None:
    found = _refused(sandbox, tmp_path, helper + CALLER, "model", ["cost"])
    assert found == ({} if refuses is None else {"cost": refuses})


def test_no_own_helper_or_an_unknowable_call_refuses_nothing(sandbox: Sandbox, tmp_path: Path) -> None:
    assert _refused(sandbox, tmp_path, CALLER, "model", ["cost"]) == {}  # the reference is served
    unknowable = "def cost(A):\n    return 0.0\ndef model(A, *rest):\n    return cost(*rest)\n"
    assert _refused(sandbox, tmp_path, unknowable, "model", ["cost"]) == {}
    decorated = "import functools\n@functools.cache\ndef cost(A):\n    return 0.0\n" + CALLER
    assert _refused(sandbox, tmp_path, decorated, "model", ["cost"]) == {}
