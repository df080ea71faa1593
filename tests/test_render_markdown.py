"""The Markdown report: a table of scores, a collapsed block per function that lost points."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from grader.render import markdown, render
from grader.results import Report, Status

from sample_reports import STATUSES, sample_report, sample_week


def _outside_code(text: str) -> str:
    """The text with fenced code blocks removed (a fence closes with at least as many ticks)."""
    kept, fence = [], ""
    for line in text.splitlines():
        match = re.match(r"^(`{3,})", line)
        if fence:
            if match and len(match.group(1)) >= len(fence) and line.strip("`") == "":
                fence = ""
            continue
        if match:
            fence = match.group(1)
            continue
        kept.append(line)
    assert not fence, "a code block is never closed"
    return "\n".join(kept)


def _cells(row: str) -> list[str]:
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", row)[1:-1]]


def test_the_table_has_a_row_per_function_and_the_totals(tmp_path: Path) -> None:
    text = render(sample_report(tmp_path), "markdown")
    rows = [_cells(line) for line in text.splitlines() if line.startswith("|")]
    assert all(len(row) == 4 for row in rows)  # no cell content split the table
    by_name = {row[1].strip("`"): row for row in rows if row[1].startswith("`")}
    assert list(by_name) == list(STATUSES)
    assert by_name["linear_backward"][2] == "0/10"
    assert by_name["linear_backward"][3].startswith("dW: 2 / 6 values differ")
    assert by_name["L_model_backward"][3].startswith("raised ValueError: &lt;db&gt; &amp;")
    assert ["", "**Deep neural network, application**", "**10/20**", ""] in rows
    assert ["", "**Total**", "**20/80**", ""] in rows


def test_a_collapsed_block_per_function_that_lost_points(tmp_path: Path) -> None:
    text = render(sample_report(tmp_path), "markdown")
    summaries = re.findall(r"<details><summary>(.) <code>(\w+)</code> (\S+)</summary>", text)
    lost = [name for name, status in STATUSES.items() if status is not Status.PASS]
    assert [name for _, name, _ in summaries] == lost
    assert text.count("<details>") == text.count("</details>") == len(lost)
    assert "hint     dW is m times too large: divide by m." in text
    assert "defined in " in text and "cell 3, line 3" in text


def test_learner_text_stays_inside_its_code_block(tmp_path: Path) -> None:
    text = render(sample_report(tmp_path), "markdown")
    outside = _outside_code(text)
    assert "<script>" not in outside and "\x1b" not in text and "\x00" not in text
    assert "````" not in outside  # the learner's four backticks did not close the block
    assert "<script>alert(1)</script>" in text  # but it is shown, inside the block
    text.encode("utf-8")


def test_a_huge_report_is_cut_to_fit_a_comment(tmp_path: Path) -> None:
    week = sample_week(tmp_path)
    many = tuple(dataclasses.replace(f, name=f"{f.name}_{i}") for i in range(60)
                 for f in week.functions if f.status is not Status.PASS)
    parts = (dataclasses.replace(week.parts[0], functions=many),)
    text = render(Report((dataclasses.replace(week, parts=parts),)), "markdown")
    assert len(text) <= markdown.MAX_CHARS + 200
    assert re.search(r"Details of \d+ more functions left out", text)
    assert text.count("<details>") == text.count("</details>")
