"""What the generic diagnosis costs: the time spent saying how a wrong output relates to the
expected one, per function, over the mutants of the references.

    python benchmarks/diagnosis.py [WEEK ...] [--every N]

Grades the mutants (as `grade selfcheck --mutants` does) with the catalogue switched off, so
that every caught mutant goes through the generic diagnosis, and prints, per function, how many
mutants were diagnosed, the mean and the largest time one diagnosis took, and the total. The
time is the grader's process's own (the search reruns the reference there); the sandbox's is
not counted.
"""

from __future__ import annotations

import argparse
import dataclasses
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from grader.sandbox import Sandbox


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("weeks", nargs="*", default=["week2", "week3", "week4"])
    parser.add_argument("--every", type=int, default=1)
    options = parser.parse_args()
    with Sandbox.start() as sandbox:  # before any reference is loaded
        from grader import diagnosis, verdict
        from grader.mutation.check import check_mutants, sample, week_mutants
        from grader.references import References
        from grader.courses.registry import get_week

        seconds: dict[str, list[float]] = defaultdict(list)
        explain: Callable[..., Any] = diagnosis.explain

        def timed(function: Any, records: Any, answers: Any) -> Any:
            started = time.process_time()
            try:
                return explain(function, records, answers)
            finally:
                seconds[function.name].append(time.process_time() - started)

        verdict.diagnosis.explain = timed  # type: ignore[attr-defined]
        references = References()
        for name in options.weeks:
            week = get_week(name)
            bare = dataclasses.replace(week, parts=tuple(
                dataclasses.replace(part, functions=tuple(
                    dataclasses.replace(f, mistakes=()) for f in part.functions))
                for part in week.parts))
            chosen = sample(week_mutants(bare, references), options.every)
            check_mutants(bare, sandbox, references, chosen)
    print(f"{'function':28} {'diagnosed':>9} {'mean ms':>8} {'max ms':>8}")
    for function, times in seconds.items():
        print(f"{function:28} {len(times):9d} {1000 * sum(times) / len(times):8.1f} "
              f"{1000 * max(times):8.1f}")
    every = [t for times in seconds.values() for t in times]
    print(f"{'total':28} {len(every):9d} {1000 * sum(every) / max(1, len(every)):8.1f} "
          f"{1000 * max(every, default=0):8.1f}   ({sum(every):.1f} s of CPU in all)")


if __name__ == "__main__":
    main()
