"""Read what a Jupyter kernel ran, as text: the request `check` sends to its grading process.

The kernel's objects are never sent, called or inspected for their behaviour: only the source
of the cells it ran (IPython's input history, each cell at its last execution), the name of each
function asked for, and, for a function that no cell defines (the learner imported it from a
module of their own), that module's file. Outside IPython (a script), the file defining the
function is the only source.

This module runs in the learner's kernel: it imports nothing heavy.
"""

from __future__ import annotations

import ast
import os
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grader.errors import ConfigError

MAX_FILE_BYTES = 8 * 1024 * 1024
SESSION_VARIABLE = "JPY_SESSION_NAME"  # set by Jupyter to the notebook's path


@dataclass(frozen=True)
class Source:
    """A piece of source the kernel ran: a cell (`label` "In [7]") or, for a function the
    learner imported from their own module, that module's file (`cell` False)."""

    label: str
    text: str
    cell: bool = True


@dataclass(frozen=True)
class Request:
    """What to check: the `names` of graded functions (none: every one the sources define),
    in `week` and `part` when given, from `sources` in the order the kernel last ran them."""

    sources: tuple[Source, ...]
    names: tuple[str, ...] = ()
    week: str | None = None
    part: str | None = None
    title: str = "this kernel"


def kernel_request(functions: Iterable[object], week: str | None,
                   part: str | None) -> Request:
    """The request for `functions` (function objects or names), from this process's IPython
    history when there is one."""
    names, files = [], []
    for function in functions:
        name, file = _name_and_file(function)
        names.append(name)
        files.append(file)
    history = _history()
    if history is None and not names:
        raise ConfigError("check() without a function reads the cells of a notebook's kernel; "
                          "outside one, name the functions: check(my_function)")
    sources = list(sources_of(history or ()))
    for name, file in zip(names, files):
        if file is not None and not any(_defines(s.text, name) for s in sources):
            sources.append(Source(str(file), _read(file), cell=False))
    title = "this kernel"
    if history is None:
        title = next((s.label for s in sources if not s.cell), "this script")
    elif os.environ.get(SESSION_VARIABLE):
        title = Path(os.environ[SESSION_VARIABLE]).name
    return Request(tuple(dict.fromkeys(sources)), tuple(dict.fromkeys(names)), week, part, title)


def sources_of(cells: Iterable[tuple[int, str]]) -> tuple[Source, ...]:
    """Sources from (execution count, text) pairs: each text once, where it last ran."""
    last: dict[str, int] = {}
    for count, text in cells:
        if text.strip():
            last.pop(text, None)
            last[text] = count
    return tuple(Source(f"In [{count}]", text) for text, count in last.items())


def _name_and_file(function: object) -> tuple[str, Path | None]:
    """The function's name, and the module file it was defined in (None for a cell's)."""
    name: object = function
    code = None
    if not isinstance(function, str):
        name, code = getattr(function, "__name__", None), getattr(function, "__code__", None)
    if not isinstance(name, str) or not name.isidentifier():
        raise ConfigError(f"check takes your functions (or their names), not "
                          f"{type(function).__name__} {function!r:.60}")
    filename = getattr(code, "co_filename", None)
    if isinstance(filename, str) and filename.endswith(".py") and os.path.isfile(filename):
        return name, Path(filename)
    return name, None


def ipython_shell() -> Any:
    """IPython's shell when this process runs one (a kernel, a terminal), else None."""
    if "IPython" not in sys.modules:  # never import IPython just to find out
        return None
    from IPython import get_ipython

    return get_ipython()


def _history() -> list[tuple[int, str]] | None:
    """(execution count, raw text) of each cell IPython ran here; None outside IPython."""
    shell = ipython_shell()
    if shell is None:
        return None
    raw = list(shell.history_manager.input_hist_raw)
    return [(count, str(text)) for count, text in enumerate(raw)]


_DEF = re.compile(r"^(?:async\s+)?def\s+(\w+)", re.MULTILINE)


def defined_names(text: str) -> list[str]:
    """The names of the functions a cell defines at its top level (by a quick look)."""
    return _DEF.findall(text)


def _defines(text: str, name: str) -> bool:
    return name in defined_names(text)


def _read(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ConfigError("file is too large for Python source", path=path)
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read the function's source: {error}", path=path) from error


def python_text(source: Source) -> str | None:
    """The Python of a source: a cell's with its IPython-only lines blanked (as the notebook
    loader does), None for a cell magic that runs no Python (`%%bash`); a file's as it is."""
    if not source.cell:
        return source.text
    from grader.submission.notebook import code_cell

    cell = code_cell(source.text, 0)
    return None if cell is None else cell.source


def inert(source: Source) -> bool:
    """Whether grading reads nothing of a cell: only expressions (a check call, a print), or
    nothing that ran as Python. Such a cell is never loaded and binds no name."""
    if not source.cell:
        return False
    text = python_text(source)
    try:
        body = ast.parse(text).body if text is not None else []
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return True  # it did nothing in the kernel, and grading leaves it out
    return all(isinstance(node, ast.Pass) or (isinstance(node, ast.Expr) and not any(
        isinstance(inner, ast.NamedExpr) for inner in ast.walk(node))) for node in body)


def same_question(request: Request, answered: Request, week: dict[str, Any]) -> bool:
    """Whether `request` asks what `answered` asked, whose report is `week` (a JSON week
    object): the same functions, in the same week and part. Grading it reads the same when,
    besides, both have the same `significant` cells."""
    if set(request.names) != set(answered.names) or request.title != answered.title:
        return False
    return request.week in (None, week.get("week")) and (
        request.part is None or all(p.get("name") == request.part
                                    for p in week.get("parts", ())))


def significant(request: Request, is_inert: Callable[[Source], bool] = inert
                ) -> tuple[Source, ...]:
    """The cells of `request` that grading reads, in order."""
    return tuple(s for s in request.sources if not is_inert(s))


def request_data(request: Request, sent: dict[Source, int] | None = None) -> dict[str, Any]:
    """The request as JSON data, for the grading process. Each source is numbered; one that
    is in `sent` (numbered for this grading process before) goes as its number alone, the
    others in full, and are added to `sent`: a kernel's cells are sent once, not per check."""
    known = {} if sent is None else sent
    sources: list[dict[str, Any]] = []
    for source in request.sources:
        number = known.get(source)
        if number is not None:
            sources.append({"id": number})
            continue
        known[source] = len(known)
        sources.append({"id": known[source], "label": source.label, "text": source.text,
                        "cell": source.cell})
    return {"op": "check", "names": list(request.names), "week": request.week,
            "part": request.part, "title": request.title, "sources": sources}


def read_request(data: Any, known: dict[int, Source] | None = None) -> Request:
    """The `Request` of `request_data`'s output, sources sent before looked up in `known`
    (where those sent in full are added); `ConfigError` for anything else."""
    known = {} if known is None else known
    try:
        sources = []
        for entry in data["sources"]:
            number = entry["id"]
            if not isinstance(number, int):
                raise TypeError("a source's id is a number")
            if "text" in entry:
                known[number] = Source(_text(entry["label"]), _text(entry["text"]),
                                       entry["cell"] is True)
            sources.append(known[number])
        names = tuple(_text(n) for n in data["names"])
        week, part = data.get("week"), data.get("part")
        if not all(v is None or isinstance(v, str) for v in (week, part)):
            raise TypeError("week and part are names")
        return Request(tuple(sources), names, week, part,
                       _text(data.get("title", "this kernel")))
    except (KeyError, TypeError) as error:
        raise ConfigError(f"not a check request ({error!r})") from error


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {type(value).__name__}")
    return value
