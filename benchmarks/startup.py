"""Whole-process time of grading the week-4 references, against the interpreter's own start-up.

    python benchmarks/startup.py [--runs 15]

Runs, alternately, `grade week4 solutions/week4 --format json` and
`python -c "import numpy, h5py, nbformat, click"`, and prints the median of each and their
ratio (the goal: at most 1.3).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


# Both commands run with bytecode caching on, as on a learner's machine (some sandboxes set
# PYTHONDONTWRITEBYTECODE, which would make every run recompile the grader but not numpy).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, env=ENV)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--week", default="week4")
    args = parser.parse_args()
    grade = shutil.which("grade") or ""
    commands = {
        "grade": [grade, args.week, f"solutions/{args.week}", "--format", "json"] if grade
        else [sys.executable, "-m", "grader", args.week, f"solutions/{args.week}", "--format",
              "json"],
        "imports": [sys.executable, "-c", "import numpy, h5py, nbformat, click"],
    }
    for command in commands.values():  # warm the file cache and the .pyc files
        timed(command)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            times[name].append(timed(command))
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(f"runs per command: {args.runs} (alternated)")
    print(f"{' '.join(commands['grade'][1:])}: median {medians['grade'] * 1000:.0f} ms "
          f"(min {min(times['grade']) * 1000:.0f}, max {max(times['grade']) * 1000:.0f})")
    print(f"python -c 'import numpy, h5py, nbformat, click': median "
          f"{medians['imports'] * 1000:.0f} ms")
    print(f"ratio: {medians['grade'] / medians['imports']:.2f}")


if __name__ == "__main__":
    main()
