"""The cat / non-cat image set: the generated files, the loader, the course's real files."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import h5py
import numpy as np
import pytest
from click.testing import CliRunner

from grader.cli import cli
from grader.datasets import cats
from grader.datasets.cache import ENVIRONMENT as CACHE_VARIABLE
from grader.errors import DataError
from grader.references import References
from grader.courses.registry import get_week

from conftest import ROOT

APPLICATION = get_week("week4").parts[1]
COURSE_FILES = Path(os.environ.get(cats.ENVIRONMENT) or ROOT.parent / "shared/data/course-cats")
needs_course_files = pytest.mark.skipif(
    not (COURSE_FILES / cats.TRAIN.file).is_file(),
    reason=f"the course's cat files are not in {COURSE_FILES} (set {cats.ENVIRONMENT} to their "
           "folder to run these tests)")


@pytest.fixture(autouse=True)
def no_user_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """The user's own data and cache folders stay out of these tests (and untouched)."""
    monkeypatch.delenv(cats.ENVIRONMENT, raising=False)
    monkeypatch.delenv(CACHE_VARIABLE, raising=False)


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache folder holding the generated image set."""
    folder = tmp_path_factory.mktemp("cache")
    cats.ensure_generated(folder)
    return folder


@pytest.fixture(scope="module")
def application(references: References) -> ModuleType:
    return references.module("week4", APPLICATION)


def write_split(path: Path, split: str, m: int, **replace: Any) -> tuple[np.ndarray, np.ndarray]:
    """Write a small file in the course's schema (with some datasets replaced, to break it)."""
    rng = np.random.default_rng(m)
    data = {f"{split}_set_x": rng.integers(0, 256, (m, 64, 64, 3), dtype=np.uint8),
            f"{split}_set_y": (np.arange(m) % 2).astype(np.int64),
            "list_classes": np.array([b"non-cat", b"cat"], dtype="S7")}
    data.update(replace)
    with h5py.File(path, "w") as file:
        for key, value in data.items():
            if value is not None:
                file.create_dataset(key, data=value)
    return data[f"{split}_set_x"], data[f"{split}_set_y"]


# --- the generated files ---------------------------------------------------------------------


@pytest.mark.parametrize("split", [cats.TRAIN, cats.TEST], ids=["train", "test"])
def test_generated_files_follow_the_course_schema(cache: Path, split: cats.Split) -> None:
    with h5py.File(cats.generated_folder(cache) / split.file, "r") as file:
        assert sorted(file) == sorted(["list_classes", f"{split.name}_set_x",
                                       f"{split.name}_set_y"])
        x, y, classes = (file[f"{split.name}_set_x"], file[f"{split.name}_set_y"],
                         file["list_classes"])
        assert x.shape == (split.images, 64, 64, 3) and x.dtype == np.uint8
        assert y.shape == (split.images,) and y.dtype == np.int64
        assert classes.dtype == np.dtype("S7")
        assert list(classes[()]) == [b"non-cat", b"cat"]
        assert int(np.sum(y[()])) == split.cats and set(np.unique(y[()])) == {0, 1}
        assert 40 < float(np.mean(x[()])) < 215  # pictures, not blank or saturated


def test_generation_is_deterministic_and_fast(cache: Path, tmp_path: Path) -> None:
    import time

    started = time.perf_counter()
    cats.generate(tmp_path)
    assert time.perf_counter() - started < 20  # about 0.2 s; generous for a loaded machine
    for split in (cats.TRAIN, cats.TEST):
        again = (tmp_path / split.file).read_bytes()
        assert again == (cats.generated_folder(cache) / split.file).read_bytes()
        assert len(again) < 3 * 2**20


def test_the_loader_returns_what_the_course_loader_returns(cache: Path) -> None:
    train_x, train_y, test_x, test_y, classes = cats.load_dataset(cache=cache)
    assert train_x.shape == (209, 64, 64, 3) and train_x.dtype == np.uint8
    assert test_x.shape == (50, 64, 64, 3) and test_x.dtype == np.uint8
    assert train_y.shape == (1, 209) and test_y.shape == (1, 50)
    assert (int(train_y.sum()), int(test_y.sum())) == (72, 33)
    assert list(classes) == [b"non-cat", b"cat"]
    assert not np.array_equal(train_x[:50], test_x)  # two different sets of pictures


def test_generated_on_first_use_into_the_cache_variable(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CACHE_VARIABLE, str(tmp_path / "mine"))
    *_, test_y, _ = cats.load_dataset()
    assert test_y.shape == (1, 50)
    assert sorted(p.name for p in (tmp_path / "mine" / "cats-v1").iterdir()) == [
        cats.TEST.file, cats.TRAIN.file]  # and no temporary file left behind


def test_the_pictures_are_learnable(cache: Path, application: ModuleType) -> None:
    """Logistic regression (the reference L_layer_model with no hidden layer), 300 iterations
    at the course's rate, beats the majority class on the training and the test pictures."""
    train_x, train_y, test_x, test_y, _ = cats.load_dataset(cache=cache)
    X, X_test = train_x.reshape(209, -1).T / 255.0, test_x.reshape(50, -1).T / 255.0
    parameters, costs = application.L_layer_model(X, train_y, [X.shape[0], 1],
                                                  num_iterations=300)
    assert costs[-1] < costs[0]

    def accuracy(X: np.ndarray, Y: np.ndarray) -> float:
        return float(np.mean((application.L_model_forward(X, parameters)[0] > 0.5) == Y))

    majority = max(np.mean(test_y), 1 - np.mean(test_y), 1 - np.mean(train_y))  # 0.66
    assert accuracy(X, train_y) > majority + 0.1
    assert accuracy(X_test, test_y) > majority + 0.1


# --- a real-schema file written here, and overrides --------------------------------------------


def test_the_loader_reads_a_real_schema_file_exactly(tmp_path: Path) -> None:
    train_x, train_y = write_split(tmp_path / cats.TRAIN.file, "train", 6)
    test_x, test_y = write_split(tmp_path / cats.TEST.file, "test", 4)
    loaded = cats.load_dataset(tmp_path)
    np.testing.assert_array_equal(loaded[0], train_x)
    np.testing.assert_array_equal(loaded[1], train_y.reshape(1, 6))
    np.testing.assert_array_equal(loaded[2], test_x)
    np.testing.assert_array_equal(loaded[3], test_y.reshape(1, 4))
    assert loaded[1].dtype == np.int64 and list(loaded[4]) == [b"non-cat", b"cat"]


def test_the_variable_points_at_real_files_and_the_option_wins(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for folder, m in (("env", 6), ("option", 8)):
        (tmp_path / folder).mkdir()
        write_split(tmp_path / folder / cats.TRAIN.file, "train", m)
        write_split(tmp_path / folder / cats.TEST.file, "test", 2)
    monkeypatch.setenv(cats.ENVIRONMENT, str(tmp_path / "env"))
    monkeypatch.setenv(CACHE_VARIABLE, str(tmp_path / "never"))
    assert cats.load_dataset()[0].shape[0] == 6
    assert cats.load_dataset(tmp_path / "option")[0].shape[0] == 8
    assert not (tmp_path / "never").exists()  # nothing generated when real files are given


BROKEN: dict[str, tuple[Callable[[Path], None], str]] = {
    "missing": (lambda path: None, "no such file"),
    "not HDF5": (lambda path: path.write_text("not a picture"), "not a readable HDF5 file"),
    "no labels": (lambda path: write_split(path, "train", 3, train_set_y=None),
                  "has no dataset 'train_set_y'"),
    "float pictures": (lambda path: write_split(path, "train", 3,
                                                train_set_x=np.zeros((3, 64, 64, 3))),
                       "train_set_x has dtype float64; expected uint8"),
    "grey pictures": (lambda path: write_split(path, "train", 3,
                                               train_set_x=np.zeros((3, 64, 64), np.uint8)),
                      "train_set_x has shape (3, 64, 64)"),
    "labels not 0/1": (lambda path: write_split(path, "train", 3, train_set_y=np.array([0, 2, 1])),
                       "integer labels 0 and 1"),
    "one label short": (lambda path: write_split(path, "train", 3,
                                                 train_set_y=np.array([0, 1])),
                        "train_set_y has shape (2,); expected (3,)"),
}


@pytest.mark.parametrize("name", list(BROKEN))
def test_a_file_off_the_schema_is_a_data_error_naming_it(tmp_path: Path, name: str) -> None:
    make, message = BROKEN[name]
    make(tmp_path / cats.TRAIN.file)
    write_split(tmp_path / cats.TEST.file, "test", 2)
    with pytest.raises(DataError) as raised:
        cats.load_dataset(tmp_path)
    assert raised.value.path == tmp_path / cats.TRAIN.file
    assert message in str(raised.value) and str(tmp_path / cats.TRAIN.file) in str(raised.value)


def test_a_folder_that_does_not_exist_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no such folder"):
        cats.load_dataset(tmp_path / "nowhere")


# --- grade data ------------------------------------------------------------------------------


def test_grade_data_generates_then_verifies(tmp_path: Path) -> None:
    runner = CliRunner()
    first = runner.invoke(cli, ["data", "--cache", str(tmp_path)])
    assert first.exit_code == 0, first.output
    assert "generated" in first.output and "209 pictures (72 cats)" in first.output
    assert "50 pictures (33 cats)" in first.output and str(tmp_path / "cats-v1") in first.output
    second = runner.invoke(cli, ["data", "--cache", str(tmp_path)])
    assert second.exit_code == 0 and "already there" in second.output


def test_grade_data_makes_a_damaged_generated_set_again(tmp_path: Path) -> None:
    cats.ensure_generated(tmp_path)
    (cats.generated_folder(tmp_path) / cats.TRAIN.file).write_bytes(b"damaged")
    found = cats.prepare(cache=tmp_path)
    assert found.origin == "generated" and found.train == (209, 72)


def test_grade_data_on_broken_course_files_is_one_line_and_exit_2(tmp_path: Path) -> None:
    from grader.cli import main

    (tmp_path / cats.TRAIN.file).write_text("oops")
    write_split(tmp_path / cats.TEST.file, "test", 2)
    with pytest.raises(SystemExit) as done:
        main(["data", "--cats-from", str(tmp_path)])
    assert done.value.code == 2


# --- the course's real files (skipped where they are absent) ------------------------------------


@needs_course_files
def test_the_loader_reads_the_course_files_exactly() -> None:
    train_x, train_y, test_x, test_y, classes = cats.load_dataset(COURSE_FILES)
    assert train_x.shape == (209, 64, 64, 3) and train_x.dtype == np.uint8
    assert test_x.shape == (50, 64, 64, 3) and train_y.shape == (1, 209)
    assert test_y.shape == (1, 50) and train_y.dtype == np.int64
    assert (int(train_y.sum()), int(test_y.sum())) == (72, 33)
    assert list(classes) == [b"non-cat", b"cat"]
    train_flat = train_x.reshape(train_x.shape[0], -1).T
    test_flat = test_x.reshape(test_x.shape[0], -1).T
    assert list(train_flat[0:10, 1]) == [196, 192, 190, 193, 186, 182, 188, 179, 174, 213]
    assert list(test_flat[0:10, 1]) == [115, 110, 111, 137, 129, 129, 155, 146, 145, 159]


@needs_course_files
@pytest.mark.parametrize("model,dims,first_cost", [
    ("two_layer_model", (12288, 7, 1), 0.693049735659989),
    ("L_layer_model", [12288, 20, 7, 5, 1], 0.7717493284237686),
])
def test_the_references_start_where_the_course_does(application: ModuleType, model: str,
                                                    dims: Any, first_cost: float) -> None:
    train_x, train_y, *_ = cats.load_dataset(COURSE_FILES)
    X = train_x.reshape(train_x.shape[0], -1).T / 255.0
    _, costs = getattr(application, model)(X, train_y, dims, num_iterations=1)
    assert float(costs[0]) == pytest.approx(first_cost, rel=1e-9)


@pytest.mark.slow
@needs_course_files
@pytest.mark.parametrize("model,dims,test_accuracy", [
    ("two_layer_model", (12288, 7, 1), 0.72),
    ("L_layer_model", [12288, 20, 7, 5, 1], 0.8),
])
def test_the_references_reach_the_course_accuracy(application: ModuleType, model: str,
                                                  dims: Any, test_accuracy: float) -> None:
    """2500 iterations, as the course trains: a minute or two each (`pytest -m slow`)."""
    train_x, train_y, test_x, test_y, _ = cats.load_dataset(COURSE_FILES)
    X, X_test = train_x.reshape(209, -1).T / 255.0, test_x.reshape(50, -1).T / 255.0
    parameters, _ = getattr(application, model)(X, train_y, dims, num_iterations=2500)
    predictions = application.L_model_forward(X_test, parameters)[0] > 0.5
    assert float(np.mean(predictions == test_y)) == pytest.approx(test_accuracy)
