"""Whole-process time of grading each week's references, against the interpreter's own start-up.

    python benchmarks/startup.py [--runs 15] [--week week4 --week week2 ...] [--path P]

Runs, alternately, `grade WEEK solutions/WEEK --format json` for each week (default: every
week) and `python -c "import numpy, h5py, nbformat, click"`, and prints for each the median
whole-process time, the median grading time the report itself gives (the part on top of
start-up), and the ratio of the whole process to the bare imports (the goal: at most 1.3).
`--path` grades that path instead of `solutions/WEEK` (one week then).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader.courses.registry import built_in  # noqa: E402 - after the path is set

NAMES = built_in().assignments

# Both commands run with bytecode caching on, as on a learner's machine (some sandboxes set
# PYTHONDONTWRITEBYTECODE, which would make every run recompile the grader but not numpy).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
IMPORTS = "imports"


def timed(command: list[str]) -> tuple[float, str]:
    """Seconds the whole process took, and what it printed."""
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.PIPE, env=ENV,
                          text=True)
    return time.perf_counter() - started, done.stdout


def commands(weeks: list[str], path: str | None = None) -> dict[str, list[str]]:
    grade = shutil.which("grade")
    prefix = [grade] if grade else [sys.executable, "-m", "grader"]
    found = {week: [*prefix, week, path or f"solutions/{week}", "--format", "json"]
             for week in weeks}
    found[IMPORTS] = [sys.executable, "-c", "import numpy, h5py, nbformat, click"]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--week", action="append", choices=NAMES,
                        help="a week to time (repeat for several; default: every week)")
    parser.add_argument("--path", help="the submission to grade (default: solutions/WEEK)")
    args = parser.parse_args()
    if args.path and len(args.week or NAMES) != 1:
        parser.error("--path goes with exactly one --week")
    runs = commands(args.week or list(NAMES), args.path)
    for command in runs.values():  # warm the file cache and the .pyc files
        timed(command)
    wall: dict[str, list[float]] = {name: [] for name in runs}
    grading: dict[str, list[float]] = {name: [] for name in runs if name != IMPORTS}
    for _ in range(args.runs):
        for name, command in runs.items():
            seconds, output = timed(command)
            wall[name].append(seconds)
            if name in grading:
                grading[name].append(float(json.loads(output)["seconds"]))
    imports = statistics.median(wall[IMPORTS])
    print(f"runs per command: {args.runs} (alternated)")
    print(f"python -c 'import numpy, h5py, nbformat, click': median {imports * 1000:.0f} ms")
    for name, seconds in grading.items():
        median = statistics.median(wall[name])
        print(f"{' '.join(runs[name][1:3])}: median {median * 1000:.0f} ms "
              f"(min {min(wall[name]) * 1000:.0f}, max {max(wall[name]) * 1000:.0f}); "
              f"grading {statistics.median(seconds) * 1000:.0f} ms; "
              f"ratio {median / imports:.2f}")


if __name__ == "__main__":
    main()
