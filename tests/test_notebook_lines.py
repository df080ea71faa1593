"""Where a line of a notebook cell sits in the .ipynb file's own text."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from grader.render.notebook_lines import notebook_line
from grader.submission.notebook import code_cells


def _write(path: Path, document: object, *, indent: int | None = 1) -> Path:
    path.write_text(json.dumps(document, indent=indent, ensure_ascii=True), encoding="utf-8")
    return path


def test_every_line_of_every_cell_of_a_saved_notebook(tmp_path: Path) -> None:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_markdown_cell("def decoy():\n    pass"),
                      nbformat.v4.new_code_cell("%matplotlib inline\nimport numpy as np"),
                      nbformat.v4.new_code_cell("def f(x):\n    # é ✓\n\n    return x\n")]
    path = tmp_path / "saved.ipynb"
    nbformat.write(notebook, str(path))
    lines = path.read_text(encoding="utf-8").splitlines()
    for cell in code_cells(path.read_text(encoding="utf-8")):  # numbered as the loader does
        for number, text in enumerate(cell.source.split("\n"), start=1):
            found = notebook_line(path, cell.number, number)
            assert found is not None
            if text:
                assert json.loads(lines[found - 1].strip().rstrip(",")).rstrip("\n") == text


def test_a_source_written_as_one_string(tmp_path: Path) -> None:
    document = {"metadata": {}, "nbformat": 4, "nbformat_minor": 5, "cells": [
        {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
         "source": "x = 1\ndef f():\n    return 2\n"}]}
    path = _write(tmp_path / "one.ipynb", document)
    line = notebook_line(path, 1, 2)
    assert line is not None
    assert '"source": "x = 1\\ndef f()' in path.read_text().splitlines()[line - 1]


def test_pieces_holding_several_lines(tmp_path: Path) -> None:
    document = {"cells": [{"cell_type": "code", "source": ["a = 1\nb = 2\n", "def g():\n",
                                                           "    pass"]}]}
    path = _write(tmp_path / "pieces.ipynb", document, indent=2)
    assert '"a = 1\\nb = 2\\n"' in _line_of(path, 1, 2)
    assert '"def g():\\n"' in _line_of(path, 1, 3)
    assert '"    pass"' in _line_of(path, 1, 4)


def _line_of(path: Path, cell: int, line: int) -> str:
    found = notebook_line(path, cell, line)
    assert found is not None
    return path.read_text().splitlines()[found - 1]


def test_compact_json_is_all_line_1(tmp_path: Path) -> None:
    path = _write(tmp_path / "compact.ipynb",
                  {"cells": [{"source": ["x = 1\n", "y = 2\n"]}]}, indent=None)
    assert notebook_line(path, 1, 2) == 1


@pytest.mark.parametrize("content", [
    "{not json", '{"cells": 3}', '{"cells": [{"source": ["x', "", '[1, 2]', '{"nbformat": 4}',
    '{"cells": [{"source": 7}]}',
])
def test_broken_files_give_none(tmp_path: Path, content: str) -> None:
    path = tmp_path / "broken.ipynb"
    path.write_text(content)
    assert notebook_line(path, 1, 1) is None


def test_places_that_do_not_exist_give_none(tmp_path: Path) -> None:
    path = _write(tmp_path / "small.ipynb", {"cells": [{"source": ["x = 1\n"]}]})
    assert notebook_line(path, 2, 1) is None
    assert notebook_line(path, 1, 5) is None
    assert notebook_line(path, 0, 1) is None
    assert notebook_line(tmp_path / "absent.ipynb", 1, 1) is None
