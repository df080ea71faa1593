"""Turn a learner's file into units, in a bounded child: the parsing of untrusted text.

Parsing costs what the text makes it cost: a 1 MB literal list takes half a gigabyte of syntax
tree, a notebook of nested JSON as much, a long file seconds. So the grader never parses a
learner's file itself: a *parse child* (a child of the sandbox's zygote, confined like every
child, under the learner's memory limit) receives the file's bytes and answers with its units:

    parse {path, kind: "py" | "notebook"} + the bytes  →  parsed {units} + code blobs
                                                       |  unreadable {message}

A child becomes a parse child on its first request (`serve_parsing {memory_mib}` → `serving`).
It runs no learner code (parsing and compiling execute nothing), so it is kept for the next
file; one that runs out of time or crashes is replaced. The units travel as
JSON with each statement's compiled code as a blob, and the grader checks every field
(`units_from_wire`).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from grader.sandbox import wire
from grader.submission.extract import extract
from grader.submission.notebook import MAX_NOTEBOOK_BYTES, NotANotebook, code_cells
from grader.submission.source import FunctionSource, Outline, Statement, Unit

MAX_SOURCE_BYTES = 8 * 1024 * 1024
MAX_UNITS = 5000  # cells of a notebook


class Unreadable(Exception):
    """The file is not one grading can read; the message says why (without the file's name)."""


def parse(path: Path, kind: str, data: bytes) -> list[Unit]:
    """The units of a file's bytes: one per notebook code cell, or one for a `.py` file."""
    if kind == "notebook":
        if len(data) > MAX_NOTEBOOK_BYTES:
            raise Unreadable(f"notebook is {len(data) / 2**20:.0f} MiB, over the "
                             f"{MAX_NOTEBOOK_BYTES // 2**20} MiB limit (clear its outputs and "
                             "try again)")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise Unreadable(f"not a notebook: not UTF-8 text ({error.reason} at byte "
                             f"{error.start})") from error
        try:
            cells = code_cells(text)
        except NotANotebook as error:
            raise Unreadable(str(error)) from error
        return [replace(extract(cell.source, path, f"{path}, cell {cell.number}", cell.number),
                        nbgrader=cell.nbgrader) for cell in cells]
    if len(data) > MAX_SOURCE_BYTES:
        raise Unreadable(f"file is {len(data) / 2**20:.0f} MiB, too large for Python source")
    if b"\x00" in data:
        raise Unreadable("not Python source: it is a binary file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise Unreadable(f"not Python source: not UTF-8 text (byte {error.start})") from error
    return [extract(text, path, str(path))]


def serve(channel: wire.Channel, memory_mib: int) -> None:
    """In a parse child: answer parse requests until the grader closes the socket."""
    channel.send({"op": "serving"})
    while True:
        try:
            message, blobs = channel.recv()
        except wire.WireError:
            return
        if message.get("op") != "parse" or len(blobs) != 1:
            return
        try:
            units = parse(Path(str(message.get("path"))), str(message.get("kind")), blobs[0])
            out: list[bytes] = []
            reply: dict[str, Any] = {"op": "parsed", "units": units_to_wire(units, out)}
        except Unreadable as problem:
            reply, out = {"op": "unreadable", "message": str(problem)}, []
        except MemoryError:
            reply, out = {"op": "unreadable", "message": "too large to read within the "
                          f"memory limit of {memory_mib} MiB"}, []
        except RecursionError:
            reply, out = {"op": "unreadable", "message": "nested too deeply to read"}, []
        channel.send(reply, out)


# --- units across the wire -----------------------------------------------------------------


def units_to_wire(units: list[Unit], blobs: list[bytes]) -> list[dict[str, Any]]:
    """The units as JSON, each statement's code appended to `blobs`."""
    return [{"file": str(unit.file), "label": unit.label, "cell": unit.cell,
             "nbgrader": unit.nbgrader,
             "statements": [_statement(s, blobs) for s in unit.statements],
             "functions": [_function(f) for f in unit.functions],
             "ignored": list(unit.ignored), "problems": list(unit.problems),
             "broken": [list(pair) for pair in unit.broken]} for unit in units]


def _statement(statement: Statement, blobs: list[bytes]) -> dict[str, Any]:
    blobs.append(statement.code)
    return {"line": statement.line, "source": statement.source, "kind": statement.kind,
            "code": len(blobs) - 1, "defines": statement.defines,
            "imports": list(statement.imports)}


def _function(function: FunctionSource) -> dict[str, Any]:
    return {"name": function.name, "file": str(function.file), "label": function.label,
            "line": function.line, "end_line": function.end_line, "source": function.source,
            "cell": function.cell, "headed": function.headed, "stub": function.stub,
            "habits": [list(h) for h in function.habits],
            "outline": {"body": function.outline.body, "decorated": function.outline.decorated,
                        "digest": function.outline.digest,
                        "parameters": [list(p) for p in function.outline.parameters],
                        "calls": [[name, count, list(keywords)]
                                  for name, count, keywords in function.outline.calls]}}


def units_from_wire(trees: Any, blobs: list[bytes]) -> list[Unit]:
    """Rebuild units from a parse child's reply, checking every field (`WireError` if any is
    not what `units_to_wire` writes)."""
    try:
        if not isinstance(trees, list) or len(trees) > MAX_UNITS:
            raise TypeError("units")
        return [Unit(
            file=Path(_str(tree["file"])), label=_str(tree["label"]), cell=_int_or_none(tree["cell"]),
            statements=tuple(Statement(_int(s["line"]), _str(s["source"]),
                                       _choice(s["kind"], ("import", "def", "code")),
                                       _blob(s["code"], blobs), _str(s["defines"]),
                                       tuple(_str(i) for i in _list(s["imports"])))
                             for s in _list(tree["statements"])),
            functions=tuple(FunctionSource(
                name=_str(f["name"]), file=Path(_str(f["file"])), label=_str(f["label"]),
                line=_int(f["line"]), end_line=_int(f["end_line"]), source=_str(f["source"]),
                cell=_int_or_none(f["cell"]), headed=_bool(f["headed"]), stub=_bool(f["stub"]),
                habits=tuple((_str(h[0]), _str(h[1])) for h in _list(f["habits"])),
                outline=_outline(f["outline"]))
                for f in _list(tree["functions"])),
            ignored=tuple(_str(i) for i in _list(tree["ignored"])),
            problems=tuple(_str(p) for p in _list(tree["problems"])),
            broken=tuple((_str(b[0]), _str(b[1])) for b in _list(tree["broken"])),
            nbgrader=_bool(tree["nbgrader"]),
        ) for tree in trees]
    except (TypeError, KeyError, IndexError, ValueError) as error:
        raise wire.WireError(f"malformed units from the parse child ({error})") from error


def _outline(tree: Any) -> Outline:
    kinds = ("POSITIONAL_ONLY", "POSITIONAL_OR_KEYWORD", "VAR_POSITIONAL", "KEYWORD_ONLY",
             "VAR_KEYWORD")
    return Outline(
        body=_int(tree["body"]), decorated=_bool(tree["decorated"]),
        parameters=tuple((_str(p[0]), _choice(p[1], kinds), _bool(p[2]))
                         for p in _list(tree["parameters"])),
        calls=tuple((_str(c[0]), _int(c[1]), tuple(_str(k) for k in _list(c[2])))
                    for c in _list(tree["calls"])),
        digest=_str(tree["digest"]))


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("not a string")
    return value


def _int(value: Any) -> int:
    if type(value) is not int:
        raise TypeError("not an integer")
    return value


def _int_or_none(value: Any) -> int | None:
    return None if value is None else _int(value)


def _bool(value: Any) -> bool:
    if type(value) is not bool:
        raise TypeError("not a boolean")
    return value


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise TypeError("not a list")
    return value


def _choice(value: Any, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise ValueError(f"unknown kind {value!r}")
    return str(value)


def _blob(index: Any, blobs: list[bytes]) -> bytes:
    position = _int(index)
    if not 0 <= position < len(blobs):
        raise IndexError("no such blob")
    return blobs[position]
