"""What isolation costs: a confined child forked from the warm zygote, and putting it back.

    python benchmarks/sandbox.py [--children 200]

Prints, per child: open (a fork of the zygote, confined), load (the learner's code), one call,
reset (putting the child back as it was loaded, so that it can grade the next function: what
reusing a child costs instead of all of the above), close; their median and 90th percentile;
and, for scale, the cost of the naive alternative: a fresh interpreter that imports numpy.
"""

from __future__ import annotations

import argparse
import marshal
import statistics
import subprocess
import sys
import time

import numpy as np

from grader.sandbox import Call, Sandbox

SOURCE = "import numpy as np\n\ndef linear_forward(A, W, b):\n    return np.dot(W, A) + b, (A, W, b)\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=200)
    args = parser.parse_args()
    code = marshal.dumps(compile(SOURCE, "learner.py", "exec"))
    unit = {"file": "learner.py", "statements": [
        {"line": 1, "source": SOURCE, "kind": "code", "code": 0}]}
    inputs = Call((np.ones((3, 2)), np.ones((1, 3)), np.ones((1, 1))))
    phases: dict[str, list[float]] = {"open": [], "load": [], "call": [], "reset": [],
                                      "close": [], "total": []}
    with Sandbox.start() as sandbox:
        time.sleep(0.5)  # let the zygote warm up and fork its spares
        for _ in range(args.children):
            t0 = time.perf_counter()
            child = sandbox.open()
            t1 = time.perf_counter()
            child.load([unit], [code], [])
            t2 = time.perf_counter()
            outcome = child.calls("linear_forward", [inputs])[0]
            t3 = time.perf_counter()
            refused = child.reset()
            t4 = time.perf_counter()
            child.close()
            t5 = time.perf_counter()
            assert outcome.ok and refused is None, (outcome, refused)
            for name, value in zip(phases, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4,
                                            t5 - t0)):
                phases[name].append(value * 1000)
            time.sleep(0.002)  # a grader does some work between children
        protections = child.protections
    print(f"children: {args.children}; protections: {', '.join(protections)}")
    for name, values in phases.items():
        ordered = sorted(values)
        print(f"{name:>6}: median {statistics.median(values):6.2f} ms, "
              f"p90 {ordered[int(0.9 * len(ordered))]:6.2f} ms")
    fresh = []
    for _ in range(5):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import numpy"], check=True)
        fresh.append((time.perf_counter() - started) * 1000)
    print(f"for scale, a fresh interpreter importing numpy: median {statistics.median(fresh):.0f} ms")


if __name__ == "__main__":
    main()
