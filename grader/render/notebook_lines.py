"""Find where a line of a notebook cell sits in the notebook's own file (its JSON text).

A report locates a function in a notebook as (cell, line in the cell). Tools that point into
files, such as GitHub's annotations, need the line of the `.ipynb` file instead. The JSON is
walked just enough to find the offset of the right element of the cell's `source`; the rest
is skipped by the standard decoder.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

_SPACE = re.compile(r"[ \t\n\r]*")


def notebook_line(path: Path, cell: int, line: int) -> int | None:
    """The 1-based line of `path` that holds line `line` of cell number `cell` (both 1-based,
    cells counted among all cells); None when the file does not have it."""
    try:
        text = path.read_text(encoding="utf-8-sig")
        offset = _source_offset(text, cell, line)
    except (OSError, UnicodeDecodeError, ValueError, IndexError, RecursionError):
        return None
    return None if offset is None else text.count("\n", 0, offset) + 1


def _source_offset(text: str, cell: int, line: int) -> int | None:
    decoder = json.JSONDecoder()
    cells = _member(text, _skip(text, 0), "cells", decoder)
    if cells is None or cell < 1 or line < 1:
        return None
    place = next((offset for number, (offset, _) in enumerate(_items(text, cells, decoder), 1)
                  if number == cell), None)
    source = None if place is None else _member(text, place, "source", decoder)
    if source is None:
        return None
    if text[source] == '"':  # one JSON string sits on one line of the file
        return source
    pieces = [(offset, value) for offset, value in _items(text, source, decoder)
              if isinstance(value, str)]
    return _piece_holding(pieces, line)


def _piece_holding(pieces: list[tuple[int, str]], line: int) -> int | None:
    """The offset of the piece of a cell's source in which its line `line` begins."""
    starts, position = [], 0
    for _, piece in pieces:
        starts.append(position)
        position += len(piece)
    joined = "".join(piece for _, piece in pieces)
    rows = joined.splitlines(keepends=True)  # the same splitting the loader numbers lines by
    if line > len(rows):
        return None
    begins = sum(len(row) for row in rows[: line - 1])
    index = bisect.bisect_right(starts, begins) - 1
    return pieces[index][0] if index >= 0 else None


def _skip(text: str, position: int) -> int:
    match = _SPACE.match(text, position)
    return match.end() if match else position


def _member(text: str, position: int, key: str, decoder: json.JSONDecoder) -> int | None:
    """The offset of the value of `key` in the JSON object starting at `position`."""
    if text[position] != "{":
        return None
    position = _skip(text, position + 1)
    while text[position] != "}":
        name, position = decoder.raw_decode(text, position)
        position = _skip(text, position)
        if text[position] != ":":
            raise ValueError("not a JSON object")
        position = _skip(text, position + 1)
        if name == key:
            return position
        _, position = decoder.raw_decode(text, position)
        position = _skip(text, position)
        if text[position] == ",":
            position = _skip(text, position + 1)
    return None


def _items(text: str, position: int, decoder: json.JSONDecoder) -> Iterator[tuple[int, Any]]:
    """The offset and value of each element of the JSON array starting at `position`."""
    if text[position] != "[":
        raise ValueError("not a JSON array")
    position = _skip(text, position + 1)
    while text[position] != "]":
        value, end = decoder.raw_decode(text, position)
        yield position, value
        position = _skip(text, end)
        if text[position] == ",":
            position = _skip(text, position + 1)
