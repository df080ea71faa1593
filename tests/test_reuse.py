"""A child grades the next function of a part only when it can be put back as it was loaded.

Reusing a child saves a fork and a load per function; these tests check that it never shows:
what a function leaves behind is either undone (globals rebound, numpy's random state and error
settings) or makes the grader fork a fresh child (anything it cannot undo or check).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from conftest import SOLUTIONS, loaded_child, served_from

from grader.engine import Grading, grade_week
from grader.references import References
from grader.results import Status
from grader.sandbox import Call, Child, Sandbox
from grader.submission import load_submission
from grader.courses.registry import get_week

REFERENCE = SOLUTIONS / "week4" / "step_by_step.py"


def value(child: Child, name: str) -> object:
    outcome = child.calls(name, [Call(())])[0]
    assert outcome.ok, outcome
    return outcome.value


@pytest.fixture
def child_of(sandbox: Sandbox) -> Iterator[list[Child]]:
    opened: list[Child] = []
    yield opened
    for child in opened:
        child.close()


def open_loaded(sandbox: Sandbox, opened: list[Child], source: str) -> Child:
    opened.append(loaded_child(sandbox, source))
    return opened[-1]


def test_rebound_globals_and_numpy_settings_are_put_back(sandbox: Sandbox,
                                                         child_of: list[Child]) -> None:
    child = open_loaded(sandbox, child_of, (
        "import numpy as np\nnp.random.seed(4)\nrate = 0.5\n"
        "def spoil():\n    global rate, added\n    rate, added = 9.0, 1\n"
        "    np.seterr(all='raise')\n    np.random.seed(99)\n    return rate\n"
        "def look():\n    return rate, 'added' in globals(), np.geterr()['divide'], "
        "np.random.randn()\n"))
    first = value(child, "look")
    assert child.reset() is None
    assert value(child, "spoil") == 9.0
    assert child.reset() is None
    assert value(child, "look") == first  # the same random number: the state after loading
    np.random.seed(4)
    assert first == (0.5, False, "warn", np.random.randn())


@pytest.mark.parametrize("spoil,reason", [
    ("cache.append(1)", "the global cache was changed in place"),
    ("np.allclose = lambda *a, **k: True", "the module numpy was changed"),
    ("import threading; threading.Thread(target=time.sleep, args=(30,), daemon=True).start()",
     "threads"),
    ("signal.signal(signal.SIGALRM, lambda *a: None)", "signal handlers"),
    ("signal.setitimer(signal.ITIMER_REAL, 60)", "timers"),
    ("warnings.simplefilter('error')", "warnings filters"),
    ("resource.setrlimit(resource.RLIMIT_NOFILE, (8, 8))", "resource limits"),
    ("sys.setrecursionlimit(500)", "interpreter settings"),
    ("look.__defaults__ = (2,)", "the function look was changed"),
    ("sys.addaudithook(lambda event, args: None)", "audit hooks"),
    ("sys.set_int_max_str_digits(640)", "interpreter settings"),
    (("import faulthandler; faulthandler.disable() if faulthandler.is_enabled() "
      "else faulthandler.enable(sys.__stderr__)"), "fault handler"),
])
def test_what_cannot_be_put_back_means_a_fresh_child(sandbox: Sandbox, child_of: list[Child],
                                                     spoil: str, reason: str) -> None:
    child = open_loaded(sandbox, child_of, (
        "import numpy as np, resource, signal, sys, time, warnings\ncache = []\n"
        f"def spoil():\n    {spoil}\n    return 0\n"
        "def look(n=1):\n    return len(cache) + n\n"))
    assert child.reset() is None  # nothing happened yet
    value(child, "spoil")
    why = child.reset()
    assert why is not None and reason in why
    assert child.calls("look", [Call(())])[0].crash  # refused: the child is closed


def test_a_learners_class_or_a_closure_is_never_vouched_for(sandbox: Sandbox,
                                                           child_of: list[Child]) -> None:
    for source, reason in [("class Layer:\n    size = []\n", "class defined by the learner"),
                           ("import functools\n@functools.lru_cache\ndef f(x):\n    return x\n",
                            "cannot be checked")]:
        why = open_loaded(sandbox, child_of, source).reset()
        assert why is not None and reason in why


def test_a_dead_child_says_why_it_cannot_be_reset(sandbox: Sandbox,
                                                  child_of: list[Child]) -> None:
    child = open_loaded(sandbox, child_of, "import os\ndef f():\n    os._exit(3)\n")
    assert child.calls("f", [Call(())])[0].crash
    assert "exited with code 3" in (child.reset() or "")


def test_a_helper_kept_from_an_earlier_function_is_refused(sandbox: Sandbox,
                                                           child_of: list[Child]) -> None:
    served = served_from("def h():\n    return 42\n")
    child = open_loaded(sandbox, child_of, (
        "import sys, types\ndef h():\n    return 0\n"
        "def keep():\n    sys.modules['stash'] = types.SimpleNamespace(h=h)\n    return h()\n"
        "def use():\n    return sys.modules['stash'].h()\n"))
    kept = child.calls("keep", [Call(())], isolate={"h": "reference"}, served=served)[0]
    assert kept.value == 42
    assert child.reset() is None  # a new module is an import: nothing to undo
    used = child.calls("use", [Call(())], served=served)[0]
    assert used.error is not None and "h is not available here" in used.error.message


def opened_children(sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    opened: list[int] = []
    real = Sandbox.open

    def counting(self: Sandbox) -> Child:
        opened.append(1)
        return real(self)

    monkeypatch.setattr(Sandbox, "open", counting)
    return opened


def grade_one_lane(sandbox: Sandbox, path: Path) -> dict[str, Status]:
    report = grade_week(load_submission(path, sandbox), get_week("week4"),
                        Grading(sandbox, References(SOLUTIONS), workers=1))
    return {f.name: f.status for f in report.parts[0].functions}


def test_one_lane_grades_a_clean_part_in_one_child(sandbox: Sandbox,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    opened = opened_children(sandbox, monkeypatch)
    statuses = grade_one_lane(sandbox, REFERENCE)
    assert set(statuses.values()) == {Status.PASS} and len(statuses) == 10
    assert len(opened) == 1


def test_a_function_that_changes_shared_state_costs_only_itself(
        sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # linear_forward records its calls in a module-level list; compute_cost, graded later in
    # the same lane, answers wrongly once that list is not empty. In a child of its own (as
    # when every function had one) compute_cost passes, so it must pass here too.
    text = REFERENCE.read_text(encoding="utf-8")
    text = text.replace("def linear_forward(A, W, b):",
                        "SEEN = []\n\n\ndef linear_forward(A, W, b):\n    SEEN.append(1)", 1)
    text = text.replace("def compute_cost(AL, Y):",
                        "def compute_cost(AL, Y):\n    if SEEN:\n        return 0.0", 1)
    submission = tmp_path / "submission.py"
    submission.write_text(text, encoding="utf-8")
    opened = opened_children(sandbox, monkeypatch)
    statuses = grade_one_lane(sandbox, submission)
    assert set(statuses.values()) == {Status.PASS}
    assert len(opened) == 2  # the lane forked a fresh child after linear_forward


def test_reusing_children_changes_no_report(sandbox: Sandbox, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Every report is the same, but for timings, as when each function has a fresh child."""
    from conftest import FIXTURES, replace_function

    from grader.render.json_report import week_data

    submissions = [FIXTURES / "week4" / "learner.ipynb", SOLUTIONS / "week4"]
    hostile = Path(__file__).resolve().parent / "hostile"
    for wrong in [*sorted((FIXTURES / "week4" / "wrong").glob("*.py")),
                  hostile / "patch_numpy.py", hostile / "modify_builtins.py",
                  hostile / "global_seed.py", hostile / "mutate_inputs.py"]:
        name = {"patch_numpy": "linear_forward", "modify_builtins": "compute_cost",
                "global_seed": "initialize_parameters_deep",
                "mutate_inputs": "update_parameters"}.get(wrong.stem, wrong.stem)
        path = tmp_path / f"{wrong.stem}.py"
        path.write_text(replace_function(REFERENCE, wrong, name), encoding="utf-8")
        submissions.append(path)
    text = REFERENCE.read_text(encoding="utf-8")
    for name, leak in [("in_place", "SEEN.append(1)"), ("numpy", "np.sum = lambda *a, **k: 0.0"),
                       ("rebound", "global SEEN\n    SEEN = [1]")]:
        # linear_forward leaves something behind that compute_cost, graded after it, trips on
        leaky = text.replace("def linear_forward(A, W, b):",
                             f"SEEN = []\n\n\ndef linear_forward(A, W, b):\n    {leak}", 1)
        leaky = leaky.replace("def compute_cost(AL, Y):",
                              "def compute_cost(AL, Y):\n    if SEEN:\n        return 0.0", 1)
        submissions.append(tmp_path / f"leaks_{name}.py")
        submissions[-1].write_text(leaky, encoding="utf-8")

    def reports() -> list[object]:
        found = []
        for path in submissions:
            report = grade_week(load_submission(path, sandbox), get_week("week4"),
                                Grading(sandbox, References(SOLUTIONS), workers=1))
            data = week_data(report)
            data.pop("seconds")
            for function in data["functions"]:
                function.pop("seconds")
            found.append(data)
        return found

    reused = reports()
    monkeypatch.setattr(Child, "reset", lambda self: self.close() or "never reused")
    assert reports() == reused
