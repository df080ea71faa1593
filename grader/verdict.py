"""Turn the calls of one function into its result: checks, hint, warnings, notes, score.

Checks come in a fixed order and the first failing level wins: `runs` (no exception, crash or
timeout), then `structure`, `type`, `shape`, `values` over every case, then one `gradient …`
check per gradient for backward functions. A hint names the catalogued mistake whose outputs
the learner's match on every case; failing that, the generic diagnosis (grader.diagnosis) says
how the outputs relate to the expected ones, when a relation holds on every case.
"""

from __future__ import annotations

import dataclasses
import re
import textwrap
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np

from grader import gradcheck, properties, unfinished
from grader.answers import Answers, Expected
from grader.compare import compare, describe
from grader.results import (
    CheckResult,
    CheckStatus,
    FunctionResult,
    Level,
    Mismatch,
    SourceLocation,
    Status,
)
from grader.sandbox import CallOutcome
from grader.spec import Case, GradedFunction, GradientCheck, Part
from grader.submission import FunctionSource

LEVELS = (Level.STRUCTURE, Level.TYPE, Level.SHAPE, Level.VALUES)


@dataclass(frozen=True)
class Record:
    """One case: what the learner's function gave, and what the reference gave."""

    case: Case
    outcome: CallOutcome
    expected: Expected
    function: GradedFunction
    own_helpers: tuple[str, ...] = field(default=())
    unproven: tuple[str, ...] = field(default=())  # of own_helpers, those not known to pass

    @cached_property
    def mismatch(self) -> Mismatch | None:
        if not self.outcome.ok or self.expected.error is not None:
            return None
        f = self.function
        return compare(self.outcome.value, self.expected.value, name=f.output, names=f.outputs,
                       tolerance=f.tolerance, strict_types=f.strict_types)

    @property
    def passed(self) -> bool:
        return self.outcome.ok and self.mismatch is None


def all_pass(records: list[Record]) -> bool:
    return all(r.passed for r in records)


@dataclass(frozen=True)
class Evidence:
    """Everything the calls of one function produced: its records, the same cases run with the
    learner's own helpers, and numerical gradients through the learner's own forward pass."""

    records: list[Record]
    own_helpers: list[Record] | None = None
    own_gradients: tuple[Record, CallOutcome] | None = None


# --- results without a call --------------------------------------------------------------------


def _result(function: GradedFunction, part: Part, status: Status,
            checks: tuple[CheckResult, ...], found: FunctionSource | None = None,
            **extra: Any) -> FunctionResult:
    score = function.points if status is Status.PASS else 0.0
    location = None
    if found is not None:
        location = SourceLocation(str(found.file), found.line, found.cell)
    return FunctionResult(function.name, part.name, status, score, function.points, checks,
                          location=location, **extra)


def absent(function: GradedFunction, part: Part, broken: str | None) -> FunctionResult:
    if broken:
        check = CheckResult("runs", CheckStatus.ERROR, f"your definition does not load: {broken}")
        return _result(function, part, Status.ERROR, (check,))
    names = " or ".join(function.names)
    check = CheckResult("defined", CheckStatus.FAIL, f"no function named {names} was found")
    return _result(function, part, Status.MISSING, (check,))


def stub(function: GradedFunction, part: Part, found: FunctionSource,
         seconds: float = 0.0) -> FunctionResult:
    message = "not implemented yet: write your code between the markers"
    return _result(function, part, Status.NOT_IMPLEMENTED,
                   (CheckResult("implemented", CheckStatus.FAIL, message),), found,
                   seconds=seconds)


def crashed_on_load(function: GradedFunction, part: Part, found: FunctionSource,
                    crash: str) -> FunctionResult:
    return _result(function, part, Status.ERROR,
                   (CheckResult("runs", CheckStatus.ERROR, crash),), found)


# --- judging the calls -------------------------------------------------------------------------


def judge(function: GradedFunction, part: Part, found: FunctionSource, evidence: Evidence,
          answers: Answers, seconds: float) -> FunctionResult:
    """The result of one function from the evidence of its calls."""
    records = evidence.records
    signature = answers.parameters
    checks = _run_check(records, signature)
    if checks[-1].status is CheckStatus.PASS:
        checks += _level_checks(records, signature)
        checks += _gradient_checks(function, records, answers)
    status = _status(checks, records)
    if found.stub and status is not Status.PASS and (
            found.outline.digest == answers.template() or unfinished.did_nothing(records)):
        return stub(function, part, found, seconds)  # it ran, and did nothing of its own
    hint = None
    if status in (Status.FAIL, Status.ERROR):
        hint = _hint(function, records, answers, found)
    if hint is not None:
        first_bad = next(i for i, c in enumerate(checks) if c.status is not CheckStatus.PASS)
        checks = (*checks[:first_bad], _with_hint(checks[first_bad], *hint),
                  *checks[first_bad + 1:])
    notes = _own_helper_notes(evidence.own_helpers) if evidence.own_helpers else ()
    if evidence.own_gradients is not None and function.gradient is not None:
        notes += _own_gradient_notes(function.gradient, *evidence.own_gradients)
    output, printed = _output(records)
    warnings = _warnings(records, printed, len(output)) + _habits(function, found)
    return _result(function, part, status, checks, found, warnings=warnings, notes=notes,
                   output=output, seconds=seconds, costs=_costs(function, records))


def _with_hint(check: CheckResult, hint: str, basis: tuple[str, ...]) -> CheckResult:
    return dataclasses.replace(check, hint=hint, hint_basis=basis)


def _hint(function: GradedFunction, records: list[Record], answers: Answers,
          found: FunctionSource) -> tuple[str, tuple[str, ...]] | None:
    """The hint of the catalogued mistake the outputs match, else the generic diagnosis's;
    with what it rests on (`mistake:<name>`, or the diagnosis's claims)."""
    known = diagnose(function, records, answers, found)
    if known is not None:
        name = next(m.name for m in function.mistakes if m.hint == known)
        return known, (f"mistake:{name}",)
    from grader import diagnosis  # loaded only when a wrong answer has no catalogued hint

    generic = diagnosis.explain(function, records, answers)
    return None if generic is None else (generic.text, generic.basis)


def _status(checks: tuple[CheckResult, ...], records: list[Record]) -> Status:
    for record in records:
        error = record.outcome.error
        if error is not None and error.type == "NotImplementedError":
            return Status.NOT_IMPLEMENTED
    if any(c.status is CheckStatus.ERROR for c in checks):
        return Status.ERROR
    if any(c.status is CheckStatus.FAIL for c in checks):
        return Status.FAIL
    return Status.PASS


def _run_check(records: list[Record], signature: list[str]) -> tuple[CheckResult, ...]:
    for record in records:
        outcome = record.outcome
        if outcome.ok:
            continue
        where = case_text(record.case, signature)
        if outcome.crash is not None:
            return (CheckResult("runs", CheckStatus.ERROR, outcome.crash, case=where),)
        assert outcome.error is not None
        error = outcome.error
        message = f"raised {error.type}: {error.message}" if error.message else f"raised {error.type}"
        if error.type == "NotImplementedError":
            message = "not implemented yet: it raises NotImplementedError"
        elif error.type == "MemoryError":
            message = f"{error.message} (MemoryError)"
        elif error.type in ("SystemExit", "KeyboardInterrupt"):
            message = f"raised {error.type} ({'sys.exit()' if error.type == 'SystemExit' else 'an interrupt'}), which ends a program; a graded function must return"
        return (CheckResult("runs", CheckStatus.ERROR, message, case=where,
                            detail=_traceback_text(error)),)
    return (CheckResult("runs", CheckStatus.PASS),)


def _traceback_text(error: Any) -> str | None:
    if not error.traceback:
        return None
    lines = []
    for frame in error.traceback:
        lines.append(f'File "{frame.file}", line {frame.line}, in {frame.function}')
        if frame.text:
            lines.append(f"    {frame.text}")
    return "\n".join(lines)


def _level_checks(records: list[Record], signature: list[str]) -> tuple[CheckResult, ...]:
    failing = [(LEVELS.index(r.mismatch.level), r) for r in records if r.mismatch is not None]
    lowest = min((index for index, _ in failing), default=len(LEVELS))
    checks = []
    for index, level in enumerate(LEVELS):
        if index < lowest:
            checks.append(CheckResult(level.value, CheckStatus.PASS))
            continue
        record = next(r for i, r in failing if i == index)
        assert record.mismatch is not None
        others = sum(1 for i, _ in failing if i == index) - 1
        message = record.mismatch.summary
        if others:
            message += f" (and in {others} more case{'s' if others > 1 else ''})"
        checks.append(CheckResult(level.value, CheckStatus.FAIL, message,
                                  case=case_text(record.case, signature),
                                  mismatch=record.mismatch))
        break
    return tuple(checks)


def _gradient_checks(function: GradedFunction, records: list[Record],
                     answers: Answers) -> tuple[CheckResult, ...]:
    spec = function.gradient
    if spec is None:
        return ()
    index, record = next(((i, r) for i, r in enumerate(records) if r.case.gradient
                          and r.outcome.ok and (r.mismatch is None
                                                or r.mismatch.level is Level.VALUES)),
                         (-1, None))
    numeric = None if record is None else answers.gradients(index, record.case)
    if record is None or numeric is None:
        return ()
    analytic = spec.analytic(record.outcome.value)
    checks = []
    for name, expected in numeric.items():
        difference = gradcheck.relative_difference(np.asarray(analytic[name], dtype=float),
                                                   expected)
        ok = difference < gradcheck.THRESHOLD
        checks.append(CheckResult(
            f"gradient {name}", CheckStatus.PASS if ok else CheckStatus.FAIL,
            f"relative difference {difference:.1e}: your {name} {gradcheck.meaning(difference)}",
            case=f"case '{record.case.label}'", measure=difference))
    return tuple(checks)


# --- hints, notes, warnings ----------------------------------------------------------------------


def diagnose(function: GradedFunction, records: list[Record], answers: Answers,
             found: FunctionSource | None = None) -> str | None:
    """The hint of the first catalogued mistake whose outputs match the learner's on every
    case, or, for a mistake known by its code (`Mistake.evidence`), whose code is in the
    learner's function body."""
    body = _body(found) if found is not None else ""
    for mistake in function.mistakes:
        if mistake.evidence is not None:
            if re.search(mistake.evidence, body):
                return mistake.hint
            continue
        # a crash never matches: skip running the mistake (a training loop can be slow)
        if any(r.outcome.crash is not None for r in records):
            continue
        mistaken = [answers.mistaken(mistake, i, r.case) for i, r in enumerate(records)]
        if all(m is not None and _agrees(r, m, function) for r, m in zip(records, mistaken)):
            return mistake.hint
    return None


def _body(found: FunctionSource) -> str:
    """A function's source without its `def` line(s) (the defaults there are not evidence),
    where its outline says the body starts."""
    return "\n".join(textwrap.dedent(found.source).splitlines()[found.outline.body:])


def _agrees(record: Record, mistaken: Expected, function: GradedFunction) -> bool:
    outcome = record.outcome
    if outcome.crash is not None:
        return False
    if outcome.error is not None:
        return mistaken.error == (outcome.error.type, outcome.error.message)
    if mistaken.error is not None:
        return False
    return compare(outcome.value, mistaken.value, name=function.output, names=function.outputs,
                   tolerance=function.tolerance) is None


def _own_helper_notes(records: list[Record]) -> tuple[str, ...]:
    for record in records:
        if record.passed:
            continue
        helpers = ", ".join(record.own_helpers)
        if record.outcome.ok and record.mismatch is not None:
            problem = record.mismatch.summary
        else:
            problem = record.outcome.crash or (
                f"{record.outcome.error.type}: {record.outcome.error.message}"
                if record.outcome.error else "it fails")
        suspects = ", ".join(record.unproven)  # never empty: see _Runner.own_helpers
        return (f"correct with the reference {helpers}, but with your own {helpers} it fails "
                f"on case '{record.case.label}': {problem}. Fix {suspects} first.",)
    return ()


def _costs(function: GradedFunction, records: list[Record]
           ) -> tuple[tuple[float, ...], tuple[float, ...]] | None:
    """The learner's and the reference's cost histories on the case where the reference records
    the most costs (the first such case), when both exist: a curve, not a dot."""
    if function.costs is None:
        return None
    found: list[tuple[tuple[float, ...], tuple[float, ...]]] = []
    for record in records:
        if not record.outcome.ok or record.expected.error is not None:
            continue
        try:
            found.append((tuple(float(c) for c in function.costs(record.outcome.value)),
                          tuple(float(c) for c in function.costs(record.expected.value))))
        except (TypeError, ValueError, KeyError, IndexError, AttributeError):
            continue
    return max(found, key=lambda pair: len(pair[1]), default=None)


def _own_gradient_notes(spec: GradientCheck, record: Record,
                        outcome: CallOutcome) -> tuple[str, ...]:
    """Whether the learner's gradients agree with their own forward functions."""
    through = " and ".join(spec.through)
    if not outcome.ok:
        if outcome.error is not None and outcome.error.type == "NameError":
            return ()  # the forward functions are not theirs to compare with
        error = outcome.error
        problem = outcome.crash or (f"{error.type}: {error.message}" if error else "no answer")
        return (f"could not compare your gradients with your own {through}: {problem}",)
    try:
        analytic = spec.analytic(record.outcome.value)
        differences = {name: gradcheck.relative_difference(
            np.asarray(analytic[name], dtype=float), np.asarray(value, dtype=float))
            for name, value in outcome.value.items()}
    except (TypeError, ValueError, KeyError, AttributeError):
        return ()
    wrong = [name for name, d in differences.items() if not d < gradcheck.THRESHOLD]
    if not wrong:
        return (f"your gradients agree with your own {through} (largest relative difference "
                f"{max(differences.values(), default=0.0):.1e}): if they are still wrong, the "
                f"mistake is in how you compute the forward pass, or in dAL",)
    worst = max(differences[name] for name in wrong)
    return (f"your {', '.join(wrong)} do not agree with your own {through} (relative "
            f"difference up to {worst:.1e}): the backward computation itself has a mistake",)


def _habits(function: GradedFunction, found: FunctionSource) -> tuple[str, ...]:
    return properties.warnings(found.habits, vectorised=function.vectorised,
                               math_allowed=function.math_allowed)


def _output(records: list[Record]) -> tuple[str, int]:
    kept = [r for r in records if not r.case.exercise]  # printing there was asked for
    return "".join(r.outcome.output for r in kept), sum(r.outcome.printed for r in kept)


def _warnings(records: list[Record], printed: int, kept: int) -> tuple[str, ...]:
    warnings: list[str] = []
    for name in dict.fromkeys(m for r in records for m in r.outcome.mutated):
        warnings.append(f"modifies its input {name} in place: the caller's data changes too; "
                        "work on a copy (e.g. copy.deepcopy) instead")
    if printed > kept:
        warnings.append(f"printed {printed:,} characters; the report keeps the first {kept:,}")
    return tuple(warnings)


# --- words ---------------------------------------------------------------------------------------


def case_text(case: Case, signature: list[str]) -> str:
    """The case's label and the shapes of its inputs: "case 'm = 1' (A (3, 1), W (2, 3))"."""
    names = signature + [f"argument {i + 1}" for i in range(len(signature), len(case.args))]
    parts = [f"{name} {_brief(value)}" for name, value in zip(names, case.args)]
    keywords = {name: _brief(value) for name, value in case.kwargs.items()}
    keywords.update({name: f"= {value!r}" for name, value in case.exercise.items()})
    parts += [f"{name} {words}" for name, words in keywords.items()]
    return f"case '{case.label}' ({', '.join(parts)})"


def _brief(value: Any) -> str:
    if isinstance(value, np.ndarray):
        return str(value.shape)
    if isinstance(value, (int, float, str)) and not isinstance(value, bool):
        return f"= {value!r}"
    return f"({describe(value)})"
