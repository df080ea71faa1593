"""Read the code cells of a Jupyter notebook, with IPython-only lines blanked out.

Magics (`%matplotlib inline`), shell escapes (`!pip install …`) and `x = !ls` are blanked (line
numbers stay those of the cell); a cell magic that runs Python (`%%time`, `%%capture`) keeps its
body, any other cell magic (`%%bash`, `%%writefile`, …) drops the whole cell.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace

MAX_NOTEBOOK_BYTES = 64 * 1024 * 1024
PYTHON_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun"})
_IPYTHON_LINE = re.compile(r"^\s*(?:[%!]|\w+\s*=\s*[%!])")


@dataclass(frozen=True)
class CodeCell:
    """A code cell: its position among all cells (1-based) and its Python source."""

    number: int
    source: str
    blanked: tuple[int, ...] = ()
    nbgrader: bool = False  # the cell carries nbgrader metadata (the course's newer notebooks)


class NotANotebook(Exception):
    """The text is not a notebook grading can read; the message says why."""


def code_cells(text: str) -> list[CodeCell]:
    """The code cells of a notebook's JSON text (nbformat 4); `NotANotebook` when it is not
    one. Parsed with the standard library: this runs in a bounded child on a learner's file
    (see `grader.submission.parsing`), and needs no more of nbformat than its layout."""
    try:
        notebook = json.loads(text)
    except ValueError as error:
        raise NotANotebook(f"not a notebook: invalid JSON ({_first_line(error)})") from error
    except RecursionError as error:
        raise NotANotebook("not a notebook: its JSON is nested too deeply") from error
    if not isinstance(notebook, dict) or notebook.get("nbformat") != 4:
        version = notebook.get("nbformat") if isinstance(notebook, dict) else None
        raise NotANotebook(f"not an nbformat 4 notebook (nbformat is {version!r})")
    cells = notebook.get("cells")
    if not isinstance(cells, list):
        raise NotANotebook("not a notebook: it has no list of cells")
    code = []
    for number, cell in enumerate(cells, start=1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        if isinstance(source, list):
            source = "".join(str(part) for part in source)
        parsed = code_cell(str(source), number)
        if parsed is not None:
            metadata = cell.get("metadata")
            code.append(replace(parsed, nbgrader=isinstance(metadata, dict)
                                and isinstance(metadata.get("nbgrader"), dict)))
    if not code:
        raise NotANotebook("the notebook has no code cells")
    return code


def code_cell(source: str, number: int) -> CodeCell | None:
    """A code cell's Python, IPython-only lines blanked; None for a cell magic that runs no
    Python (`%%bash`). (Also how `grader.kernel_check` reads the cells a kernel ran.)"""
    lines = source.splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None and lines[first].lstrip().startswith("%%"):
        magic = lines[first].lstrip()[2:].split(maxsplit=1)
        if not magic or magic[0] not in PYTHON_CELL_MAGICS:
            return None
        lines[first] = ""
    blanked = []
    for i, line in enumerate(lines):
        if _IPYTHON_LINE.match(line):
            lines[i] = ""
            blanked.append(i + 1)
    return CodeCell(number, "\n".join(lines), tuple(blanked))


def _first_line(error: Exception) -> str:
    text = str(error).strip().splitlines()
    return text[0][:200] if text else type(error).__name__
