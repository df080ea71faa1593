"""GitHub Actions workflow commands: an annotation on the line defining each function that lost
points, then one notice with the score.

    ::error file=week4/nb.ipynb,line=436,title=layer_backward 0/10 (fail)::shape   db is …
    ::notice title=week4 score::70/100 (70%)

Data escapes `%`, CR and LF; properties also `:` and `,` (GitHub's rules for workflow
commands). A notebook's function is annotated at its line in the `.ipynb` file itself. The CLI
appends the Markdown report to `$GITHUB_STEP_SUMMARY`; this module only makes text.
"""

from __future__ import annotations

import os
from pathlib import Path

from grader.render.clean import clip, printable
from grader.render.notebook_lines import notebook_line
from grader.render.text import explanation
from grader.results import FunctionResult, Report, SourceLocation, Status, WeekReport

MESSAGE_LINES = 20
MESSAGE_CHARS = 4000
LABELS = {Status.FAIL: "fail", Status.ERROR: "error", Status.MISSING: "missing",
          Status.NOT_IMPLEMENTED: "not implemented", Status.PASS: "pass"}


def render(report: Report, *, colour: bool = False, unicode: bool = True) -> str:
    """The report as workflow commands: errors first (GitHub shows the first few per kind)."""
    errors, notices = [], []
    for week in report.weeks:
        for function in week.functions:
            if function.status is not Status.PASS:
                errors.append(_annotation("error", week, function))
            elif function.notes or function.warnings:
                notices.append(_annotation("warning", week, function))
        percent = 100.0 * week.score / week.max_score if week.max_score else 0.0
        releases = ", ".join(f"{part.name} {part.release.name}" for part in week.parts
                             if part.release is not None)
        notices.append(command("notice", f"{week.week}: {week.score:g}/{week.max_score:g} "
                               f"({percent:.0f}%) for {week.submission}"
                               + (f" (graded as the releases: {releases})" if releases else ""),
                               title=f"{week.week} score"))
    return "".join(line + "\n" for line in errors + notices)


def _annotation(kind: str, week: WeekReport, function: FunctionResult) -> str:
    title = f"{function.name} {function.score:g}/{function.max_score:g} " \
            f"({LABELS[function.status]})"
    message = clip("\n".join(explanation(function)), MESSAGE_CHARS, lines=MESSAGE_LINES)
    if function.location is None:
        return command(kind, f"{message} (in {week.submission})", title=title)
    file, line, found = place(function.location)
    if not found:
        title += (f" (line not found in the file; it is line {function.location.line} of cell "
                  f"{function.location.cell})")
    return command(kind, message, file=file, line=str(line), title=title)


def place(location: SourceLocation) -> tuple[str, int, bool]:
    """The file to annotate (relative to the working folder when inside it), the line in that
    file, and whether that line was found (else line 1)."""
    path = Path(location.file)
    line: int | None = location.line
    if location.cell is not None:
        line = notebook_line(path, location.cell, location.line)
    if path.is_absolute():
        try:
            path = path.relative_to(Path(os.getcwd()))
        except ValueError:
            pass  # outside the working folder: the absolute path is all there is
    return path.as_posix(), line or 1, line is not None


def command(kind: str, message: str, **properties: str) -> str:
    """One workflow command, with its data and properties escaped."""
    fields = ",".join(f"{key}={_property(value)}" for key, value in properties.items())
    return f"::{kind}{' ' + fields if fields else ''}::{_data(message)}"


def _data(text: str) -> str:
    return printable(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
