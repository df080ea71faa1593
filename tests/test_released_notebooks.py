"""Every released notebook runs top to bottom in a real Jupyter kernel that cannot import
`grade`, with its helper modules beside it, as a learner's Jupyter runs it.

The kernel is this interpreter started without its site-packages (`-S`), given a folder of
links to every installed distribution except the grader's own: numpy, h5py, ipykernel, …
import; `grader` does not. Each notebook runs twice: finished (its graded cells filled with the
references' code), where no cell may fail; and as released, where only cells that call an
unfinished graded function may fail, and never for want of a module.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import SOLUTIONS, fill_notebook
from installed import site_without_grade

from grader import release
from grader.courses.registry import built_in, get_week

WEEK_NAMES = built_in().assignments

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

KERNEL = "grade-less"
CELL_SECONDS = 180


@pytest.fixture(scope="module")
def kernels(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Jupyter data folder with one kernel, `grade-less`: Python without the grader."""
    root = tmp_path_factory.mktemp("jupyter")
    packages = site_without_grade(root / "site")
    spec = root / "kernels" / KERNEL
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-S", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "env": {"PYTHONPATH": str(packages)}, "display_name": KERNEL, "language": "python"}))
    return root


def _run(notebook: Path, kernels: Path, monkeypatch: pytest.MonkeyPatch,
         allow_errors: bool) -> Any:
    monkeypatch.setenv("JUPYTER_PATH", str(kernels))
    document = nbformat.read(str(notebook), as_version=4)
    for cell in document.cells:  # the course's 2500-iteration trainings take minutes: the
        # test is about what the notebook imports and calls, so they train a few iterations
        cell.source = re.sub(r"num_iterations=\d{3,}", "num_iterations=3", cell.source)
    client = nbclient.NotebookClient(document, kernel_name=KERNEL, timeout=CELL_SECONDS,
                                     allow_errors=allow_errors,
                                     resources={"metadata": {"path": str(notebook.parent)}})
    client.execute()
    return document


def _released(tmp_path: Path, week: str) -> list[Path]:
    """The released copy of `week` in tmp_path/<week>/, with the course's data folder."""
    files = release.release(get_week(week), SOLUTIONS, tmp_path)
    release.write(files)
    folder = tmp_path / week
    if any(name.stem == "dnn_app_utils_v3" for name in files):
        from grader.datasets import cats  # the course ships datasets/ beside the notebook

        shutil.copytree(cats.ensure_generated(tmp_path / "cache"), folder / "datasets")
    return sorted(path for path in files if path.suffix == ".ipynb")


def _errors(document: Any) -> list[tuple[str, str]]:
    """(cell source, error name) of every cell that raised."""
    return [(cell.source, output.ename) for cell in document.cells if cell.cell_type == "code"
            for output in cell.get("outputs", []) if output.output_type == "error"]


def test_the_kernel_cannot_import_grade(kernels: Path, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    notebook = tmp_path / "probe.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("import numpy, h5py"),
        nbformat.v4.new_code_cell("import grader")]), str(notebook))
    document = _run(notebook, kernels, monkeypatch, allow_errors=True)
    assert _errors(document) == [("import grader", "ModuleNotFoundError")]


@pytest.mark.parametrize("week", WEEK_NAMES)
def test_finished_notebooks_run_top_to_bottom_without_grade(
        week: str, kernels: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for notebook in _released(tmp_path, week):
        filled = fill_notebook(notebook, SOLUTIONS / week / f"{notebook.stem}.py", notebook)
        document = _run(filled, kernels, monkeypatch, allow_errors=False)  # raises on an error
        printed = "".join(output.get("text", "") for cell in document.cells
                          if cell.cell_type == "code" for output in cell.get("outputs", []))
        assert printed, f"{notebook.name} printed nothing"


@pytest.mark.parametrize("week", WEEK_NAMES)
def test_released_notebooks_fail_only_where_a_graded_function_is_unfinished(
        week: str, kernels: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    graded = [f.name for f in get_week(week).functions]
    for notebook in _released(tmp_path, week):
        document = _run(notebook, kernels, monkeypatch, allow_errors=True)
        errors = _errors(document)
        if not errors:
            continue
        first, _ = errors[0]  # the cells before it (imports, data) ran; it calls a stub
        assert any(f"{name}(" in first for name in graded), (notebook.name, first)
        for source, error in errors:  # later cells may miss what a stub did not make
            assert error not in ("ModuleNotFoundError", "ImportError", "FileNotFoundError"), (
                notebook.name, source, error)


def test_without_the_data_and_without_grade_load_data_says_what_to_do(
        kernels: Path, tmp_path: Path) -> None:
    import subprocess

    _released(tmp_path, "week4")
    folder = tmp_path / "week4"
    shutil.rmtree(folder / "datasets")
    done = subprocess.run(
        [sys.executable, "-S", "-c", "import dnn_app_utils_v3; dnn_app_utils_v3.load_data()"],
        cwd=folder, env={"PYTHONPATH": f"{folder}:{kernels / 'site'}"}, capture_output=True,
        text=True, timeout=120, check=False)
    assert done.returncode == 1
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("FileNotFoundError: the cat pictures are not in datasets/")
    assert "copy the course's datasets/ folder beside this notebook" in last
    assert "pip install grade-dl" in last
