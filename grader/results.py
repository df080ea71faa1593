"""What a grading produces: immutable results, from one check up to a whole report.

    Report ─► WeekReport ─► PartReport ─► FunctionResult ─► CheckResult ─► Mismatch

Renderers turn these into text, JSON and the rest; nothing here knows how it is printed.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Status(str, enum.Enum):
    """The verdict on one graded function."""

    PASS = "pass"
    FAIL = "fail"
    ERROR = "error"
    MISSING = "missing"
    NOT_IMPLEMENTED = "not_implemented"


class CheckStatus(str, enum.Enum):
    """The verdict on one check of a function."""

    PASS = "pass"
    FAIL = "fail"
    ERROR = "error"


class Level(str, enum.Enum):
    """Comparison levels, in the order they are checked: the first failing one is reported."""

    STRUCTURE = "structure"
    TYPE = "type"
    SHAPE = "shape"
    VALUES = "values"


@dataclass(frozen=True)
class Position:
    """One differing element of an array: where, what the learner gave, what was expected."""

    index: tuple[int, ...]
    yours: str
    expected: str


@dataclass(frozen=True)
class Mismatch:
    """The figures of a failed comparison, computed by the grader itself."""

    level: Level
    path: str
    summary: str
    yours: str = ""
    expected: str = ""
    differing: int = 0
    total: int = 0
    max_abs: float = 0.0
    max_rel: float = 0.0
    positions: tuple[Position, ...] = ()
    rtol: float | None = None
    atol: float | None = None


@dataclass(frozen=True)
class CheckResult:
    """One check of one function, across all of its cases."""

    name: str
    status: CheckStatus
    message: str = ""
    hint: str | None = None
    case: str | None = None
    mismatch: Mismatch | None = None
    detail: str | None = None
    measure: float | None = None  # a gradient check's relative difference
    hint_basis: tuple[str, ...] = ()  # what the hint rests on: a catalogued mistake, or claims


@dataclass(frozen=True)
class SourceLocation:
    """Where a function is defined, in the learner's own file (and notebook cell)."""

    file: str
    line: int
    cell: int | None = None


@dataclass(frozen=True)
class FunctionResult:
    """The grading of one graded function."""

    name: str
    part: str
    status: Status
    score: float
    max_score: float
    checks: tuple[CheckResult, ...] = ()
    warnings: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    output: str = ""
    location: SourceLocation | None = None
    seconds: float = 0.0
    costs: tuple[tuple[float, ...], tuple[float, ...]] | None = None


@dataclass(frozen=True)
class CourseRelease:
    """The release of the course's notebook a part was graded against, the signs that
    recognised it (imports, markers, file name, …), and whether it is the current one."""

    name: str
    title: str
    evidence: tuple[str, ...] = ()
    current: bool = True


@dataclass(frozen=True)
class PartReport:
    """One assignment of a week (a week can hold two)."""

    name: str
    title: str
    functions: tuple[FunctionResult, ...]
    release: CourseRelease | None = None

    @property
    def score(self) -> float:
        return sum(f.score for f in self.functions)

    @property
    def max_score(self) -> float:
        return sum(f.max_score for f in self.functions)


@dataclass(frozen=True)
class Limits:
    """The sandbox limits a grading ran under; printed in every report."""

    seconds_per_call: float
    memory_mib: int
    output_kib: int


@dataclass(frozen=True)
class WeekReport:
    """The grading of one submission against one week."""

    week: str
    title: str
    submission: str
    parts: tuple[PartReport, ...]
    cases: str = "public"
    limits: Limits | None = None
    skipped: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()
    protections: tuple[str, ...] = ()
    seconds: float = 0.0
    unavailable: tuple[str, ...] = ()

    @property
    def functions(self) -> tuple[FunctionResult, ...]:
        return tuple(f for part in self.parts for f in part.functions)

    @property
    def score(self) -> float:
        return sum(part.score for part in self.parts)

    @property
    def max_score(self) -> float:
        return sum(part.max_score for part in self.parts)


@dataclass(frozen=True)
class Report:
    """Everything one run of the grader produced: one or more weeks."""

    weeks: tuple[WeekReport, ...] = field(default_factory=tuple)

    @property
    def score(self) -> float:
        return sum(w.score for w in self.weeks)

    @property
    def max_score(self) -> float:
        return sum(w.max_score for w in self.weeks)

    @property
    def percent(self) -> float:
        return 100.0 * self.score / self.max_score if self.max_score else 0.0
