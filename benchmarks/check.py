"""What `check(linear_forward)` costs in a notebook, against the course's own test call.

    python benchmarks/check.py [--rounds 30] [--pause 1.0]

Starts a real Jupyter kernel (jupyter_client, ipykernel), defines `linear_forward` and a test
function in the style of the course's `public_tests.py` (seeded inputs, stored expected values,
type, shape and value checks, "All tests passed"), and warms both up: the kernel's checker has
started its grading process. Then, in rounds, alternated so that both see the same machine:

    a cell redefining linear_forward (a new comment each time: new source), a pause (a learner
    moving to the next cell), then the timed cell `linear_forward_test(linear_forward)`;
    the same, then the timed cell `check(linear_forward)` (its rich result displayed);

and, for the record, `check` again with nothing changed, `check` with `check.prepare = False`
(graded only when asked), and both timed cells right after the defining cell, with no pause
(the grading that the defining cell started is still running when `check` asks for it).

A cell's time runs from the execute request to the kernel's idle status, outputs received: what
a learner waits for after Shift-Enter; the call's time is also taken inside the kernel (the
cell's own overhead left out).

Prints the median and 90th percentile of each, the ratios of check to the course's test, and
the grading time the report gives.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from typing import Any

SETUP = '''
import time

import numpy as np
from grader import check

def linear_forward_test(target):
    np.random.seed(1)
    A_prev, W, b = np.random.randn(3, 2), np.random.randn(1, 3), np.random.randn(1, 1)
    expected = (np.array([[3.26295337, -1.23429987]]), (A_prev, W, b))
    passed = 0
    output = target(A_prev, W, b)
    if isinstance(output, type(expected)) and isinstance(output[0], np.ndarray):
        passed += 1
    output = target(A_prev, W, b)
    if np.shape(output[0]) == expected[0].shape and len(output[1]) == 3:
        passed += 1
    output = target(A_prev, W, b)
    np.testing.assert_array_almost_equal(output[0], expected[0])
    for got, want in zip(output[1], expected[1]):
        np.testing.assert_array_almost_equal(got, want)
    passed += 1
    print("\\033[92m All tests passed." if passed == 3 else f"{3 - passed} Tests failed")

_calls = []

def timed(function, *args):
    started = time.perf_counter()
    result = function(*args)
    _calls.append(time.perf_counter() - started)
    return result
'''
# The timed cells: each call is also timed inside the kernel (by `timed`, so that the cell
# stays what a learner writes, one call), and its result shown.
COURSE, CHECK = "timed(linear_forward_test, linear_forward)", "timed(check, linear_forward)"
DEFINE = '''# GRADED FUNCTION: linear_forward
def linear_forward(A, W, b):
    # round {round}
    Z = np.dot(W, A) + b
    cache = (A, W, b)
    return Z, cache
'''


class Kernel:
    """A real kernel, and a way to time one cell."""

    def __init__(self) -> None:
        from jupyter_client.manager import start_new_kernel

        self.manager, self.client = start_new_kernel(kernel_name="python3")

    def run(self, code: str) -> tuple[float, list[dict[str, Any]]]:
        """Execute `code`; the seconds until the kernel is idle again, and its outputs."""
        started = time.perf_counter()
        msg_id = self.client.execute(code)
        outputs = []
        while True:
            message = self.client.get_iopub_msg(timeout=300)
            if message["parent_header"].get("msg_id") != msg_id:
                continue
            kind = message["msg_type"]
            if kind == "status" and message["content"]["execution_state"] == "idle":
                break
            if kind in ("stream", "display_data", "execute_result", "error"):
                outputs.append(message["content"])
        elapsed = time.perf_counter() - started
        reply = self.client.get_shell_msg(timeout=300)
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"the cell failed: {code!r}: {reply['content']}")
        return elapsed, outputs

    def close(self) -> None:
        self.client.stop_channels()
        self.manager.shutdown_kernel(now=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--pause", type=float, default=1.0,
                        help="seconds between the defining cell and the timed cell")
    args = parser.parse_args()
    kernel = Kernel()
    times: dict[str, list[float]] = {name: [] for name in (
        "course test", "check", "check, unchanged", "check, prepare=False",
        "course test, no pause", "check, no pause")}
    calls: dict[str, list[float]] = {name: [] for name in times}
    grading: list[float] = []
    try:
        kernel.run(SETUP)
        kernel.run(DEFINE.format(round="warm-up"))
        for code in (COURSE, CHECK):
            kernel.run(code)
        for index in range(args.rounds):
            for name, code, prepare, pause in (
                    ("course test", COURSE, True, args.pause),
                    ("check", CHECK, True, args.pause),
                    ("check, prepare=False", CHECK, False, args.pause),
                    ("course test, no pause", COURSE, True, 0.0),
                    ("check, no pause", CHECK, True, 0.0)):
                kernel.run(f"check.prepare = {prepare}")
                kernel.run(DEFINE.format(round=f"{index} {name}"))
                time.sleep(pause)
                elapsed, outputs = kernel.run(code)
                times[name].append(elapsed)
                calls[name].append(_call_seconds(kernel))
                if name == "check":
                    _expect_a_pass(outputs)
                    grading.append(_grading_seconds(kernel))
                    time.sleep(pause)
                    times["check, unchanged"].append(kernel.run(code)[0])
                    calls["check, unchanged"].append(_call_seconds(kernel))
    finally:
        kernel.close()
    _report(times, calls, grading, args)


def _call_seconds(kernel: Kernel) -> float:
    _, outputs = kernel.run("print(_calls[-1])")
    return float(outputs[0]["text"])


def _grading_seconds(kernel: Kernel) -> float:
    _, outputs = kernel.run("print(check(linear_forward).report.seconds)")  # a kept answer
    return float(outputs[0]["text"])


def _expect_a_pass(outputs: list[dict[str, Any]]) -> None:
    shown = [o for o in outputs if "data" in o]
    assert shown and "✓ linear_forward" in shown[0]["data"]["text/plain"], json.dumps(outputs)
    assert "text/html" in shown[0]["data"]


def _report(times: dict[str, list[float]], calls: dict[str, list[float]],
            grading: list[float], args: argparse.Namespace) -> None:
    print(f"rounds: {args.rounds}, pause {args.pause:g} s. Cell: execute request to idle, "
          "outputs received; call: the call alone, timed in the kernel.")
    for name, values in times.items():
        print(f"{name:>21}: cell {_figures(values)}; call {_figures(calls[name])}")
    for name, against in (("check", "course test"), ("check, unchanged", "course test"),
                          ("check, prepare=False", "course test"),
                          ("check, no pause", "course test, no pause")):
        cell = statistics.median(times[name]) / statistics.median(times[against])
        call = statistics.median(calls[name]) / statistics.median(calls[against])
        print(f"{name:>21} / {against}: cell {cell:.2f}, call {call:.2f}")
    print(f"grading linear_forward itself (the report's seconds, done in the grading process): "
          f"median {statistics.median(grading) * 1000:.2f} ms")


def _figures(values: list[float]) -> str:
    ordered = sorted(values)
    return (f"median {statistics.median(values) * 1000:6.2f} ms, "
            f"p90 {ordered[int(0.9 * len(ordered))] * 1000:6.2f} ms")


if __name__ == "__main__":
    main()
