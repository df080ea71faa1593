"""Throughput of grading a class: week-4 submissions per second, and memory per worker.

    python benchmarks/batch.py [--n 200] [--jobs 2] [--engine-workers 1] [--keep DIR]

Generates N learners' submissions in a temporary folder, a realistic mix: references, one
catalogued mistake each (the hand-written wrong functions of tests/fixtures/week4/wrong spliced
into the reference), notebooks made from the assignment's notebook (right or with a mistake),
untouched stubs, and the half-finished learner notebook of the fixtures. Then grades them as a
batch into a fresh gradebook, on a local pool of JOBS workers, and prints submissions per second
and the peak resident memory of each worker and of its sandbox zygote.

It also prints the CPU time all the batch's processes spent per submission (this one, the
workers, their zygotes and every sandbox child, counted once each is reaped), and the rate that
allows on the machine's cores: a figure that other load on a shared machine does not change.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import nbformat

from grader.batch.discover import name_learners
from grader.batch.progress import Progress
from grader.batch.run import BatchSettings, executor, grade_all, prepare
from grader.gradebook import Gradebook
from grader.release import function_sources

ROOT = Path(__file__).resolve().parent.parent

REFERENCE = ROOT / "solutions" / "week4" / "step_by_step.py"
STUBS = ROOT / "assignments" / "week4" / "step_by_step.ipynb"
LEARNER = ROOT / "tests" / "fixtures" / "week4" / "learner.ipynb"
WRONG = sorted((ROOT / "tests" / "fixtures" / "week4" / "wrong").glob("*.py"))
KINDS = ("reference.py", "reference.py", "mistake.py", "mistake.py", "mistake.py",
         "reference.ipynb", "mistake.ipynb", "stubs.ipynb", "learner.ipynb", "mistake.py")


def with_wrong(wrong: Path) -> str:
    """The reference module with one function replaced by a wrong one."""
    original = function_sources(REFERENCE)[wrong.stem]
    return REFERENCE.read_text().replace(original, wrong.read_text())


def as_notebook(source: Path | str, path: Path) -> None:
    """The assignment's notebook with each graded cell filled from `source` (a module)."""
    module = Path(tempfile.mkstemp(suffix=".py")[1])
    module.write_text(source if isinstance(source, str) else source.read_text())
    functions = function_sources(module)
    module.unlink()
    notebook = nbformat.read(STUBS, as_version=4)
    for cell in notebook.cells:
        first = cell.source.splitlines()[0] if cell.source else ""
        if cell.cell_type == "code" and first.startswith("# GRADED FUNCTION:"):
            name = first.split(":", 1)[1].strip()
            cell.source = f"{first}\n{functions[name]}"
    nbformat.write(notebook, str(path))


def generate(folder: Path, n: int) -> Counter[str]:
    """Write `n` submissions into `folder`; return how many of each kind."""
    kinds: Counter[str] = Counter()
    for index in range(n):
        kind = KINDS[index % len(KINDS)]
        wrong = WRONG[(index // len(KINDS)) % len(WRONG)]
        name = folder / f"learner{index:04d}"
        if kind == "reference.py":
            shutil.copy(REFERENCE, name.with_suffix(".py"))
        elif kind == "mistake.py":
            name.with_suffix(".py").write_text(with_wrong(wrong))
        elif kind == "reference.ipynb":
            as_notebook(REFERENCE, name.with_suffix(".ipynb"))
        elif kind == "mistake.ipynb":
            as_notebook(with_wrong(wrong), name.with_suffix(".ipynb"))
        elif kind == "stubs.ipynb":
            shutil.copy(STUBS, name.with_suffix(".ipynb"))
        else:
            shutil.copy(LEARNER, name.with_suffix(".ipynb"))
        kinds[kind] += 1
    return kinds


class MemoryWatch:
    """Samples, every second, the peak resident memory (VmHWM, a high-water mark: a sample
    at any time after the peak sees it) of this process's children (the workers) and of their
    children (each worker's zygote). Sampling walks /proc, so it is kept rare: it is CPU
    that this process would otherwise count against the grader."""

    def __init__(self) -> None:
        self.peaks: dict[tuple[str, int], int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> MemoryWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(1.0):
            for worker in _children(os.getpid()):
                self._sample("worker", worker)
                for zygote in _children(worker):
                    self._sample("zygote", zygote)

    def _sample(self, role: str, pid: int) -> None:
        try:
            status = (Path("/proc") / str(pid) / "status").read_text()
        except OSError:
            return
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                kib = int(line.split()[1])
                self.peaks[role, pid] = max(self.peaks.get((role, pid), 0), kib)


def _cpu_seconds() -> tuple[float, float]:
    """User and system time of this process, and of every descendant reaped so far."""
    own, reaped = (resource.getrusage(who) for who in (resource.RUSAGE_SELF,
                                                       resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime, reaped.ru_utime + reaped.ru_stime


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--engine-workers", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="Generate into DIR and keep it.")
    args = parser.parse_args()
    # Bytecode caching on in the workers, as on an instructor's machine (see startup.py).
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="grade-batch-"))
    (folder / "submissions").mkdir(parents=True, exist_ok=True)
    try:
        kinds = generate(folder / "submissions", args.n)
        learners = name_learners(sorted((folder / "submissions").iterdir()))
        settings = BatchSettings("week4", engine_workers=args.engine_workers)
        with Gradebook.open(folder / "grades.db") as book, MemoryWatch() as memory:
            cpu_before = _cpu_seconds()
            started = time.perf_counter()
            todo = prepare(learners, settings, book)
            prepared = time.perf_counter()
            result = grade_all(todo, lambda: executor(args.jobs, None, todo.job_seconds), book,
                               Progress(len(todo.jobs), sys.stderr))
            finished = time.perf_counter()
            own, reaped = (after - before for after, before in zip(_cpu_seconds(), cpu_before))
            cpu = own + reaped  # the pool has reaped every process by now
    finally:
        if args.keep is None:
            shutil.rmtree(folder)
    total = finished - started
    print(f"submissions: {args.n} ({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))})")
    print(f"workers: {args.jobs} processes, {args.engine_workers} grading threads each, "
          f"{os.cpu_count()} cores")
    print(f"graded {result.graded}, unreadable {result.unreadable}, failed "
          f"{len(result.failures)}; mean score {sum(result.scores) / len(result.scores):.1f}")
    print(f"time: {total:.2f} s (hashing and resume lookup {prepared - started:.2f} s, "
          f"grading and recording {finished - prepared:.2f} s, workers' start included)")
    print(f"throughput: {args.n / total:.1f} submissions/s")
    cores = os.cpu_count() or 1
    print(f"CPU: {cpu:.2f} s in all processes, {1000 * cpu / args.n:.0f} ms per submission: "
          f"at most {cores * args.n / cpu:.1f} submissions/s on {cores} idle cores")
    print(f"     of which this process (gradebook, pool, progress) "
          f"{1000 * own / args.n:.1f} ms per submission")
    for role in ("worker", "zygote"):
        peaks = sorted(kib for (kind, _), kib in memory.peaks.items() if kind == role)
        if peaks:
            print(f"peak RSS per {role}: " + ", ".join(f"{kib / 1024:.0f} MiB" for kib in peaks))


if __name__ == "__main__":
    main()
