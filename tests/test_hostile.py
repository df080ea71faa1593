"""Hostile and broken submissions: the grader holds, and the score cannot be forged.

Each file in tests/hostile/ is one threat: a single function, spliced into the reference
solution in place of the real one. For each, the test checks the exact outcome of that function,
that every other function of the same submission is still graded (and passes), that the grader
is alive, and that the run stays within its time limits.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from conftest import SOLUTIONS, replace_function, run_measured

from grader.engine import Grading, grade_week
from grader.references import References
from grader.results import Status, WeekReport
from grader.sandbox import Sandbox, SandboxLimits
from grader.submission import load_submission
from grader.courses.registry import get_week

HOSTILE = Path(__file__).resolve().parent / "hostile"
REFERENCE = SOLUTIONS / "week4" / "step_by_step.py"
PLANTED = Path("/tmp/grade-pwned")
LIMITS = SandboxLimits(seconds_per_call=2.0, memory_mib=256, output_kib=16)

# file → (function it replaces, expected status, a fragment of what the report says)
THREATS = {
    "infinite_loop": ("linear_forward", Status.ERROR, "exceeded the time limit of 2 s"),
    "sys_exit": ("linear_forward", Status.ERROR, "SystemExit"),
    "raise_systemexit": ("linear_forward", Status.ERROR, "SystemExit"),
    "os_exit": ("linear_forward", Status.ERROR, "exited with code 0"),
    "keyboard_interrupt": ("linear_forward", Status.ERROR, "KeyboardInterrupt"),
    "segfault": ("linear_forward", Status.ERROR, "segmentation fault (SIGSEGV)"),
    "memory_bomb": ("linear_forward", Status.ERROR, "exceeded the memory limit of 256 MiB"),
    "memory_creep": ("linear_forward", Status.ERROR, "exceeded the memory limit of 256 MiB"),
    "fork_bomb": ("linear_forward", Status.ERROR, "Operation not permitted"),
    "spawn_subprocess": ("linear_forward", Status.ERROR, "Operation not permitted"),
    "open_socket": ("linear_forward", Status.ERROR, "Operation not permitted"),
    "print_flood": ("linear_forward", Status.PASS, ""),
    "fake_report": ("linear_forward", Status.FAIL, "Z has shape"),
    "lying_ndarray": ("linear_forward", Status.FAIL, "AlwaysEqual"),
    "lying_float": ("compute_cost", Status.FAIL, "AlwaysEqual"),
    "lying_array_interface": ("linear_forward", Status.FAIL, "Chameleon"),
    "pickle_payload": ("linear_forward", Status.FAIL, "Payload"),
    "forged_frame": ("linear_forward", Status.ERROR, "cannot read"),
    "import_solutions": ("linear_forward", Status.ERROR, "No module named 'solutions"),
    "read_solutions_file": ("linear_forward", Status.ERROR, "Permission denied"),
    "gc_walk": ("linear_forward", Status.ERROR, "not available while grading"),
    "parent_memory": ("linear_forward", Status.ERROR, "Permission denied"),
    "kill_grader": ("linear_forward", Status.ERROR, "Operation not permitted"),
    "sysv_message_queue": ("linear_forward", Status.ERROR, "Operation not permitted"),
    "sysv_shared_memory": ("linear_forward", Status.ERROR, "Operation not permitted"),
    "sysv_semaphore": ("linear_forward", Status.ERROR, "Operation not permitted"),
    "posix_message_queue": ("linear_forward", Status.ERROR, "Operation not permitted"),
    "prlimit_others": ("linear_forward", Status.ERROR, "Operation not permitted"),
    "renice_others": ("linear_forward", Status.ERROR, "Operation not permitted"),
    "sigqueue_others": ("linear_forward", Status.ERROR, "Operation not permitted"),
    "oracle_sibling_cache": ("linear_forward", Status.ERROR, "RecursionError"),
    "oracle_deep_forward": ("linear_forward", Status.ERROR, "RecursionError"),
    "oracle_backward": ("linear_backward", Status.ERROR, "RecursionError"),
    "global_seed": ("initialize_parameters_deep", Status.FAIL, "missing"),
    "patch_numpy": ("linear_forward", Status.FAIL, "values differ"),
    "modify_builtins": ("compute_cost", Status.FAIL, "cost is 123"),
    "write_files": ("linear_forward", Status.ERROR, "Permission denied"),
    "mutate_inputs": ("update_parameters", Status.PASS, ""),
    "syntax_error": ("linear_forward", Status.ERROR, "SyntaxError"),
}


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    with Sandbox.start(LIMITS) as sandbox:
        yield sandbox


def grade(sandbox: Sandbox, path: Path, seed: int | None = None) -> WeekReport:
    return grade_week(load_submission(path, sandbox), get_week("week4"),
                      Grading(sandbox, References(SOLUTIONS), seed))


def splice(tmp_path: Path, threat: str, function: str, text: str | None = None) -> Path:
    hostile = HOSTILE / f"{threat}.py"
    if text is not None:
        hostile = tmp_path / f"{threat}.py"
        hostile.write_text(text)
    submission = tmp_path / "submission.py"
    submission.write_text(replace_function(REFERENCE, hostile, function))
    return submission


def test_every_threat_file_has_an_expected_outcome() -> None:
    assert sorted(p.stem for p in HOSTILE.glob("*.py")) == sorted(
        [*THREATS, *HELPER_THREATS, "hardcoded_outputs", "read_secret_seed",
         "oracle_stubbed_siblings"])


@pytest.mark.parametrize("threat", sorted(THREATS))
def test_a_threat_costs_only_its_own_function(sandbox: Sandbox, tmp_path: Path,
                                              threat: str) -> None:
    function, status, fragment = THREATS[threat]
    text = None
    if threat == "read_solutions_file":
        text = (HOSTILE / f"{threat}.py").read_text().replace("__REFERENCE__", str(REFERENCE))
    PLANTED.unlink(missing_ok=True)
    started = time.monotonic()
    report = grade(sandbox, splice(tmp_path, threat, function, text))
    elapsed = time.monotonic() - started

    results = {f.name: f for f in report.parts[0].functions}  # the step-by-step part
    result = results.pop(function)
    said = " ".join(f"{c.message} {c.detail or ''}" for c in result.checks)
    assert result.status is status, said
    assert fragment in said
    assert {f.name: f.status for f in results.values()} == {n: Status.PASS for n in results}
    assert report.parts[0].score == report.parts[0].max_score - (0 if status is Status.PASS
                                                                   else 10)
    assert elapsed < 20  # each wait has a limit: a few seconds at most, even for a hang
    assert not PLANTED.exists()


def test_printing_megabytes_is_truncated_not_slow(sandbox: Sandbox, tmp_path: Path) -> None:
    report = grade(sandbox, splice(tmp_path, "print_flood", "linear_forward"))
    result = next(f for f in report.functions if f.name == "linear_forward")
    assert len(result.output) <= LIMITS.output_kib * 1024 * 4  # a few cases, each truncated
    assert any("printed 50,000,050 characters" in w or "printed" in w for w in result.warnings)


def test_changing_inputs_in_place_is_reported(sandbox: Sandbox, tmp_path: Path) -> None:
    report = grade(sandbox, splice(tmp_path, "mutate_inputs", "update_parameters"))
    result = next(f for f in report.functions if f.name == "update_parameters")
    assert any("modifies its input params" in w for w in result.warnings)


def test_hard_coded_public_answers_fail_on_a_secret_seed(sandbox: Sandbox, references: References,
                                                         tmp_path: Path) -> None:
    week = get_week("week4")
    part = week.parts[0]
    reference = references.module("week4", part)
    grading = Grading(sandbox, references)
    cases = part.function("linear_forward").cases(grading.rng("week4", "linear_forward"), reference)
    table = {repr(np.round(c.args[0], 6).tolist()): reference.linear_forward(*c.args)[0].tolist()
             for c in cases}
    text = (HOSTILE / "hardcoded_outputs.py").read_text().replace("TABLE = {}",
                                                                   f"TABLE = {table!r}")
    submission = splice(tmp_path, "hardcoded_outputs", "linear_forward", text)

    def status(seed: int | None) -> Status:
        report = grade(sandbox, submission, seed)
        assert report.cases == ("public" if seed is None else "hidden")
        return next(f.status for f in report.functions if f.name == "linear_forward")

    assert status(None) is Status.PASS
    assert status(20261125) is Status.FAIL


@pytest.mark.parametrize("seed", [None, 20261125])
def test_an_oracle_alone_earns_nothing(sandbox: Sandbox, seed: int | None) -> None:
    """A submission that is only an oracle (its siblings unwritten) earns nothing, public or
    hidden cases: the sibling it calls is not served to it."""
    report = grade(sandbox, HOSTILE / "oracle_stubbed_siblings.py", seed)
    statuses = {f.name: f.status for f in report.parts[0].functions}
    assert statuses["linear_forward"] is Status.ERROR
    assert statuses["linear_activation_forward"] is Status.NOT_IMPLEMENTED
    assert report.score == 0


# Reference work a learner's call asks for: file → (week, reference module, function replaced,
# expected status, what the report says). Graded through the command line, as a class would
# be, with the grader's own peak memory measured.
HELPER_THREATS = {
    "helper_forever": ("week2", "logistic_regression", "model", "error",
                       ["exceeded the time limit of 2 s",
                        "the reference optimize your function was given ran on"]),
    "helper_huge_layer": ("week3", "planar", "nn_model", "error",
                          ["exceeded the memory limit of 256 MiB",
                           "the reference initialize_parameters your function was given",
                           "(12000, 12000, 1)"]),
    "helper_prints": ("week2", "logistic_regression", "model", "pass", []),
}
@pytest.mark.parametrize("threat", sorted(HELPER_THREATS))
def test_reference_work_runs_under_the_learners_limits(tmp_path: Path, threat: str) -> None:
    import json

    week, module, function, status, fragments = HELPER_THREATS[threat]
    submission = tmp_path / f"{threat}.py"
    submission.write_text(replace_function(SOLUTIONS / week / f"{module}.py",
                                           HOSTILE / f"{threat}.py", function))
    started = time.monotonic()
    done, peak_mib, _ = run_measured(week, str(submission), "--format", "json",
                                     "--timeout", "2", "--memory", "256")
    elapsed = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)  # nothing a reference printed is in the way
    results = {f["name"]: f for f in report["functions"] if f["part"] == module}
    result = results.pop(function)
    said = " ".join(f"{c['message']} {c.get('detail') or ''}" for c in result["checks"])
    assert result["status"] == status, said
    for fragment in fragments:
        assert fragment in said
    assert {f["status"] for f in results.values()} == {"pass"}
    assert elapsed < 60
    assert peak_mib < 400, peak_mib  # 46 MiB alone, more beside other tests: never the 1.1 GB


SECRET_SEED = "20261125"  # the seed read_secret_seed.py looks for


@pytest.mark.parametrize("given", ["option", "environment"])
def test_the_hidden_seed_is_nowhere_in_a_childs_memory(tmp_path: Path, given: str) -> None:
    """The seed given on the command line or in GRADE_SEED is neither in the child's argv nor
    its environment nor the strings at the top of its stack (the child descends from a fresh
    interpreter that never held it): the function that earns points only by finding it fails."""
    submission = splice(tmp_path, "read_secret_seed", "linear_forward")
    import json
    import os

    extra = ["--seed", SECRET_SEED] if given == "option" else []
    env = {**os.environ, "GRADE_SEED": SECRET_SEED} if given == "environment" else None
    done = subprocess.run([sys.executable, "-m", "grader", "week4", str(submission), *extra,
                           "--format", "json"], capture_output=True, text=True, timeout=120,
                          env=env)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["cases"] == "hidden"
    statuses = {f["name"]: f["status"] for f in report["functions"]
                if f["part"] == "step_by_step"}
    assert statuses.pop("linear_forward") == "fail"
    assert set(statuses.values()) == {"pass"}


def test_the_seed_scanner_finds_a_seed_where_there_is_one() -> None:
    """The attack is real: in a process whose command line and environment hold the seed (as
    a child forked from the grader did), the same scan finds it."""
    code = ("import runpy, sys; scan = runpy.run_path(sys.argv[1])['_memory_holds']; "
            "print(scan(b'" + SECRET_SEED + "'))")
    scanner = str(HOSTILE / "read_secret_seed.py")
    import os

    for argv, env in (([SECRET_SEED], {}), ([], {"GRADE_SEED": SECRET_SEED})):
        done = subprocess.run([sys.executable, "-c", code, scanner, *argv], text=True,
                              capture_output=True, env={**os.environ, **env}, timeout=60)
        assert done.stdout.strip() == "True", done.stderr
    cleared = ("import os, runpy, sys; scan = runpy.run_path(sys.argv[1])['_memory_holds']; "
               "os.environ.clear(); sys.argv[:] = ['x']; sys.orig_argv[:] = ['x']; "
               "print(scan(b'" + SECRET_SEED + "'))")
    done = subprocess.run([sys.executable, "-c", cleared, scanner], text=True,
                          capture_output=True, env={**os.environ, "GRADE_SEED": SECRET_SEED},
                          timeout=60)
    assert done.stdout.strip() == "True", done.stderr  # clearing is not enough: the stack keeps it


def test_the_grader_survives_the_whole_corpus(sandbox: Sandbox) -> None:
    report = grade(sandbox, SOLUTIONS / "week4")
    assert report.score == report.max_score


NOT_CODE = HOSTILE / "not_code"


@pytest.mark.parametrize("name,message", [
    ("empty.py", "defines none of the graded functions of week4"),
    ("no_functions.py", "defines none of the graded functions of week4"),
    ("binary.py", "not Python source: it is a binary file"),
    ("invalid_json.ipynb", "not a notebook: invalid JSON"),
    ("nbformat3.ipynb", "not an nbformat 4 notebook"),
])
def test_submissions_that_are_not_code_are_one_line_and_exit_2(name: str, message: str) -> None:
    done = run_cli(NOT_CODE / name)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and message in done.stderr and name in done.stderr


def test_a_syntax_error_in_the_only_function_is_a_per_function_error() -> None:
    done = run_cli(NOT_CODE / "syntax_error.py", "--format", "json")
    assert done.returncode == 0
    import json

    functions = {f["name"]: f for f in json.loads(done.stdout)["functions"]}
    check = functions["linear_forward"]["checks"][0]
    assert functions["linear_forward"]["status"] == "error"
    assert "SyntaxError" in check["message"] and "line 1" in check["message"]


def test_a_100_mb_notebook_is_refused_quickly(tmp_path: Path) -> None:
    notebook = tmp_path / "huge.ipynb"
    with notebook.open("w") as out:
        out.write('{"nbformat": 4, "nbformat_minor": 4, "metadata": {}, "cells": [{"cell_type": '
                  '"code", "metadata": {}, "execution_count": 1, "source": "x = 1", "outputs": '
                  '[{"output_type": "stream", "name": "stdout", "text": "')
        chunk = "y" * (1 << 20)
        for _ in range(100):
            out.write(chunk)
        out.write('"}]}]}')
    started = time.monotonic()
    done = run_cli(notebook)
    assert done.returncode == 2 and "over the 64 MiB limit" in done.stderr
    assert time.monotonic() - started < 10


def run_cli(path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "grader", "week4", str(path), *args],
                          capture_output=True, text=True, timeout=60)
