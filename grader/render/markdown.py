"""The Markdown report, for a pull-request comment or a GitHub step summary: a table of scores,
then a collapsed `<details>` block per function that lost points.

GitHub caps a comment at 65,536 characters: past `MAX_CHARS`, the last functions' details are
left out, and the report says so.
"""

from __future__ import annotations

import html

from grader.render.clean import clip, printable
from grader.render.release_words import graded_as
from grader.render.text import MARKS, explanation, summary
from grader.results import FunctionResult, Report, Status, WeekReport

MAX_CHARS = 60_000
DETAIL_CHARS = 6_000
DETAIL_LINES = 60


def render(report: Report, *, colour: bool = False, unicode: bool = True) -> str:
    """The report as GitHub-flavoured Markdown."""
    blocks = []
    for week in report.weeks:
        blocks.append(_table(week))
        blocks.extend(_details(week))
    if len(report.weeks) > 1:
        blocks.append(f"**All weeks: {report.score:g}/{report.max_score:g} "
                      f"({report.percent:.0f}%)**")
    return _fit(blocks) + "\n"


def _table(week: WeekReport) -> str:
    percent = 100.0 * week.score / week.max_score if week.max_score else 0.0
    lines = [f"### {cell(week.title)} — {week.score:g}/{week.max_score:g} ({percent:.0f}%)", "",
             f"Submission `{_code(week.submission)}`, {week.cases} cases.", "",
             *_releases(week),
             "| | Function | Score | Result |", "|:-:|:--|--:|:--|"]
    for part in week.parts:
        if len(week.parts) > 1:
            lines.append(f"| | **{cell(part.title)}** | **{part.score:g}/{part.max_score:g}** | |")
        for function in part.functions:
            lines.append(f"| {MARKS[function.status]} | `{function.name}` | "
                         f"{function.score:g}/{function.max_score:g} | "
                         f"{cell(_result(function))} |")
    lines.append(f"| | **Total** | **{week.score:g}/{week.max_score:g}** | |")
    if week.problems:
        lines += ["", "Problems in the submission (those parts were not loaded):", ""]
        lines += [f"- {cell(problem)}" for problem in week.problems]
    if week.unavailable:
        lines += ["", "Not checked here (graded from the public cases, without the references):",
                  ""]
        lines += [f"- {cell(what)}" for what in week.unavailable]
    return "\n".join(lines)


def _releases(week: WeekReport) -> list[str]:
    """A line per part naming the course release it was graded against."""
    lines = [f"- {cell(part.title)}: {cell(words)}" for part in week.parts
             if (words := graded_as(part)) is not None]
    return [*lines, ""] if lines else []


def _result(function: FunctionResult) -> str:
    if function.status is Status.PASS:
        return "note: see below" if function.notes else "pass"
    return clip(summary(function), 160)


def _details(week: WeekReport) -> list[str]:
    blocks = []
    for function in week.functions:
        if function.status is Status.PASS and not (function.notes or function.warnings):
            continue
        body = clip("\n".join(explanation(function, located=True)), DETAIL_CHARS,
                    lines=DETAIL_LINES)
        fence = "`" * max(3, _longest_backticks(body) + 1)
        blocks.append(
            f"<details><summary>{MARKS[function.status]} <code>{function.name}</code> "
            f"{function.score:g}/{function.max_score:g}</summary>\n\n"
            f"{fence}text\n{body}\n{fence}\n\n</details>")
    return blocks


def _fit(blocks: list[str]) -> str:
    """Join the blocks, leaving out the last details blocks when the whole is too long."""
    kept = list(blocks)
    dropped = 0
    while len("\n\n".join(kept)) > MAX_CHARS and any(b.startswith("<details>") for b in kept):
        last = max(i for i, b in enumerate(kept) if b.startswith("<details>"))
        del kept[last]
        dropped += 1
    if dropped:
        kept.append(f"*Details of {dropped} more function{'s' if dropped > 1 else ''} left out "
                    "to keep this short: see the full report.*")
    return "\n\n".join(kept)


def cell(text: str) -> str:
    """`text` made safe inside a table cell or a heading: one line, no markup, no HTML."""
    text = html.escape(printable(text).replace("\n", " "), quote=False)
    for special in "\\|*_[]`#<>~":
        text = text.replace(special, "\\" + special)
    return text


def _code(text: str) -> str:
    return printable(text).replace("`", "'").replace("\n", " ")


def _longest_backticks(text: str) -> int:
    longest = run = 0
    for char in text:
        run = run + 1 if char == "`" else 0
        longest = max(longest, run)
    return longest
