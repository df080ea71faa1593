"""The sandbox runs learner code in confined children and always comes back with an outcome."""

from __future__ import annotations

import copy
import time
from typing import Any

import numpy as np

from grader.sandbox import Answered, Call, CallOutcome, Sandbox

from conftest import loaded_child, served_from


def call(sandbox: Sandbox, source: str, name: str = "f", *args: Any, **options: Any) -> CallOutcome:
    child = loaded_child(sandbox, source)
    try:
        return child.calls(name, [Call(args)], **options)[0]
    finally:
        child.close()


def test_values_come_back(sandbox: Sandbox) -> None:
    outcome = call(sandbox, "import numpy as np\ndef f(x):\n    return x.T, {'n': x.shape}\n",
                   "f", np.ones((2, 3)))
    assert outcome.ok
    value, info = outcome.value
    assert value.shape == (3, 2) and info == {"n": (2, 3)}


def test_exceptions_come_back_with_the_learners_lines(sandbox: Sandbox) -> None:
    outcome = call(sandbox, "def f(x):\n    y = x + 1\n    return y / 0\n", "f", 1)
    assert outcome.error is not None and outcome.error.type == "ZeroDivisionError"
    assert [(f.line, f.text) for f in outcome.error.traceback] == [(3, "return y / 0")]


def test_printed_output_is_captured_and_truncated(sandbox: Sandbox) -> None:
    outcome = call(sandbox, "def f():\n    print('x' * 1_000_000)\n    return 1\n")
    assert outcome.ok and outcome.value == 1
    assert outcome.printed > 1_000_000
    assert len(outcome.output) == sandbox.limits.output_kib * 1024


def test_an_infinite_loop_hits_the_time_limit(sandbox: Sandbox) -> None:
    started = time.monotonic()
    outcome = call(sandbox, "def f():\n    while True:\n        pass\n", seconds=0.5)
    assert outcome.crash is not None and "exceeded the time limit of 0.5 s" in outcome.crash
    assert time.monotonic() - started < 3


def test_a_dead_process_is_described(sandbox: Sandbox) -> None:
    outcome = call(sandbox, "import os\ndef f():\n    os._exit(3)\n")
    assert outcome.crash is not None and "exited with code 3" in outcome.crash


def test_later_calls_after_a_crash_are_not_run(sandbox: Sandbox) -> None:
    child = loaded_child(sandbox, "import os\ndef f(x):\n    if x == 2:\n        os._exit(1)\n"
                                  "    return x\n")
    outcomes = child.calls("f", [Call((1,)), Call((2,)), Call((3,))])
    child.close()
    assert outcomes[0].value == 1
    assert outcomes[1].crash is not None and "exited with code 1" in outcomes[1].crash
    assert outcomes[2].crash is not None and outcomes[2].crash.startswith("not run")


def test_isolated_helpers_are_served_by_a_helper_child(sandbox: Sandbox) -> None:
    served = served_from("import os\ndef h(x):\n    return x * 10, os.getpid()\n")
    outcome = call(sandbox, "import os\ndef h(x):\n    return -1\n"
                            "def f(x):\n    value, pid = h(x)\n    return value + 1, pid, os.getpid()\n",
                   "f", 4, isolate={"h": "reference"}, served=served)
    value, helper_pid, own_pid = outcome.value
    assert value == 41 and helper_pid != own_pid  # computed elsewhere, not in the learner's child


def test_a_helper_draws_from_the_childs_random_state(sandbox: Sandbox) -> None:
    served = served_from("import numpy as np\ndef draw():\n    return np.random.randn(2)\n")
    source = ("import numpy as np\ndef draw():\n    return None\n"
              "def f():\n    np.random.seed(3)\n    return draw(), np.random.randn(2)\n")
    outcome = call(sandbox, source, "f", isolate={"draw": "reference"}, draws={"draw"},
                   served=served)
    np.random.seed(3)
    expected = np.random.randn(4)
    assert np.array_equal(np.concatenate(outcome.value), expected)


def test_a_helper_that_draws_nothing_gets_no_random_state(sandbox: Sandbox) -> None:
    served = served_from("import numpy as np\ndef h():\n    np.random.seed(0)\n"
                         "    return 0.0\n")  # were a state carried back, it would be seed 0's
    source = ("import numpy as np\ndef h():\n    return None\n"
              "def f():\n    np.random.seed(3)\n    return h() + np.random.randn()\n")
    outcome = call(sandbox, source, "f", isolate={"h": "reference"}, served=served)
    np.random.seed(3)
    assert outcome.value == np.random.randn()


def test_replies_to_the_same_helper_request_are_kept(sandbox: Sandbox) -> None:
    # Each helper counts its runs and returns the count: a kept reply repeats an old count.
    served = served_from("runs = 0\n"
                         "def double(x):\n    global runs\n    runs += 1\n    return runs\n"
                         "def draw(x):\n    global runs\n    runs += 1\n    return runs\n")
    source = ("import numpy as np\ndef double(x):\n    return None\n"
              "def draw(x):\n    return None\n"
              "def f(x):\n    return [double(x), double(x), double(x + 1), draw(x), draw(x)]\n")
    child = loaded_child(sandbox, source)
    try:
        values = [child.calls("f", [Call((np.ones(2),))], served=served,
                              isolate={"double": "reference", "draw": "reference"},
                              draws={"draw"})[0].value for _ in range(2)]
    finally:
        child.close()
    # `double` ran once per distinct argument, `draw` (it draws) on every request
    assert values == [[1, 1, 2, 3, 4], [1, 1, 2, 5, 6]]


def test_kept_replies_are_forgotten_past_their_budget() -> None:
    answered = Answered(max_bytes=1000)
    for n in range(10):
        answered.put(bytes([n]), {"op": "helper_result"}, [b"x" * 300])
    assert answered.get(bytes([9])) is not None and answered.get(bytes([0])) is None


def test_exactly_the_references_that_draw_random_numbers_say_so(references: Any) -> None:
    from grader.engine import case_rng
    from grader.courses.registry import built_in, get_week

    for week in map(get_week, built_in().assignments):
        for part in week.parts:
            module = references.module(week.name, part)
            for function in part.functions:
                case = function.cases(case_rng(week.name, function.name), module)[0]
                np.random.seed(5)
                _, keys, position, *_ = np.random.get_state()
                getattr(module, function.name)(*copy.deepcopy(case.args), **case.kwargs)
                _, keys_after, position_after, *_ = np.random.get_state()
                moved = position_after != position or not np.array_equal(keys_after, keys)
                assert moved is function.draws, f"{week.name} {function.name}"


def test_legacy_arguments_go_only_to_a_signature_that_requires_them(sandbox: Sandbox) -> None:
    source = ("def new(a, b):\n    return a + b\n"
              "def old(a, b, extra):\n    return a + b + extra['n']\n"
              "def optional(a, b, extra=None):\n    return extra\n")
    child = loaded_child(sandbox, source)
    try:
        calls = [Call((1, 2), legacy=({"n": 10},))]
        assert child.calls("new", calls)[0].value == 3
        assert child.calls("old", calls)[0].value == 13
        assert child.calls("optional", calls)[0].value is None
    finally:
        child.close()


def test_the_global_seed_is_set_before_the_call(sandbox: Sandbox) -> None:
    child = loaded_child(sandbox, "import numpy as np\ndef f():\n    return np.random.randn(2)\n")
    first, second = child.calls("f", [Call((), seed=2), Call((), seed=2)])
    child.close()
    np.random.seed(2)
    assert np.array_equal(first.value, np.random.randn(2))
    assert np.array_equal(first.value, second.value)


def test_in_place_changes_to_inputs_are_reported(sandbox: Sandbox) -> None:
    outcome = call(sandbox, "def f(params):\n    params['W1'] -= 1\n    return 0\n", "f",
                   {"W1": np.ones(2)})
    assert outcome.mutated == ("params['W1']",)


def test_the_course_modules_are_importable_under_their_names(sandbox: Sandbox) -> None:
    child = loaded_child(sandbox, "def f(z):\n    from dnn_utils import relu\n"
                                  "    return relu(z)[0]\n", ("dnn_utils",))
    outcome = child.calls("f", [Call((np.array([-1.0, 2.0]),))])[0]
    child.close()
    assert np.array_equal(outcome.value, [0.0, 2.0])


def test_a_child_holds_no_course_module_its_part_does_not_allow(sandbox: Sandbox) -> None:
    source = ("import sys\ndef f():\n    return sorted(n for n in sys.modules "
              "if n.startswith(('grade_courses', 'dnn', 'lr_utils')) and sys.modules[n])\n")
    child = loaded_child(sandbox, source)
    assert child.calls("f", [Call(())])[0].value == []
    child.close()
    child = loaded_child(sandbox, source, ("dnn_utils_v2",))
    # dnn_utils_v2 imports dnn_utils, which comes along (under its own name, as in the course)
    assert child.calls("f", [Call(())])[0].value == ["dnn_utils", "dnn_utils_v2"]
    child.close()


def test_children_are_confined(sandbox: Sandbox) -> None:
    child = sandbox.open()
    child.close()
    assert "resource limits" in child.protections


def test_a_dead_zygote_is_replaced() -> None:
    import os
    import signal

    with Sandbox.start() as sandbox:
        os.kill(sandbox.zygote.pid, signal.SIGKILL)
        outcome = call(sandbox, "def f(x):\n    return x + 1\n", "f", 1)
        assert outcome.value == 2


def test_week_specs_import_no_module_that_holds_answers() -> None:
    """The zygote may be forked after the specs load (to tell a class from a submission): they
    must not bring in course modules, which implement graded functions."""
    import subprocess
    import sys

    code = ("import sys\nfrom grader.courses.registry import Catalog\n"
            "catalog = Catalog.discover()\n[catalog.week(n) for n in catalog.names()]\n"
            "print(sorted(m for m in sys.modules if '.modules' in m or m.startswith(("
            "'grader.references.', 'solutions'))))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_the_prepared_seccomp_filter_is_the_one_assembled_for_the_child() -> None:
    import struct

    from grader.sandbox import seccomp

    for machine in ("x86_64", "aarch64"):
        direct = b"".join(struct.pack("HBBI", *i) for i in seccomp.program(machine, 4321))
        assert seccomp.program_bytes(machine, 4321) == direct
