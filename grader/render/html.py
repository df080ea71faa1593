"""A self-contained HTML page: scores, each function's details, and the cost curves of training
functions as inline SVG. No script, no network: a Content-Security-Policy forbids both, so the
page can be opened from an e-mail or a CI artifact safely.

The markup is also well-formed XML, so that tests can parse it strictly.
"""

from __future__ import annotations

from html import escape

from grader.render.clean import printable
from grader.render.release_words import graded_as
from grader.render.svg_plot import cost_plot, not_finite
from grader.render.text import LABELS, MARKS, explanation, summary
from grader.results import FunctionResult, Report, Status, WeekReport

POLICY = "default-src 'none'; style-src 'unsafe-inline'"
STYLE = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2328;margin:0;
background:#f6f8fa}
main{max-width:960px;margin:0 auto;padding:24px}
section.week{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:20px;
margin-bottom:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:24px 0 8px}
.meta{color:#57606a;margin:0 0 12px}
.total{font-size:28px;font-weight:600}
.bar{height:10px;background:#eaeef2;border-radius:5px;overflow:hidden;margin:6px 0 16px}
.bar span{display:block;height:100%;background:#2da44e}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #eaeef2;vertical-align:top}
td.score,th.score{text-align:right;white-space:nowrap}
tr.part td{background:#f6f8fa;font-weight:600}
.mark{font-weight:700;text-align:center;width:1.5em}
.pass{color:#1a7f37}.fail{color:#cf222e}.error{color:#a40e26}
.missing,.not_implemented{color:#9a6700}
details{border:1px solid #d0d7de;border-radius:6px;margin:8px 0;padding:6px 10px}
summary{cursor:pointer;font-weight:600}
pre{background:#f6f8fa;padding:10px;border-radius:6px;overflow-x:auto;white-space:pre-wrap;
word-break:break-word;font-size:13px}
figure{margin:8px 0}figcaption{color:#57606a;font-size:13px}
footer{color:#57606a;font-size:13px;margin-top:16px}
"""
# The same look inside a notebook's output, where every rule must stay within the fragment.
FRAGMENT_STYLE = """
.grade-check{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2328}
.grade-check .meta,.grade-check footer{color:#57606a;font-size:12px;margin:4px 0}
.grade-check .total{font-weight:600}
.grade-check .mark{font-weight:700}
.grade-check .pass{color:#1a7f37}.grade-check .fail{color:#cf222e}
.grade-check .error{color:#a40e26}
.grade-check .missing,.grade-check .not_implemented{color:#9a6700}
.grade-check details{border:1px solid #d0d7de;border-radius:6px;margin:6px 0;padding:6px 10px}
.grade-check summary{cursor:pointer;font-weight:600}
.grade-check pre{background:#f6f8fa;padding:10px;border-radius:6px;white-space:pre-wrap;
word-break:break-word;font-size:13px;margin:6px 0}
.grade-check figcaption{color:#57606a;font-size:12px}
"""


def render(report: Report, *, colour: bool = False, unicode: bool = True) -> str:
    """The report as one HTML page."""
    title = " · ".join(f"{w.week} {w.score:g}/{w.max_score:g}" for w in report.weeks)
    sections = [_week(week) for week in report.weeks]
    if len(report.weeks) > 1:
        sections.append(f'<p class="total">All weeks: {report.score:g}/{report.max_score:g} '
                        f"({report.percent:.0f}%)</p>")
    return "\n".join([
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8"/>',
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}"/>',
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>',
        f"<title>{_e(title)} · grade</title>", f"<style>{STYLE}</style>", "</head>",
        "<body>", "<main>", *sections, "</main>", "</body>", "</html>", ""])


def _week(week: WeekReport) -> str:
    percent = 100.0 * week.score / week.max_score if week.max_score else 0.0
    lines = [f'<section class="week" id="{_e(week.week)}">', f"<h1>{_e(week.title)}</h1>",
             f'<p class="meta">Submission <code>{_e(week.submission)}</code> · '
             f"{_e(week.cases)} cases</p>",
             f'<div class="total">{week.score:g}/{week.max_score:g} ({percent:.0f}%)</div>',
             f'<div class="bar"><span style="width:{percent:.1f}%"></span></div>',
             *_table(week), "<h2>Functions</h2>"]
    lines += [function_block(week, f) for f in week.functions]
    lines += [_footer(week), "</section>"]
    return "\n".join(lines)


def _table(week: WeekReport) -> list[str]:
    rows = ['<table class="scores">', "<thead><tr><th></th><th>Function</th>"
            '<th class="score">Score</th><th>Result</th></tr></thead>', "<tbody>"]
    for part in week.parts:
        release = graded_as(part)
        rows.append(f'<tr class="part"><td></td><td>{_e(part.title)}</td>'
                    f'<td class="score">{part.score:g}/{part.max_score:g}</td>'
                    f'<td class="release">{_e(release or "")}</td></tr>')
        for f in part.functions:
            status = f.status.value
            result = summary(f) if f.status is not Status.PASS else (
                f"pass; note: {f.notes[0]}" if f.notes else "pass")
            rows.append(f'<tr><td class="mark {status}">{MARKS[f.status]}</td>'
                        f'<td><a href="#{_anchor(week, f)}"><code>{_e(f.name)}</code></a></td>'
                        f'<td class="score">{f.score:g}/{f.max_score:g}</td>'
                        f"<td>{_e(result[:200])}</td></tr>")
    rows += ["</tbody>", f'<tfoot><tr class="part"><td></td><td>Total</td><td class="score">'
             f"{week.score:g}/{week.max_score:g}</td><td></td></tr></tfoot>", "</table>"]
    return rows


def fragment(week: WeekReport) -> str:
    """The functions of a report as a piece of a page, for a notebook cell's output: each
    function's block (open), the titles, the total when several, and the footer."""
    lines = ['<div class="grade-check">', f"<style>{FRAGMENT_STYLE}</style>"]
    for part in week.parts:
        lines.append(f'<p class="meta">{_e(week.title)} · {_e(part.title)}</p>')
        lines += [function_block(week, f, opened=True) for f in part.functions]
    if len(week.functions) > 1:
        percent = 100.0 * week.score / week.max_score if week.max_score else 0.0
        lines.append(f'<p class="total">{week.score:g}/{week.max_score:g} ({percent:.0f}%)</p>')
    lines += [_footer(week), "</div>"]
    return "\n".join(lines)


def function_block(week: WeekReport, function: FunctionResult, *,
                   opened: bool | None = None) -> str:
    """One function's block: its verdict, then what went wrong (checks with their figures,
    hints, notes, warnings) and its cost curve. On a page (`opened` None) it is anchored, and
    open when it lost points or has a curve; in a fragment, `opened` decides."""
    status = function.status.value
    label = LABELS.get(function.status, "pass" if function.status is Status.PASS else "fail")
    anchor = f' id="{_anchor(week, function)}"' if opened is None else ""
    if opened is None:
        opened = function.status is not Status.PASS or function.costs is not None
    attributes = anchor + (' open="open"' if opened else "")
    lines = [f"<details{attributes}>",
             f'<summary><span class="mark {status}">{MARKS[function.status]}</span> '
             f"<code>{_e(function.name)}</code> {function.score:g}/{function.max_score:g} "
             f'<span class="{status}">{_e(label)}</span></summary>']
    if function.status is not Status.PASS or function.notes or function.warnings:
        body = "\n".join(explanation(function, located=True))
        lines.append(f"<pre>{_e(body)}</pre>")
    if function.costs is not None:
        lines.append(_costs(function))
    lines.append("</details>")
    return "\n".join(lines)


def _costs(function: FunctionResult) -> str:
    assert function.costs is not None
    yours, expected = function.costs
    plot = cost_plot(yours, expected, function.name)
    if not plot:
        return '<p class="meta">No cost was recorded.</p>'
    caption = ("Your cost (solid) against the reference's (dashed), on the case that records "
               "the most costs.")
    broken = not_finite(yours)
    if broken:
        caption += " " + broken
    return f"<figure>\n{plot}\n<figcaption>{_e(caption)}</figcaption>\n</figure>"


def _footer(week: WeekReport) -> str:
    items = []
    if week.problems:
        items.append("Problems in the submission (not loaded): " + "; ".join(week.problems))
    if week.skipped:
        items.append("Imports skipped: " + ", ".join(week.skipped))
    if week.unavailable:
        items.append("Not checked here (no references): " + "; ".join(week.unavailable))
    if week.limits is not None:
        items.append(f"Limits: {week.limits.seconds_per_call:g} s per call, "
                     f"{week.limits.memory_mib} MiB, {week.limits.output_kib} KiB of output")
    if week.protections:
        items.append("Sandbox: " + ", ".join(week.protections))
    return "<footer>" + "<br/>".join(_e(item) for item in items) + "</footer>"


def _anchor(week: WeekReport, function: FunctionResult) -> str:
    return _e(f"{week.week}-{function.name}")


def _e(text: str) -> str:
    """Text made safe as HTML (and XML) content or attribute value."""
    return escape(printable(text), quote=True)
