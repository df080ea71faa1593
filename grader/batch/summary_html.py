"""The class summary as one self-contained HTML page: a table and an SVG bar chart of the share
of learners with full marks per function. No script, no external file."""

from __future__ import annotations

from html import escape

from grader.batch.summary import ClassSummary, counts

BAR_WIDTH = 360
ROW_HEIGHT = 26
LABEL_WIDTH = 230

_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem; color: #222; max-width: 60rem; }
table { border-collapse: collapse; margin-top: 1rem; }
th, td { text-align: left; padding: .3rem .8rem; border-bottom: 1px solid #ddd; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
dt { font-family: monospace; margin-top: .5rem; }
"""


def render_html(summary: ClassSummary) -> str:
    """The page."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{escape(summary.title)}: class summary</title>",
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>{escape(summary.title)}</h1>",
        f"<p>{escape(counts(summary))}</p>",
        "<h2>Learners with full marks, per function</h2>",
        chart(summary),
        _table(summary),
        _mistakes(summary),
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def chart(summary: ClassSummary) -> str:
    """A horizontal bar per function: the share of graded learners with full marks."""
    height = ROW_HEIGHT * len(summary.functions) + 10
    width = LABEL_WIDTH + BAR_WIDTH + 60
    rows = []
    for index, function in enumerate(summary.functions):
        y = 5 + index * ROW_HEIGHT
        length = round(BAR_WIDTH * function.share)
        rows.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 16}" text-anchor="end">'
            f"{escape(function.name)}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{BAR_WIDTH}" height="{ROW_HEIGHT - 8}" '
            'fill="#eee"/>'
            f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{length}" height="{ROW_HEIGHT - 8}" '
            f'fill="#3a7d44"><title>{function.full_marks} of {function.graded}</title></rect>'
            f'<text x="{LABEL_WIDTH + BAR_WIDTH + 6}" y="{y + 16}">{function.share:.0%}</text>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'role="img" aria-label="share of learners with full marks per function" '
            f'font-family="sans-serif" font-size="13">{"".join(rows)}</svg>')


def _table(summary: ClassSummary) -> str:
    lines = ["<table><thead><tr><th>function</th><th>full marks</th><th>learners</th>"
             "<th>most frequent diagnosed mistakes</th></tr></thead><tbody>"]
    for function in summary.functions:
        mistakes = ", ".join(f"{escape(m.name)} ×{m.learners}" for m in function.mistakes)
        lines.append(f"<tr><td>{escape(function.name)}</td>"
                     f'<td class="num">{function.share:.0%}</td>'
                     f'<td class="num">{function.full_marks}/{function.graded}</td>'
                     f"<td>{mistakes or '-'}</td></tr>")
    lines.append("</tbody></table>")
    return "\n".join(lines)


def _mistakes(summary: ClassSummary) -> str:
    named = [(f.name, m) for f in summary.functions for m in f.mistakes]
    if not named:
        return "<p>No catalogued mistake was diagnosed.</p>"
    items = "".join(f"<dt>{escape(function)} {escape(m.name)}</dt><dd>{escape(m.hint)}</dd>"
                    for function, m in named)
    return f"<h2>The mistakes</h2><dl>{items}</dl>"
