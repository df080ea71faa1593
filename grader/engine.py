"""Grade a submission against a week: cases in, learner's outputs from the sandbox, verdicts out.

For each graded function: build its cases from the grading seed, take a sandbox child with the
learner's code, call the function on each case (other graded functions replaced by the
reference, so one bug costs points once), run the reference on pristine copies of the same
inputs in this process (or read its stored answers: see `grader.answers`), and hand both to
`verdict`.

Functions are dealt to a few lanes, in a fixed order; each lane is a thread that grades its
functions one after the other, so that the children work in parallel while this process
compares. A lane keeps its child for the next function of the same part when the child can be
put back to its state right after loading (`Child.reset`), and forks a fresh one otherwise:
forking and loading once per part, not once per function, is most of a class's grading time.
"""

from __future__ import annotations

import dataclasses
import threading
import time
import zlib
from collections.abc import Callable, Collection
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np

from grader import shipping, signatures, variant_answers, verdict
from grader.answers import Answers, Expected, Source
from grader.courses.modules import STAND_INS, learner_modules
from grader.errors import ConfigError, SubmissionError
from grader.recognise import recognise
from grader.results import FunctionResult, Level, Limits, PartReport, Status, WeekReport
from grader.sandbox import Call, CallOutcome, Child, LoadOutcome, Probe, Sandbox
from grader.spec import Case, GradedFunction, Part, Week
from grader.submission import FunctionSource, Submission

PUBLIC_SEED = 12021
MAX_LEFT_OUT = 3  # statements left out of a submission's load before giving up


@dataclass(frozen=True)
class Grading:
    """What one grading run needs: the sandbox, the source of answers, the seed, and how many
    lanes (threads, each with its own children) grade the functions."""

    sandbox: Sandbox
    source: Source
    seed: int | None = None
    workers: int = 2

    def __post_init__(self) -> None:
        if self.seed is not None and not self.source.live:
            raise ConfigError("hidden cases need the reference solutions; this grader only has "
                              "the public cases (an installed grade, or a learners' bundle): "
                              "set GRADE_SOLUTIONS to the folder of the references")

    @property
    def cases_kind(self) -> str:
        return "public" if self.seed is None else "hidden"

    def rng(self, week: str, function: str) -> np.random.Generator:
        return case_rng(week, function, self.seed)


def case_rng(week: str, function: str, seed: int | None = None) -> np.random.Generator:
    """The generator a function's cases are drawn from: the public seed unless told otherwise."""
    return np.random.default_rng([PUBLIC_SEED if seed is None else seed,
                                  zlib.crc32(week.encode()), zlib.crc32(function.encode())])


@dataclass(frozen=True)
class _Graded:
    """One function's result, and what its child reported about the submission as a whole."""

    result: FunctionResult
    skipped: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()
    protections: tuple[str, ...] = ()


def grade_week(submission: Submission, week: Week, grading: Grading,
               only: Collection[tuple[str, str]] | None = None) -> WeekReport:
    """Grade every function of `week` in `submission` (but for the files named as the course's
    helper modules), or only those named in `only`, as (part, function) pairs: the report then
    holds only those (and only their parts)."""
    started = time.perf_counter()
    if week.course is not None:
        submission = submission.without_files(set(week.course.helper_modules(week.name)))
    if not any(submission.find(f.names) or submission.broken(f.names) for f in week.functions):
        from grader.courses.infer import looks_like

        other = looks_like(submission, week.name, _course_weeks(week))
        raise SubmissionError(
            f"defines none of the graded functions of {week.name} "
            f"({', '.join(dict.fromkeys(f.name for f in week.functions))})"
            + (f"; {other}" if other else ""),
            path=submission.path)
    task = _Task(submission, week, grading)
    jobs = [(part, function) for part in week.parts for function in part.functions
            if only is None or (part.name, function.name) in only]
    lanes = max(1, min(grading.workers, len(jobs)))
    graded: list[_Graded] = [None] * len(jobs)  # type: ignore[list-item]
    pool = ThreadPoolExecutor(lanes)
    try:
        for lane, graded_in_lane in enumerate(pool.map(task.lane, [jobs[k::lanes]
                                                            for k in range(lanes)])):
            graded[lane::lanes] = graded_in_lane
    except BaseException:  # interrupted (Ctrl-C): stop waiting for the lanes, so that the
        # sandbox's exit stops their children now, not when a learner's call reaches its limit
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    results = iter(graded)
    parts = tuple(PartReport(part.name, part.title,
                             tuple(next(results).result for _ in chosen),
                             task.releases[part.name].named())
                  for part in week.parts
                  if (chosen := [f for p, f in jobs if p is part]))
    limits = grading.sandbox.limits
    return WeekReport(
        week=week.name, title=week.title, submission=str(submission.path), parts=parts,
        cases=grading.cases_kind,
        limits=Limits(limits.seconds_per_call, limits.memory_mib, limits.output_kib),
        skipped=tuple(sorted({s for g in graded for s in g.skipped})),
        problems=tuple(dict.fromkeys([*submission.problems,
                                      *(p for g in graded for p in g.problems)])),
        protections=next((g.protections for g in graded if g.protections), ()),
        unavailable=grading.source.unavailable,
        seconds=time.perf_counter() - started,
    )


class _Task:
    """Grading one submission against one week, a function at a time (on any thread)."""

    def __init__(self, submission: Submission, week: Week, grading: Grading) -> None:
        self.week, self.grading = week, grading
        self.submissions = {
            part.name: submission.for_part(part.names, frozenset().union(
                *(other.names for other in week.parts if other is not part)))
            for part in week.parts}
        self.blobs: list[bytes] = []
        self.units = {name: [unit.wire(self.blobs) for unit in part.loadable()]
                      for name, part in self.submissions.items()}
        self.modules = {part.name: self._modules(part) for part in week.parts}
        self.releases = {part.name: recognise(part, self.submissions[part.name])
                         for part in week.parts}
        self.lock = threading.Lock()
        self.left_out: dict[str, dict[tuple[int, int], str]] = {p.name: {} for p in week.parts}
        self.passed: dict[str, set[str]] = {p.name: set() for p in week.parts}

    def _modules(self, part: Part) -> list[dict[str, Any]]:
        """The part's course modules as the child's `load` wants them (code in `blobs`)."""
        return [module.wire(self.blobs) for module in learner_modules(self.week, part)]

    def _loaded_child(self, part: Part) -> tuple[Child, LoadOutcome]:
        """A child with the part's code loaded. A top-level statement that kills or hangs the
        child (a class body that loops, a default argument that exits) is left out, reported,
        and the code loaded again without it, so that the other functions are still graded."""
        for _ in range(MAX_LEFT_OUT + 1):
            with self.lock:
                left_out = dict(self.left_out[part.name])
            units = self.units[part.name]
            if left_out:
                units = [dict(unit, statements=[s for j, s in enumerate(unit["statements"])
                                                if (i, j) not in left_out])
                         for i, unit in enumerate(units)]
            child = self.grading.sandbox.open()
            loaded = child.load(units, self.blobs, self.modules[part.name], STAND_INS)
            if loaded.crash is None or loaded.culprit is None or len(left_out) >= MAX_LEFT_OUT:
                return child, loaded
            child.close()
            unit, statement = loaded.culprit
            kept = [j for j, _ in enumerate(self.units[part.name][unit]["statements"])
                    if (unit, j) not in left_out]
            culprit = (unit, kept[statement])
            where = self.units[part.name][unit]
            line = where["statements"][culprit[1]]["line"]
            with self.lock:
                self.left_out[part.name][culprit] = (
                    f"{where['file']}, line {line}: {loaded.crash}; this statement was left out")
        raise AssertionError("unreachable")

    def lane(self, jobs: list[tuple[Part, GradedFunction]]) -> list[_Graded]:
        """Grade `jobs` in order, keeping one child per part for as long as it can be reset."""
        children: dict[str, tuple[Child, LoadOutcome]] = {}
        try:
            return [self.grade(part, function, children) for part, function in jobs]
        finally:
            for child, _ in children.values():
                child.close()

    def _child(self, part: Part, children: dict[str, tuple[Child, LoadOutcome]]
               ) -> tuple[Child, LoadOutcome]:
        kept = children.pop(part.name, None)
        if kept is None or kept[1].crash or kept[0].reset() is not None:
            kept = self._loaded_child(part)
        children[part.name] = kept
        return kept

    def grade(self, part: Part, function: GradedFunction,
              children: dict[str, tuple[Child, LoadOutcome]]) -> _Graded:
        """Grade one function in the lane's child for its part (kept in `children`)."""
        submission = self.submissions[part.name]
        found = submission.find(function.names)
        if found is None:
            return _Graded(verdict.absent(function, part, submission.broken(function.names)))
        started = time.perf_counter()
        applied = variant_answers.apply(  # as the notebook's release defines it
            self.releases[part.name].release, function,
            self.grading.source.answers(self.week.name, part, function), found)
        function, answers = applied.function, applied.answers
        cases = answers.cases(self.grading.rng(self.week.name, function.name))
        child, loaded = self._child(part, children)
        problems = tuple(f"{file}, line {line}: {message}"
                         for file, line, message in loaded.failed)
        problems += tuple(self.left_out[part.name].values())
        if loaded.crash:
            result = verdict.crashed_on_load(function, part, found, loaded.crash)
            return _Graded(result, loaded.skipped, problems, child.protections)
        runner = _Runner(child, found, function, part, answers, submission)
        records = runner.records(cases)
        if verdict.all_pass(records) and answers.live:
            with self.lock:
                passed = set(self.passed[part.name])
            evidence = verdict.Evidence(records, own_helpers=runner.own_helpers(
                records, submission, passed))
        else:
            evidence = verdict.Evidence(records, own_gradients=runner.own_gradients(records))
        result = verdict.judge(function, part, found, evidence, answers,
                               time.perf_counter() - started)
        notes = applied.notes() + (runner.own_notes() if result.status is not Status.PASS else ())
        if notes:
            result = dataclasses.replace(result, notes=(*notes, *result.notes))
        if result.status is Status.PASS:
            with self.lock:
                self.passed[part.name].add(function.name)
        return _Graded(result, loaded.skipped, problems, child.protections)


def _course_weeks(week: Week) -> dict[str, Week]:
    """The assignments of `week`'s own course, by name: never the courses found from the
    current folder (a grade.toml beside a submission would have its specs run here)."""
    if week.course is None:
        return {week.name: week}
    from grader.courses.registry import load_week

    return {name: load_week(week.course, name) for name in week.course.assignments}


class _Runner:
    """Calls one learner function and its reference on the same cases."""

    def __init__(self, child: Child, found: FunctionSource, function: GradedFunction,
                 part: Part, answers: Answers, submission: Submission) -> None:
        self.child, self.found, self.function = child, found, function
        self.part, self.answers = part, answers
        self.names = {alias: f.name for f in part.functions for alias in f.names
                      if f.name != function.name}
        # Only the helpers the spec names are served: a learner's code that calls another
        # graded function runs their own version of it. Without the references (a bundle),
        # the learner's own helpers are all there is.
        self.isolate = {alias: "reference" for alias, graded in self.names.items()
                        if graded in function.helpers} if answers.served else {}
        self.draws = {alias for f in part.functions if f.draws for alias in f.names}
        if part.provided:  # helpers the part does not grade come from its course module
            provided = f"course:{part.provided}"
            self.isolate.update({h: provided for h in function.helpers if h not in self.names})
        # A call the learner's own helper refuses fails in their notebook: it runs theirs.
        self.refused = signatures.refused(found, list(self.isolate), submission)
        for name in self.refused:
            del self.isolate[name]

    def records(self, cases: list[Case]) -> list[verdict.Record]:
        expected: list[Expected] = []

        def answer() -> None:  # the references work while the child does
            expected.extend(self.answers.expected(i, case) for i, case in enumerate(cases))

        outcomes = self._calls(cases, self.isolate, meanwhile=answer)
        return [verdict.Record(case, outcome, answer_, self.function)
                for case, outcome, answer_ in zip(cases, outcomes, expected)]

    def own_notes(self) -> tuple[str, ...]:
        """Why a helper was the learner's own here, when it was (for a failing function)."""
        return tuple(f"your own {name} ran here, not the reference: {self.found.name} calls it "
                     f"in a way it refuses ({why}), as it does in your notebook"
                     for name, why in self.refused.items())

    def own_helpers(self, records: list[verdict.Record], submission: Submission,
                    passed: set[str]) -> list[verdict.Record] | None:
        """Run the cases again with the learner's own helpers, where they wrote any, unless
        every one of those has already passed its own checks (then there is nothing to say)."""
        own = [h for h in self.function.helpers
               if (f := submission.find(self._names_of(h))) is not None and not f.stub]
        if not own or all(h in passed for h in own):
            return None
        isolate = {alias: source for alias, source in self.isolate.items()
                   if self.names.get(alias, alias) not in own}
        outcomes = self._calls([r.case for r in records], isolate)
        unproven = tuple(h for h in own if h not in passed)
        return [verdict.Record(r.case, outcome, r.expected, self.function, tuple(own), unproven)
                for r, outcome in zip(records, outcomes)]

    def own_gradients(self, records: list[verdict.Record]
                      ) -> tuple[verdict.Record, CallOutcome] | None:
        """Numerical gradients through the learner's own forward functions, computed in the
        child on the first gradient case whose output has the right structure."""
        spec = self.function.gradient
        record = next((r for r in records if r.case.gradient and r.outcome.ok and (
            r.mismatch is None or r.mismatch.level is Level.VALUES)), None)
        if spec is None or not spec.through or record is None:
            return None
        module = spec.numeric.__module__
        probe = Probe(module, spec.numeric.__name__, tuple(shipping.ship([module])))
        outcome = self.child.calls(f"numerical gradients through your {spec.through[0]}",
                                   [Call(record.case.args)], probe=probe,
                                   seconds=self.function.seconds)[0]
        return record, outcome

    def _names_of(self, helper: str) -> tuple[str, ...]:
        graded = [f for f in self.part.functions if f.name == helper]
        return graded[0].names if graded else (helper,)

    def _calls(self, cases: list[Case], isolate: dict[str, str],
               meanwhile: Callable[[], object] | None = None) -> list[CallOutcome]:
        calls = [Call(case.args, {**case.kwargs, **case.exercise}, case.seed, case.legacy)
                 for case in cases]
        return self.child.calls(self.found.name, calls, isolate=isolate,
                                draws=self.draws & set(isolate), served=self.answers.served,
                                under=self.function.names, seconds=self.function.seconds,
                                meanwhile=meanwhile)
