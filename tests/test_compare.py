"""Comparison levels, in order, with figures computed by the grader."""

from __future__ import annotations

import numpy as np

from grader.compare import Tolerance, compare
from grader.results import Level
from grader.sandbox.wire import Opaque


def test_equal_outputs_give_no_mismatch() -> None:
    value = (np.ones((3, 1)), {"W1": np.zeros((2, 2)), "b1": 0.5}, [1.0, 2.0])
    assert compare(value, value) is None


def test_structure_comes_before_everything() -> None:
    found = compare((np.ones(3),), (np.ones((3, 1)), (1, 2)), names=("Z", "cache"))
    assert found is not None and found.level is Level.STRUCTURE
    assert "has 1 entry" in found.summary or "has 1 entries" in found.summary


def test_missing_and_extra_dict_keys_are_named() -> None:
    found = compare({"W0": 1, "W1": 1}, {"W1": 1, "W2": 2}, name="parameters")
    assert found is not None and found.level is Level.STRUCTURE
    assert "missing 'W2'" in found.summary and "unexpected 'W0'" in found.summary


def test_types_are_checked_before_shapes() -> None:
    found = compare((np.float64(1.0), np.ones(2)), (np.ones((1, 1)), np.ones((2, 1))),
                    names=("db", "dW"))
    assert found is not None and found.level is Level.TYPE and found.path == "db"


def test_strict_scalar_types() -> None:
    assert compare(0, 0.0, name="b", strict_types=True) is not None
    assert compare(np.float64(0.0), 0.0, name="b", strict_types=True) is None
    assert compare(0, 0.0, name="b") is None


def test_crafted_objects_are_the_wrong_type() -> None:
    found = compare(Opaque("evil.LyingArray", "..."), np.ones(2), name="A")
    assert found is not None and found.level is Level.TYPE
    assert "evil.LyingArray" in found.summary


def test_a_rank1_array_is_named_as_such() -> None:
    found = compare(np.ones(3), np.ones((3, 1)), name="db")
    assert found is not None and found.level is Level.SHAPE
    assert "rank-1 array of shape (3,)" in found.summary and "keepdims" in found.summary


def test_a_transposed_array_is_suspected() -> None:
    found = compare(np.ones((2, 3)), np.ones((3, 2)), name="Z")
    assert found is not None and "transposed" in found.summary


def test_value_figures_are_computed_here() -> None:
    expected = np.arange(12.0).reshape(3, 4)
    yours = expected.copy()
    yours[0, 1] += 0.5
    yours[2, 3] *= 3
    found = compare(yours, expected, name="dW", tolerance=Tolerance(1e-5, 1e-8))
    assert found is not None and found.level is Level.VALUES
    assert (found.differing, found.total) == (2, 12)
    assert found.max_abs == 22.0 and found.max_rel == 2.0
    assert [p.index for p in found.positions] == [(0, 1), (2, 3)]
    assert found.positions[0].yours == "1.5" and found.positions[0].expected == "1"
    assert (found.rtol, found.atol) == (1e-5, 1e-8)


def test_positions_are_capped_at_five() -> None:
    found = compare(np.ones(10), np.zeros(10), name="x")
    assert found is not None and found.differing == 10 and len(found.positions) == 5


def test_nan_where_a_number_is_expected_differs() -> None:
    found = compare(np.array([1.0, np.nan]), np.array([1.0, 2.0]), name="x")
    assert found is not None and found.differing == 1


def test_tolerance_is_relative_and_absolute() -> None:
    assert compare(1.0 + 1e-7, 1.0) is None
    assert compare(1.0 + 1e-3, 1.0) is not None
    assert compare(1.0 + 1e-3, 1.0, tolerance=Tolerance(rtol=1e-2)) is None


def test_a_list_of_numbers_compares_as_one_array() -> None:
    found = compare([0.69, 0.5, 0.4], [0.69, 0.6, 0.4], name="costs")
    assert found is not None and found.path == "costs" and found.differing == 1


def test_booleans_and_floats_compare_by_value() -> None:
    assert compare(np.array([[True, False]]), np.array([[1.0, 0.0]])) is None


def test_a_complex_answer_is_not_a_real_one() -> None:
    """Complex numbers whose real parts match are still not the real answer: a type mismatch,
    for arrays and for scalars."""
    expected = np.array([[0.5, 1.5]])
    found = compare(expected + 0j, expected)
    assert found is not None and found.level is Level.TYPE and "complex128" in found.summary
    scalar = compare(np.complex128(0.25), np.float64(0.25))
    assert scalar is not None and scalar.level is Level.TYPE
    assert compare(expected + 0j, expected + 0j) is None  # complex where complex is expected
