"""Values keep their exact types through HDF5."""

from __future__ import annotations

from pathlib import Path

import h5py
import numpy as np
import pytest

from grader.errors import DataError
from grader.hdf5_values import read_value, write_value


@pytest.mark.parametrize("value", [
    None, True, 7, 0.5, "relu", np.float64(0.25), np.int64(3), np.array(2.5),
    np.arange(6.0).reshape(2, 3), np.zeros((0, 3)), np.array([[True, False]]),
    (1, 2.0), [0.1, 0.2], {"W1": np.ones((2, 2)), "b1": np.zeros((2, 1))},
    ((np.ones((3, 2)), np.ones((1, 3)), np.ones((1, 1))), np.ones((1, 2))),
    [((np.ones(2), np.ones(2), np.ones(2)), np.ones(2))], {"costs": [], "w": None},
])
def test_values_come_back_with_their_types(tmp_path: Path, value: object) -> None:
    with h5py.File(tmp_path / "v.h5", "w") as file:
        write_value(file, "v", value)
    with h5py.File(tmp_path / "v.h5", "r") as file:
        back = read_value(file["v"])
    assert_same(back, value)


def assert_same(back: object, value: object) -> None:
    assert type(back) is type(value)
    if isinstance(value, np.ndarray):
        assert back.dtype == value.dtype and back.shape == value.shape  # type: ignore[union-attr]
        assert np.array_equal(back, value)
    elif isinstance(value, (tuple, list)):
        assert len(back) == len(value)  # type: ignore[arg-type]
        for a, b in zip(back, value):  # type: ignore[call-overload]
            assert_same(a, b)
    elif isinstance(value, dict):
        assert list(back) == list(value)  # type: ignore[call-overload]
        for key in value:
            assert_same(back[key], value[key])  # type: ignore[index]
    else:
        assert back == value


def test_objects_cannot_be_stored(tmp_path: Path) -> None:
    with h5py.File(tmp_path / "v.h5", "w") as file, pytest.raises(DataError):
        write_value(file, "v", object())


def test_foreign_nodes_are_refused(tmp_path: Path) -> None:
    with h5py.File(tmp_path / "v.h5", "w") as file:
        file.create_dataset("x", data=np.ones(3))
    with h5py.File(tmp_path / "v.h5", "r") as file, pytest.raises(DataError):
        read_value(file["x"])
