"""The planar datasets: the flower is the course's, the extra sets have the course's shapes."""

from __future__ import annotations

import numpy as np

from grader.courses.imports import helper_module
from grader.courses.registry import built_in
from grader.datasets import planar

planar_utils = helper_module(built_in(), "week3", "planar_utils")


def test_the_flower_is_the_courses() -> None:
    X, Y = planar_utils.load_planar_dataset()
    assert X.shape == (2, 400) and X.dtype == np.float64
    assert Y.shape == (1, 400) and Y.dtype == np.uint8
    np.testing.assert_allclose(X[:, :3], [[1.20444229, 0.1587099, 0.0952472],
                                          [3.57611415, -1.4821709, -1.27995533]], rtol=1e-7)
    assert Y[0, :200].sum() == 0 and Y[0, 200:].sum() == 200


def test_the_flower_leaves_numpys_global_random_state_alone() -> None:
    np.random.seed(5)
    before = np.random.get_state()[1].copy()
    planar.flower()
    assert np.array_equal(np.random.get_state()[1], before)


def test_another_seed_gives_another_flower() -> None:
    X, Y = planar.flower(m=100, seed=2)
    assert X.shape == (2, 100) and Y.shape == (1, 100)
    assert not np.allclose(X[:, :3], planar.flower()[0][:, :3])


def test_the_extra_sets_have_the_courses_shapes_and_are_deterministic() -> None:
    sets = planar_utils.load_extra_datasets()
    assert len(sets) == len(planar.EXTRA_NAMES) == 5
    for (X, y), name in zip(sets, planar.EXTRA_NAMES):
        assert X.shape == (200, 2) and y.shape == (200,), name
        assert np.issubdtype(y.dtype, np.integer), name
    again = planar.extra_datasets()
    for (X, y), (X2, y2) in zip(sets, again):
        assert np.array_equal(X, X2) and np.array_equal(y, y2)


def test_each_extra_set_has_its_structure() -> None:
    circles, moons, blobs, quantiles, no_structure = planar.extra_datasets(n=400, seed=3)
    radius = np.linalg.norm(circles[0], axis=1)
    assert radius[circles[1] == 1].mean() < radius[circles[1] == 0].mean()  # the inner circle
    assert np.bincount(moons[1]).tolist() == [200, 200]
    assert moons[0][moons[1] == 1, 1].mean() < moons[0][moons[1] == 0, 1].mean()
    assert sorted(set(blobs[1].tolist())) == list(range(6))
    distance = np.linalg.norm(quantiles[0], axis=1)
    assert distance[quantiles[1] == 0].max() <= distance[quantiles[1] == 1].min()
    assert no_structure[0].min() >= 0 and no_structure[0].max() < 1


def test_the_sigmoid_works_elementwise() -> None:
    assert planar_utils.sigmoid(0) == 0.5
    np.testing.assert_allclose(planar_utils.sigmoid(np.array([-1.0, 1.0])),
                               [0.26894142, 0.73105858], rtol=1e-7)


def test_the_decision_boundary_is_computed_without_matplotlib() -> None:
    X, Y = planar.flower(m=40)
    xx, yy, Z = planar_utils.plot_decision_boundary(lambda points: points[:, 0] > 0, X, Y)
    assert xx.shape == yy.shape == Z.shape
    assert abs(xx[0, 1] - xx[0, 0] - planar_utils.GRID_STEP) < 1e-12
    assert Z[0, 0] == (xx[0, 0] > 0) and Z[0, -1] == (xx[0, -1] > 0)
