"""Reference helpers run in a helper child, under the learner's limits, and never compute the
function under test (grader/sandbox/helpers.py, grader/sandbox/reference_child.py)."""

from __future__ import annotations

import os
import time
from typing import Any

import pytest
from conftest import loaded_child, served_from

from grader.sandbox import Call, CallOutcome, Sandbox, SandboxLimits

LIMITS = SandboxLimits(seconds_per_call=1.5, memory_mib=128, output_kib=4)


@pytest.fixture(scope="module")
def sandbox() -> Any:
    with Sandbox.start(LIMITS) as sandbox:
        yield sandbox


def call(sandbox: Sandbox, learner: str, reference: str, *args: Any,
         helpers: tuple[str, ...] = ("g",), under: tuple[str, ...] = ("f",)) -> CallOutcome:
    child = loaded_child(sandbox, learner)
    try:
        return child.calls("f", [Call(args)], isolate={h: "reference" for h in helpers},
                           served=served_from(reference), under=under)[0]
    finally:
        child.close()


def test_inside_a_served_helper_the_function_under_test_is_the_learners(
        sandbox: Sandbox) -> None:
    reference = ("def f(x, top=True):\n    return -1\n"
                 "def g(x):\n    return f(x, top=False) + 1\n")
    learner = ("def g(x):\n    return None\n"
               "def f(x, top=True):\n    return g(x) if top else x * 100\n")
    outcome = call(sandbox, learner, reference, 3)
    assert outcome.value == 301  # g is the reference's, f inside it the learner's (not -1)


def test_a_delegation_cycle_ends_as_an_error_not_as_points(sandbox: Sandbox) -> None:
    reference = ("def f(x):\n    return x + 1\n"
                 "def g(x):\n    return f(x) * 2, 'g'\n")
    learner = "def g(x):\n    return None\ndef f(x):\n    return g(x)[0] // 2\n"
    outcome = call(sandbox, learner, reference, 3)
    assert outcome.error is not None
    assert outcome.error.type == "RecursionError" and "recursed too deeply" in outcome.error.message


def test_a_helper_out_of_memory_says_which_and_with_what(sandbox: Sandbox) -> None:
    reference = ("import numpy as np\ndef f(n):\n    return 0\n"
                 "def g(n):\n    return np.ones((n, n)).sum()\n")
    learner = "def g(n):\n    return 0\ndef f(n):\n    return g(n)\n"
    outcome = call(sandbox, learner, reference, 12000)
    assert outcome.error is not None and outcome.error.type == "MemoryError"
    message = outcome.error.message
    assert "exceeded the memory limit of 128 MiB" in message
    assert "the reference g your function was given" in message and "(12000)" in message


def test_a_helper_that_never_ends_is_stopped_at_the_call_limit(sandbox: Sandbox) -> None:
    reference = ("def f(n):\n    return 0\n"
                 "def g(n):\n    total = 0\n    for i in range(n):\n        total += i\n"
                 "    return total\n")
    learner = "def g(n):\n    return 0\ndef f(n):\n    return g(n)\n"
    started = time.monotonic()
    outcome = call(sandbox, learner, reference, 10 ** 12)
    assert time.monotonic() - started < 10
    assert outcome.crash is not None
    assert "exceeded the time limit of 1.5 s" in outcome.crash
    assert "the reference g your function was given ran on (1000000000000)" in outcome.crash


def test_what_a_helper_prints_goes_nowhere(sandbox: Sandbox, capfd: pytest.CaptureFixture[str]
                                           ) -> None:
    reference = ("def f():\n    return 0\n"
                 "def g():\n    print('cost after iteration 0: 0.69' * 1000)\n    return 7\n")
    learner = "def g():\n    return 0\ndef f():\n    return g()\n"
    outcome = call(sandbox, learner, reference)
    assert outcome.value == 7 and outcome.output == ""
    captured = capfd.readouterr()
    assert "cost after" not in captured.out and "cost after" not in captured.err


def test_helpers_do_not_run_in_the_grader_or_the_learners_child(sandbox: Sandbox) -> None:
    reference = "import os\ndef f():\n    return 0\ndef g():\n    return os.getpid()\n"
    learner = "import os\ndef g():\n    return 0\ndef f():\n    return g(), os.getpid()\n"
    helper_pid, learner_pid = call(sandbox, learner, reference).value  # type: ignore[misc]
    assert helper_pid != learner_pid and helper_pid != os.getpid()


def test_a_helper_child_that_dies_is_replaced(sandbox: Sandbox) -> None:
    reference = ("import os\ndef f():\n    return 0\n"
                 "def g(die):\n    if die:\n        os._exit(9)\n    return 'alive'\n")
    learner = "def g(die):\n    return 0\ndef f(die):\n    return g(die)\n"
    died = call(sandbox, learner, reference, True)
    assert died.error is not None and "stopped" in died.error.message
    assert call(sandbox, learner, reference, False).value == "alive"
