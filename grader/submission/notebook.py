"""Read the code cells of a Jupyter notebook, with IPython-only lines blanked out.

Magics (`%matplotlib inline`), shell escapes (`!pip install …`) and `x = !ls` are blanked (line
numbers stay those of the cell); a cell magic that runs Python (`%%time`, `%%capture`) keeps its
body, any other cell magic (`%%bash`, `%%writefile`, …) drops the whole cell.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from grader.errors import SubmissionError

MAX_NOTEBOOK_BYTES = 64 * 1024 * 1024
PYTHON_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun"})
_IPYTHON_LINE = re.compile(r"^\s*(?:[%!]|\w+\s*=\s*[%!])")


@dataclass(frozen=True)
class CodeCell:
    """A code cell: its position among all cells (1-based) and its Python source."""

    number: int
    source: str
    blanked: tuple[int, ...] = ()


def read_code_cells(path: Path) -> list[CodeCell]:
    """Read a notebook with nbformat; raise `SubmissionError` when it is not one."""
    import nbformat  # imported here: grading `.py` files should not pay for it

    size = path.stat().st_size
    if size > MAX_NOTEBOOK_BYTES:
        raise SubmissionError(
            f"notebook is {size / 2**20:.0f} MiB, over the {MAX_NOTEBOOK_BYTES // 2**20} MiB "
            "limit (clear its outputs and try again)", path=path)
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise SubmissionError(f"not a notebook: not UTF-8 text ({error.reason} at byte "
                              f"{error.start})", path=path) from error
    try:
        notebook = nbformat.reads(text, as_version=nbformat.NO_CONVERT)
    except (json.JSONDecodeError, nbformat.reader.NotJSONError) as error:
        raise SubmissionError(f"not a notebook: invalid JSON ({_first_line(error)})",
                              path=path) from error
    except Exception as error:  # nbformat raises several kinds on odd documents
        raise SubmissionError(f"not a notebook: {_first_line(error)}", path=path) from error
    if not isinstance(notebook, dict) or notebook.get("nbformat") != 4:
        version = notebook.get("nbformat") if isinstance(notebook, dict) else None
        raise SubmissionError(f"not an nbformat 4 notebook (nbformat is {version!r})", path=path)
    cells = notebook.get("cells")
    if not isinstance(cells, list):
        raise SubmissionError("not a notebook: it has no list of cells", path=path)
    code = []
    for number, cell in enumerate(cells, start=1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        if isinstance(source, list):
            source = "".join(str(part) for part in source)
        parsed = code_cell(str(source), number)
        if parsed is not None:
            code.append(parsed)
    if not code:
        raise SubmissionError("the notebook has no code cells", path=path)
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
