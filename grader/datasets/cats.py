"""The cat / non-cat image set, as HDF5 files in the course's own schema, and its loader.

    train_catvnoncat.h5   train_set_x (209, 64, 64, 3) uint8, train_set_y (209,) int64 (72 cats),
                          list_classes (2,) |S7 = [b'non-cat', b'cat']
    test_catvnoncat.h5    test_set_x (50, 64, 64, 3) uint8, test_set_y (50,) int64 (33 cats),
                          list_classes

`load_dataset()` returns what the course's `load_dataset()` / `load_data()` return. The files
come from, in order: the folder it is given (`grade data --cats-from DIR`), the folder in
`$GRADE_CAT_DATA` (a learner's real course files), or the project's own pictures, generated on
first use into the cache folder (see `cache`). Every file read is checked against the schema;
a file that does not follow it is a `DataError` that names the file and the problem.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import h5py
import numpy as np
from numpy.typing import NDArray

from grader.datasets import cat_images
from grader.datasets.cache import cache_root, write_atomically
from grader.errors import DataError

ENVIRONMENT = "GRADE_CAT_DATA"
VERSION = 1  # of the generated pictures: bump it when `cat_images` draws differently
SEED = 20_190_404
CLASSES = np.array([b"non-cat", b"cat"], dtype="S7")

Array = NDArray[Any]


@dataclass(frozen=True)
class Split:
    """One of the two files: its name, and the size and label count of the generated one."""

    name: str
    images: int
    cats: int

    @property
    def file(self) -> str:
        return f"{self.name}_catvnoncat.h5"


TRAIN, TEST = Split("train", 209, 72), Split("test", 50, 33)


@dataclass(frozen=True)
class CatFiles:
    """Where the image set was found or made, and what it holds (images, cats) per split."""

    folder: Path
    origin: str  # "course files", "generated" (just now) or "cached" (generated before)
    train: tuple[int, int]
    test: tuple[int, int]


def load_dataset(folder: Path | str | None = None, cache: Path | None = None
                 ) -> tuple[Array, Array, Array, Array, Array]:
    """Return (train_x_orig, train_y (1, m), test_x_orig, test_y (1, m), classes)."""
    where = data_folder(folder, cache)
    train_x, train_y, _ = read_split(where / TRAIN.file, TRAIN)
    test_x, test_y, classes = read_split(where / TEST.file, TEST)
    return train_x, train_y.reshape(1, -1), test_x, test_y.reshape(1, -1), classes


def data_folder(folder: Path | str | None = None, cache: Path | None = None) -> Path:
    """The folder to read: `folder`, else `$GRADE_CAT_DATA`, else the generated set's."""
    chosen = folder if folder is not None else os.environ.get(ENVIRONMENT) or None
    if chosen is not None:
        path = Path(chosen)
        if not path.is_dir():
            raise DataError("no such folder (it should hold the course's "
                            f"{TRAIN.file} and {TEST.file})", path=path)
        return path
    return ensure_generated(cache)


def prepare(cats_from: Path | None = None, cache: Path | None = None) -> CatFiles:
    """Check the course's files in `cats_from`, or make sure the generated set exists and reads."""
    if cats_from is not None or os.environ.get(ENVIRONMENT):
        folder, origin = data_folder(cats_from), "course files"
    else:
        folder = generated_folder(cache)
        origin = "cached" if _complete(folder) else "generated"
        ensure_generated(cache)
        try:
            _summary(folder)
        except DataError:  # ours, and damaged since: make it again
            generate(folder)
            origin = "generated"
    return CatFiles(folder, origin, *_summary(folder))


def generated_folder(cache: Path | None = None) -> Path:
    """The folder of the generated image set inside the cache."""
    return cache_root(cache) / f"cats-v{VERSION}"


def ensure_generated(cache: Path | None = None) -> Path:
    """Generate the image set into the cache unless it is there; return its folder."""
    folder = generated_folder(cache)
    if not _complete(folder):
        generate(folder)
    return folder


def generate(folder: Path) -> None:
    """Draw both splits and write them into `folder`, each file atomically."""
    for offset, split in enumerate((TRAIN, TEST)):
        labels = generated_labels(split)
        images = cat_images.draw(labels, SEED + offset)
        write_atomically(folder / split.file,
                         lambda path: _write(path, split, images, labels))  # noqa: B023 - now


def generated_labels(split: Split) -> NDArray[np.int64]:
    """The generated labels of a split: exactly `split.cats` ones, in a seeded order."""
    rng = np.random.default_rng([SEED, split.images])
    labels = np.zeros(split.images, dtype=np.int64)
    labels[rng.permutation(split.images)[: split.cats]] = 1
    return labels


def read_split(path: Path, split: Split) -> tuple[Array, Array, Array]:
    """Read one file's (images, labels, classes), checking the course's schema."""
    if not path.is_file():
        raise DataError(f"no such file (expected the course's {split.file})", path=path)
    try:
        with h5py.File(path, "r") as data:
            x, y, classes = (_dataset(data, key, path) for key in
                             (f"{split.name}_set_x", f"{split.name}_set_y", "list_classes"))
    except OSError as error:
        raise DataError(f"not a readable HDF5 file ({error})", path=path) from error
    _check(path, split, x, y, classes)
    return x, y, classes


def _dataset(data: h5py.File, key: str, path: Path) -> Array:
    item = data.get(key)
    if not isinstance(item, h5py.Dataset):
        raise DataError(f"has no dataset {key!r} (it holds {', '.join(sorted(data)) or 'nothing'})",
                        path=path)
    return np.array(item[()])


def _check(path: Path, split: Split, x: Array, y: Array, classes: Array) -> None:
    name = split.name
    if x.ndim != 4 or x.shape[3] != 3 or x.shape[1] != x.shape[2]:
        raise DataError(f"{name}_set_x has shape {x.shape}; expected (m, 64, 64, 3): square "
                        "RGB pictures", path=path)
    if x.dtype != np.uint8:
        raise DataError(f"{name}_set_x has dtype {x.dtype}; expected uint8", path=path)
    if y.shape != (x.shape[0],):
        raise DataError(f"{name}_set_y has shape {y.shape}; expected ({x.shape[0]},), one label "
                        "per picture", path=path)
    if y.dtype.kind not in "iu" or not np.isin(y, (0, 1)).all():
        raise DataError(f"{name}_set_y must hold integer labels 0 and 1 (dtype {y.dtype})",
                        path=path)
    if classes.shape != (2,) or classes.dtype.kind != "S":
        raise DataError(f"list_classes is {classes.dtype} of shape {classes.shape}; expected "
                        "2 byte strings", path=path)


def _summary(folder: Path) -> tuple[tuple[int, int], tuple[int, int]]:
    counts = []
    for split in (TRAIN, TEST):
        _, y, _ = read_split(folder / split.file, split)
        counts.append((int(y.size), int(y.sum())))
    return counts[0], counts[1]


def _complete(folder: Path) -> bool:
    return all((folder / split.file).is_file() for split in (TRAIN, TEST))


def _write(path: Path, split: Split, images: Array, labels: Array) -> None:
    with h5py.File(path, "w") as data:
        data.create_dataset(f"{split.name}_set_x", data=images, track_times=False)
        data.create_dataset(f"{split.name}_set_y", data=labels, track_times=False)
        data.create_dataset("list_classes", data=CLASSES, track_times=False)
