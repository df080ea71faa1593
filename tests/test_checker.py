"""`Checker` outside a notebook: its grading process, what it returns, how it fails.

(In a real kernel: tests/test_notebook_check.py.)
"""

from __future__ import annotations

import importlib.util
import json
import os
import signal
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from grader import Checked, Checker, ConfigError, SandboxError, Status
from grader.check_service import answer
from grader.courses.registry import Catalog
from grader.kernel_cells import Source, kernel_request, read_request, request_data
from grader.kernel_check import KernelChecks
from grader.sandbox import Sandbox

WRONG = """import numpy as np

from grader import check


def linear_forward(A, W, b):
    Z = np.dot(W, A)
    return Z, (A, W, b)


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = np.dot(dZ, A_prev.T) / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    return np.dot(W.T, dZ), dW, db


def helper(x):
    return x


if __name__ == "__main__":
    print(check(linear_forward))
"""


def module(tmp_path: Path) -> ModuleType:
    """The learner's module of functions, imported as a script would."""
    path = tmp_path / "answers.py"
    path.write_text(WRONG)
    spec = importlib.util.spec_from_file_location("answers", path)
    assert spec is not None and spec.loader is not None
    loaded = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(loaded)
    return loaded


@pytest.fixture(scope="module")
def checker() -> Iterator[Checker]:
    started = Checker()
    yield started
    started.close()


def test_a_script_reads_status_score_and_checks(checker: Checker, tmp_path: Path) -> None:
    answers = module(tmp_path)
    result = checker(answers.linear_forward)
    assert isinstance(result, Checked)
    assert result.status is Status.FAIL and not result.passed
    assert (result.score, result.max_score) == (0, 10)
    values = next(c for c in result.checks if c.name == "values")
    assert values.mismatch is not None and values.mismatch.differing > 0
    assert values.hint is not None and "bias" in values.hint
    assert result["linear_forward"].location is not None
    assert result.report.submission == str(tmp_path / "answers.py")
    text = str(result)
    assert text == repr(result)
    assert "✗ linear_forward" in text and "hint" in text and "yours=" in text
    html = result._repr_html_()
    assert html.startswith('<div class="grade-check">') and "<details open" in html
    both = checker(answers.linear_forward, "linear_backward", week="week4")
    assert [f.name for f in both.functions] == ["linear_forward", "linear_backward"]
    assert both.status is Status.FAIL and both["linear_backward"].status is Status.PASS
    with pytest.raises(KeyError):
        both["compute_cost"]


def test_the_grading_process_is_started_once_and_reused(checker: Checker,
                                                        tmp_path: Path) -> None:
    answers = module(tmp_path)
    assert checker(answers.linear_backward).passed
    assert checker._service is not None
    first = checker._service.process.pid
    assert checker(answers.linear_backward).passed and checker._service.process.pid == first


@pytest.mark.parametrize("argument,message", [
    (42, r"check takes your functions \(or their names\), not int 42"),
    (lambda x: x, "check takes your functions"),
    ("not an identifier", "check takes your functions"),
    ("helper", "helper is not a graded function of any week"),
])
def test_what_is_not_a_graded_function_is_refused(checker: Checker, argument: object,
                                                  message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        checker(argument)


def test_errors_show_in_ipython_as_one_line() -> None:
    error = ConfigError("compute_cost is graded in week3 and week4")
    assert error._render_traceback_() == [
        "ConfigError: compute_cost is graded in week3 and week4"]


def test_a_dead_grading_process_is_said_and_replaced(tmp_path: Path) -> None:
    answers = module(tmp_path)
    checker = Checker()
    try:
        assert checker(answers.linear_backward).passed
        assert checker._service is not None
        os.kill(checker._service.process.pid, signal.SIGKILL)
        assert checker(answers.linear_backward).passed  # its answer is kept in the kernel
        with pytest.raises(SandboxError, match="the grading process stopped"):
            checker(answers.linear_forward)
        assert not checker.running
        assert checker(answers.linear_backward).passed  # a new process
    finally:
        checker.close()
    assert not checker.running


def test_a_check_that_takes_too_long_ends_its_process(tmp_path: Path) -> None:
    answers = module(tmp_path)
    checker = Checker(timeout=0.0)
    try:
        with pytest.raises(SandboxError, match="did not answer in time"):
            checker(answers.linear_backward)
        assert not checker.running
    finally:
        checker.close()


def test_requests_go_as_json_and_come_back_the_same(tmp_path: Path) -> None:
    answers = module(tmp_path)
    request = kernel_request([answers.linear_forward, "linear_backward"], "week4", None)
    assert request.names == ("linear_forward", "linear_backward")
    assert [s.label for s in request.sources] == [str(tmp_path / "answers.py")]
    assert read_request(json.loads(json.dumps(request_data(request)))) == request


@pytest.mark.parametrize("message,said", [
    ({"op": "check"}, "not a check request"),
    ({"op": "check", "sources": [{"label": 1, "text": "", "cell": True}], "names": []},
     "not a check request"),
    ({"op": "shutdown"}, "not a check request"),
])
def test_the_grading_process_answers_nonsense_with_an_error(
        sandbox: Sandbox, message: dict[str, object], said: str) -> None:
    reply = answer(message, KernelChecks(sandbox, Catalog.discover()))
    assert reply["op"] == "error" and reply["kind"] == "ConfigError"
    assert said in reply["message"]


def test_without_references_every_request_says_so(tmp_path: Path) -> None:
    request = request_data(kernel_request([module(tmp_path).linear_forward], None, None))
    reply = answer(request, ConfigError("no references"))
    assert reply == {"op": "error", "kind": "ConfigError", "message": "no references"}


def test_each_source_goes_in_full_once_then_by_its_number(tmp_path: Path) -> None:
    answers = module(tmp_path)
    first = kernel_request([answers.linear_forward], "week4", None)
    sent: dict[Source, int] = {}
    full = request_data(first, sent)
    assert full["sources"][0]["text"] == WRONG and sent == {first.sources[0]: 0}
    again = request_data(first, sent)
    assert again["sources"] == [{"id": 0}]
    known: dict[int, Source] = {}
    assert read_request(json.loads(json.dumps(full)), known) == first
    assert read_request(json.loads(json.dumps(again)), known) == first
    with pytest.raises(ConfigError, match="not a check request"):
        read_request(again, {})  # a number this process was never given


def test_outside_ipython_a_name_alone_has_no_source(checker: Checker) -> None:
    with pytest.raises(ConfigError, match="none of the cells this kernel ran defines"):
        checker("linear_forward", week="week4")
    with pytest.raises(ConfigError, match=r"outside one, name the functions"):
        checker()
