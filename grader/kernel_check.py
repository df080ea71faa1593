"""Grade the functions a Jupyter kernel defines, from the source of the cells it ran.

`check(my_function)` in a notebook sends the cells the kernel ran (their text, never the
kernel's objects) to the grading process (`grader.check_service`), where `KernelChecks.report`
does this:

1. each cell goes through the notebook loader (magics blanked, then parsed in the sandbox's
   parse child like any learner's file: imports, definitions and constants kept), in the
   order the kernel last ran it; a cell that does not parse did nothing in the kernel and is
   left out;
2. a function defined in several cells is taken from the one the kernel ran last, as the
   kernel holds it;
3. the week and part come from the request, or from the function's name and what else the
   cells define, among the courses found from the kernel's folder (`Catalog`);
4. `grade_week` grades just those functions, with the same cases, sandbox, checks and hints as
   `grade`. (The kernel then tells each result about the global variables it reads from other
   cells: `grader.cell_globals`, which parses there, in the learner's own process.)
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from pathlib import Path

from grader.courses.registry import Catalog
from grader.engine import Grading, grade_week
from grader.errors import ConfigError
from grader.kernel_cells import Request, Source, python_text
from grader.memo import Memo
from grader.results import WeekReport
from grader.sandbox import Sandbox
from grader.sources import default_source
from grader.spec import Part, Week
from grader.submission import Submission, Unit


class KernelChecks:
    """Grades a kernel's requests, keeping the last reports by what determines them (the
    week, the functions, and the statements loaded for grading), so that a request the
    grading process has already answered, or prepared ahead, costs no second grading."""

    def __init__(self, sandbox: Sandbox, catalog: Catalog, keep: int = 64) -> None:
        self.sandbox, self.catalog = sandbox, catalog
        self.gradings: dict[Path, Grading] = {}  # one per course: its source of answers
        self.reports: Memo[tuple[object, ...], WeekReport] = Memo(keep)
        # A kernel sends all its cells each time, nearly all of them read before.
        self.units: Memo[Source, tuple[Unit | None]] = Memo(4096)
        self.trimmed: Memo[tuple[Source, frozenset[str]], Unit] = Memo(4096)

    def report(self, request: Request) -> WeekReport:
        """Grade the functions `request` asks for; `ConfigError` when it cannot tell which."""
        loaded = [(source, unit) for source in request.sources
                  if (unit := self.units.kept(source, partial(self._read, source))[0])]
        submission = Submission(Path(request.title), self._last_definitions(loaded))
        weeks = {name: self.catalog.week(name) for name in self.catalog.names()}
        week = _week(request, submission, weeks)
        chosen = _chosen(request, week, submission)
        key = (week.name, tuple(sorted(chosen)), request.title, _content(submission))
        return self.reports.kept(key, lambda: grade_week(submission, week, self._grading(week),
                                                         only=chosen))

    def _read(self, source: Source) -> tuple[Unit | None]:
        """The source through the notebook loader, parsed in the parse child: (None,) when it
        ran no Python in the kernel (a `%%bash` cell, a cell that does not parse)."""
        text = python_text(source)
        if text is None:
            return (None,)
        parser = self.sandbox.zygote.parser()
        units = parser.parse(Path(source.label), "py", text.encode("utf-8"), self.sandbox.limits)
        if not units or any("SyntaxError" in problem for problem in units[0].problems):
            return (None,)
        return (units[0],)

    def _grading(self, week: Week) -> Grading:
        course = self.catalog.course_of(week)
        if course.root not in self.gradings:
            self.gradings[course.root] = Grading(self.sandbox, default_source(course))
        return self.gradings[course.root]

    def _last_definitions(self, units: list[tuple[Source, Unit]]) -> tuple[Unit, ...]:
        """Each function only in the last unit that defines it, as the kernel holds it (a cell
        run again after an earlier one replaces that one's definition, headed or not)."""
        last = {f.name: index for index, (_, unit) in enumerate(units) for f in unit.functions}
        kept = []
        for index, (source, unit) in enumerate(units):
            gone = frozenset(f.name for f in unit.functions if last[f.name] != index)
            kept.append(self.trimmed.kept((source, gone), partial(_without, unit, gone))
                        if gone else unit)
        return tuple(kept)


def _content(submission: Submission) -> tuple[object, ...]:
    """What grading reads of a submission: its units' statements, labels and problems (a unit
    without any, a cell that only calls or prints, changes nothing)."""
    return tuple((unit.label, tuple((s.line, s.source, s.kind) for s in unit.statements),
                  unit.problems, unit.broken)
                 for unit in submission.units if unit.statements or unit.problems)


def _without(unit: Unit, names: frozenset[str]) -> Unit:
    """The unit without its definitions of `names`."""
    return replace(unit, statements=tuple(s for s in unit.statements if s.defines not in names),
                   functions=tuple(f for f in unit.functions if f.name not in names))


def _week(request: Request, submission: Submission, weeks: dict[str, Week]) -> Week:
    """The week `request` is for, among `weeks` (by the names commands take)."""
    if request.week is not None:
        week = weeks.get(request.week)
        if week is None:
            raise ConfigError(f"unknown assignment {request.week!r}; the assignments are "
                              f"{', '.join(weeks)}")
        for name in request.names:
            if name not in week.names:
                elsewhere = [w for w, other in weeks.items() if name in other.names]
                raise ConfigError(f"{name} is not a graded function of {request.week}" + (
                    f"; it is one of {', '.join(elsewhere)}" if elsewhere else ""))
        return week
    for name in request.names:
        if not any(name in week.names for week in weeks.values()):
            raise ConfigError(f"{name} is not a graded function of any week "
                              f"({', '.join(weeks)}); check takes the functions the "
                              "assignments ask for")
    candidates = {name: week for name, week in weeks.items()
                  if all(f in week.names for f in request.names)}
    if not candidates:
        raise ConfigError(f"{', '.join(request.names)} are graded in different weeks: check "
                          "one week at a time")
    defined = _defined(submission)
    counts = {name: sum(bool(defined & set(f.names)) for f in week.functions)
              for name, week in candidates.items()}
    best = max(counts.values())
    leaders = [name for name, count in counts.items() if count == best]
    what = ", ".join(request.names)
    if not request.names and best == 0:
        raise ConfigError("the cells this kernel ran define no graded function of any week: "
                          "run the cells that define your functions, then check again")
    if len(leaders) > 1:
        example = f"check({request.names[0]}, week=\"{leaders[0]}\")" if request.names else (
            f"check(week=\"{leaders[0]}\")")
        subject = f"{what} is graded in" if request.names else "your functions fit"
        raise ConfigError(f"{subject} {' and '.join(leaders)}, and the cells this kernel ran "
                          f"do not tell which week they are for: say it, e.g. {example}")
    return candidates[leaders[0]]


def _defined(submission: Submission) -> set[str]:
    return submission.defined | {name for unit in submission.units for name, _ in unit.broken}


def _chosen(request: Request, week: Week, submission: Submission) -> set[tuple[str, str]]:
    """The (part, function) pairs to grade."""
    defined = _defined(submission)
    names = request.names or tuple(dict.fromkeys(
        f.name for f in week.functions if defined & set(f.names)))
    parts = [p for p in week.parts if request.part in (None, p.name)]
    if not parts:
        raise ConfigError(f"{week.name} has no part {request.part!r}; its parts are "
                          f"{', '.join(p.name for p in week.parts)}")
    chosen = set()
    for name in names:
        if not defined & set(_aliases(week, name)):
            raise ConfigError(f"none of the cells this kernel ran defines {name} (check reads "
                              "the cells' source, not the function object): run the cell that "
                              "defines it, then check again")
        holding = [p for p in parts if name in p.names]
        if not holding:
            raise ConfigError(f"{name} is not graded in part {request.part!r} of {week.name}")
        part = _part_for(name, holding, defined, week) if len(holding) > 1 else holding[0]
        chosen.add((part.name, next(f.name for f in part.functions if name in f.names)))
    return chosen


def _aliases(week: Week, name: str) -> tuple[str, ...]:
    return tuple({alias for f in week.functions if name in f.names for alias in f.names})


def _part_for(name: str, parts: list[Part], defined: set[str], week: Week) -> Part:
    """Of the parts that grade `name`, the one whose own functions the kernel defines most."""
    def own(part: Part) -> frozenset[str]:
        return part.names - frozenset().union(*(p.names for p in week.parts if p is not part))

    counts = [len(own(part) & defined) for part in parts]
    leaders = [part for part, count in zip(parts, counts) if count == max(counts)]
    if len(leaders) > 1:
        raise ConfigError(f"{name} is graded in two parts of {week.name} "
                          f"({', '.join(p.name for p in leaders)}), and nothing else this "
                          f"kernel defines tells which: say it, e.g. check({name}, "
                          f"week=\"{week.name}\", part=\"{leaders[0].name}\")")
    return leaders[0]
