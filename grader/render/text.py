"""The terminal report: one line per function, failures expanded below it, a total per part
and per week.

      Deep neural network, step by step
      ✓ layer_forward                       10/10
      ✗ layer_backward                       0/10
          values   dW: 12 / 15 values differ (80%)
                   case 'several examples' (dZ (3, 5), cache (a tuple of 3 values))
                   largest difference 0.31 (relative 4), tolerance rtol=1e-05 atol=1e-08
                   [0, 1]: yours=0.1234, expected=0.0309
          hint     dW and db: each is m times too large: did you forget to divide by m?
        Deep neural network, step by step: 10/20
      week4 total: 10/20 (50%)

Colour is the caller's choice (the CLI asks for it on a terminal only, never under NO_COLOR);
text from the learner's code is shown with its control characters made visible.
"""

from __future__ import annotations

from grader.render.clean import clip, printable
from grader.render.release_words import graded_as
from grader.results import (CheckResult, CheckStatus, FunctionResult, Mismatch, Report, Status,
                            WeekReport)

MARKS = {Status.PASS: "✓", Status.FAIL: "✗", Status.ERROR: "!", Status.NOT_IMPLEMENTED: "·",
         Status.MISSING: "?"}
ASCII_MARKS = {Status.PASS: "+", Status.FAIL: "x", Status.ERROR: "!",
               Status.NOT_IMPLEMENTED: ".", Status.MISSING: "?"}
COLOURS = {Status.PASS: "32", Status.FAIL: "31", Status.ERROR: "31;1",
           Status.NOT_IMPLEMENTED: "33", Status.MISSING: "33"}
LABELS = {Status.ERROR: "error", Status.NOT_IMPLEMENTED: "not implemented",
          Status.MISSING: "missing"}
INDENT = " " * 6
MAX_OUTPUT_LINES = 8
MAX_OUTPUT_CHARS = 1_000


class _Style:
    def __init__(self, colour: bool, unicode: bool) -> None:
        self.colour, self.unicode = colour, unicode
        self.marks = MARKS if unicode else ASCII_MARKS

    def paint(self, text: str, code: str) -> str:
        return f"\033[{code}m{text}\033[0m" if self.colour else text


def render(report: Report, *, colour: bool = False, unicode: bool = True) -> str:
    """The report for a person at a terminal."""
    style = _Style(colour, unicode)
    blocks = [_week(week, style) for week in report.weeks]
    if len(report.weeks) > 1:
        blocks.append(style.paint(
            f"All weeks: {_points(report.score)}/{_points(report.max_score)} "
            f"({report.percent:.0f}%)", "1"))
    return "\n\n".join(blocks) + "\n"


def _week(week: WeekReport, style: _Style) -> str:
    lines = [style.paint(f"{week.title}", "1") + f"  ({printable(week.submission)})"]
    for part in week.parts:
        release = f"  (release {part.release.name})" if part.release else ""
        lines.append(f"  {part.title}{release}")
        if part.release is not None and not part.release.current:
            lines.append(f"    {graded_as(part)}")
        for function in part.functions:
            lines.extend(_function(function, style))
        lines.append(f"    {part.title}: {_points(part.score)}/{_points(part.max_score)}")
    percent = 100.0 * week.score / week.max_score if week.max_score else 0.0
    lines.append(style.paint(f"{week.week} total: {_points(week.score)}/"
                             f"{_points(week.max_score)} ({percent:.0f}%)", "1"))
    lines.extend(printable(line) for line in _footer(week))
    return "\n".join(lines)


def _function(function: FunctionResult, style: _Style) -> list[str]:
    mark = style.paint(style.marks[function.status], COLOURS[function.status])
    label = LABELS.get(function.status, "")
    if _brief(function):  # one line says it all: "not implemented yet: write your code …"
        label = printable(function.checks[0].message)
    score = f"{_points(function.score)}/{_points(function.max_score)}"
    lines = [f"  {mark} {function.name:<34} {score:>7}  {label}".rstrip()]
    lines.extend(INDENT + line for line in details(function, unicode=style.unicode))
    return lines


def _brief(function: FunctionResult) -> bool:
    return function.status in (Status.MISSING, Status.NOT_IMPLEMENTED) and bool(function.checks)


def details(function: FunctionResult, *, unicode: bool = True) -> list[str]:
    """What a function's headline leaves out, a line each: failed checks with their case,
    figures and hint, gradient checks, warnings, notes, printed output (control characters
    made visible; no colour)."""
    marks = MARKS if unicode else ASCII_MARKS
    checks = function.checks if not _brief(function) else ()
    gradients = [c for c in checks if c.measure is not None]
    lines = []
    for check in checks:
        if check.status is not CheckStatus.PASS and check.measure is None:
            lines.extend(_check(check))
    if any(c.status is not CheckStatus.PASS for c in gradients):
        lines.extend(_gradients(gradients, marks))
    for warning in function.warnings:
        lines.append(f"warning  {warning}")
    for note in function.notes:
        lines.append(f"note     {note}")
    if function.output and function.status is not Status.PASS:
        shown = clip(function.output, MAX_OUTPUT_CHARS, lines=MAX_OUTPUT_LINES).splitlines()
        lines.append("printed  " + (shown[0] if shown else ""))
        lines.extend(f"         {line}" for line in shown[1:])
    # a message may hold newlines (a learner's exception text): keep them inside its block
    return [printable(row if i == 0 else " " * 9 + row)
            for line in lines for i, row in enumerate(line.split("\n"))]


def explanation(function: FunctionResult, *, located: bool = False) -> list[str]:
    """Everything a reader needs on a function that lost points, without its headline; first
    where it is defined, when `located` and known."""
    lines = details(function)
    if _brief(function) or not lines:
        lines = [summary(function) or function.status.value, *lines]
    where = location_text(function) if located else ""
    return [where, *lines] if where else lines


def location_text(function: FunctionResult) -> str:
    """Where the learner wrote the function: "defined in FILE, cell N, line L" ("" if unknown)."""
    location = function.location
    if location is None:
        return ""
    cell = f"cell {location.cell}, " if location.cell is not None else ""
    return printable(f"defined in {location.file}, {cell}line {location.line}")


def summary(function: FunctionResult) -> str:
    """The one-line reason a function lost its points ("" when it passed)."""
    failed = next((c for c in function.checks if c.status is not CheckStatus.PASS), None)
    if failed is None:
        return ""
    return printable(failed.message).replace("\n", " ")


def _check(check: CheckResult) -> list[str]:
    lines = [f"{check.name:<8} {check.message}"]
    pad = " " * 9
    if check.case:
        lines.append(f"{pad}{check.case}")
    if check.mismatch is not None:
        lines.extend(pad + line for line in mismatch_lines(check.mismatch))
    if check.detail:
        lines.extend(pad + line for line in check.detail.splitlines())
    if check.hint:
        lines.append(f"{'hint':<8} {check.hint}")
    return lines


def _gradients(checks: list[CheckResult], marks: dict[Status, str]) -> list[str]:
    """The gradient checks as one small table: name, relative difference, verdict."""
    from grader.gradcheck import THRESHOLD

    lines = [f"{'gradient':<8} numerical check on {checks[0].case} "
             f"(relative difference; below {THRESHOLD:g} passes)"]
    cells = []
    for check in checks:
        ok = check.status is CheckStatus.PASS
        mark = marks[Status.PASS if ok else Status.FAIL]
        cells.append(f"{check.name.removeprefix('gradient '):<4} {check.measure:.1e} {mark}")
    for start in range(0, len(cells), 3):
        lines.append(" " * 9 + "   ".join(cells[start:start + 3]))
    return lines


def mismatch_lines(mismatch: Mismatch) -> list[str]:
    """The figures of a value mismatch, a line each."""
    if mismatch.total <= 1 and not mismatch.positions:
        return []
    lines = []
    if mismatch.total > 1:
        tolerance = ""
        if mismatch.rtol is not None:
            tolerance = f", tolerance rtol={mismatch.rtol:g} atol={mismatch.atol:g}"
        lines.append(f"largest difference {mismatch.max_abs:.3g} "
                     f"(relative {mismatch.max_rel:.3g}){tolerance}")
        for position in mismatch.positions:
            index = ", ".join(str(i) for i in position.index)
            lines.append(f"[{index}]: yours={position.yours}, expected={position.expected}")
    elif mismatch.rtol is not None:
        lines.append(f"tolerance rtol={mismatch.rtol:g} atol={mismatch.atol:g}")
    return lines


def _footer(week: WeekReport) -> list[str]:
    lines = []
    if week.problems:
        lines.append("Problems in the submission (those parts were not loaded):")
        lines.extend(f"  {problem}" for problem in week.problems)
    if week.skipped:
        lines.append("Imports not run for grading:")
        lines.extend(f"  {skipped}" for skipped in week.skipped)
    if week.unavailable:
        lines.append("Not checked here (graded from the public cases, without the references):")
        lines.extend(f"  {what}" for what in week.unavailable)
    details = [f"{week.cases} cases"]
    if week.limits is not None:
        details.append(f"limits: {week.limits.seconds_per_call:g} s per call, "
                       f"{week.limits.memory_mib} MiB, {week.limits.output_kib} KiB of output")
    if week.protections:
        details.append("sandbox: " + ", ".join(week.protections))
    lines.append(" · ".join(details))
    return lines


def _points(value: float) -> str:
    return f"{value:g}"
