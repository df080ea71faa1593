"""Make any text safe to show: control characters made visible, long text cut.

A report carries text the learner's code produced (printed output, exception messages). It can
hold terminal escape sequences, NUL bytes, lone surrogates: each format must show them, not
obey them, and XML refuses most of them outright.
"""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls, surrogates, and the two non-characters XML
# forbids. Carriage returns go too: a lone "\r" rewrites a terminal line, and "\r\n" becomes "\n".
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def printable(text: str) -> str:
    """`text` with every unsafe character written as a visible escape (`\\x1b`, `\\ud800`)."""
    return _UNSAFE.sub(_escape, text.replace("\r\n", "\n"))


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clip(text: str, limit: int, *, lines: int | None = None) -> str:
    """`text` cut to `limit` characters (and `lines` lines), saying how much was left out."""
    if lines is not None:
        rows = text.splitlines()
        if len(rows) > lines:
            left = len(rows) - lines
            text = "\n".join(rows[:lines]) + f"\n… {left} more line{'s' if left > 1 else ''}"
    if len(text) > limit:
        text = text[:limit] + f"… ({len(text) - limit:,} more characters)"
    return text
