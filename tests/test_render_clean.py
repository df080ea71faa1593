"""Text from learners' code made safe to show in any format."""

from __future__ import annotations

import pytest

from grader.render.clean import clip, printable


@pytest.mark.parametrize("raw,shown", [
    ("plain ✓ ünïcødé\ttab\nnewline", "plain ✓ ünïcødé\ttab\nnewline"),
    ("\x1b[2J", "\\x1b[2J"), ("a\x00b", "a\\x00b"), ("over\rwrite", "over\\x0dwrite"),
    ("windows\r\nline", "windows\nline"), ("\x7f\x85", "\\x7f\\x85"),
    ("lone \ud800", "lone \\ud800"), ("\ufffe\uffff", "\\ufffe\\uffff"),
])
def test_unsafe_characters_become_visible_escapes(raw: str, shown: str) -> None:
    assert printable(raw) == shown
    assert printable(printable(raw)) == shown  # safe to apply twice
    shown.encode("utf-8")


def test_clip_says_how_much_it_left_out() -> None:
    assert clip("short", 10) == "short"
    assert clip("x" * 25, 10) == "x" * 10 + "… (15 more characters)"
    assert clip("a\nb\nc\nd", 100, lines=2) == "a\nb\n… 2 more lines"
    assert clip("a\nb\nc", 100, lines=2) == "a\nb\n… 1 more line"
