"""The public cases that travel inside the package: `grader/cases/<week>.h5`.

An installed grader (`pip install grade-dl`, a wheel) has no `solutions/` beside it, so it
grades from these cases files (`grader.casebook`), made from the references by `grade cases`
and committed with the code; a test fails when they are not what the references give today.
The references and the hidden cases stay where the instructor keeps them (`GRADE_SOLUTIONS`).

Two files hold the same cases when their digests agree: a digest of every group's and
dataset's name, attributes, type, shape and bytes, except the grader version that wrote it, so
that neither a new version number nor another HDF5 library makes the files stale.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from grader.spec import Week

FOLDER = Path(__file__).resolve().parent / "cases"
_UNHASHED = frozenset({"grader_version"})


def path_of(week: str, folder: Path = FOLDER) -> Path:
    """The cases file of `week` in `folder`."""
    return folder / f"{week}.h5"


def digest(path: Path) -> str:
    """A digest of the cases in the HDF5 file at `path` (see the module docstring)."""
    import h5py

    sha = hashlib.sha256()
    with h5py.File(path, "r") as file:
        _feed(sha, "/", file)
        file.visititems(lambda name, node: _feed(sha, name, node))
    return sha.hexdigest()


def _feed(sha: Any, name: str, node: Any) -> None:
    import h5py

    sha.update(f"\0{name}\0{type(node).__name__}".encode())
    for key in sorted(node.attrs):
        if key not in _UNHASHED:
            sha.update(f"\0{key}={node.attrs[key]!r}".encode())
    if isinstance(node, h5py.Dataset):
        value = node[()]
        sha.update(f"\0{node.dtype}{node.shape}".encode())
        sha.update(value.tobytes() if hasattr(value, "tobytes") else repr(value).encode())


def build(weeks: Sequence[Week], references: Any, folder: Path = FOLDER,
          *, write: bool = True) -> list[Path]:
    """The cases files of `weeks` in `folder` whose cases differ from the `references`' today;
    each is rewritten when `write`."""
    from grader import casebook
    from grader.engine import case_rng

    stale = []
    with tempfile.TemporaryDirectory(prefix="grade-cases-") as scratch:
        for week in weeks:
            fresh = Path(scratch) / f"{week.name}.h5"
            casebook.write(week, references, fresh, case_rng)
            target = path_of(week.name, folder)
            if target.is_file() and digest(target) == digest(fresh):
                continue
            stale.append(target)
            if write:
                folder.mkdir(parents=True, exist_ok=True)
                shutil.move(fresh, target)
    return stale
