"""Course 2's references reproduce the course's published values (courses/improving/FACTS.md).

The inputs are the specs' "course example" cases, built from the course's seeds, so these tests
also check that those cases are the course's. Training runs that reproduce the notebooks'
accuracies take seconds each and are marked slow; short runs check their first costs.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from course2 import cases, helper, reference, run


def close(actual: Any, expected: Any, rtol: float = 1e-6, atol: float = 1e-8) -> None:
    np.testing.assert_allclose(np.asarray(actual, dtype=float), np.asarray(expected, dtype=float),
                               rtol=rtol, atol=atol)


# --- initialization ------------------------------------------------------------------------


def test_zeros() -> None:
    parameters = run("initialization", "initialize_parameters_zeros")
    assert {key: value.shape for key, value in parameters.items()} == {
        "W1": (2, 3), "b1": (2, 1), "W2": (1, 2), "b2": (1, 1)}
    assert not any(value.any() for value in parameters.values())


def test_random() -> None:
    parameters = run("initialization", "initialize_parameters_random")
    close(parameters["W1"], [[17.88628473, 4.36509851, 0.96497468],
                             [-18.63492703, -2.77388203, -3.54758979]])
    close(parameters["W2"], [[-0.82741481, -6.27000677]])
    assert not parameters["b1"].any() and parameters["b2"].shape == (1, 1)


def test_he() -> None:
    public = run("initialization", "initialize_parameters_he")
    close(public["W1"], [[1.46040903, 0.3564088, 0.07878985]])
    close(public["W2"], [[-2.63537665], [-0.39228616]])
    notebook = run("initialization", "initialize_parameters_he", "notebook example")
    close(notebook["W1"], [[1.78862847, 0.43650985], [0.09649747, -1.8634927],
                           [-0.2773882, -0.35475898], [-0.08274148, -0.62700068]])
    close(notebook["W2"], [[-0.03098412, -0.33744411, -0.92904268, 0.62552248]])


def _train_circles(initialization: str, iterations: int) -> tuple[dict[str, Any], list[float]]:
    """The initialization notebook's model: [2, 10, 5, 1], learning rate 0.01."""
    init_utils = helper("initialization", "init_utils")
    X, Y, _, _ = init_utils.load_dataset()
    parameters = getattr(reference("initialization"),
                         f"initialize_parameters_{initialization}")([2, 10, 5, 1])
    costs = []
    for i in range(iterations):
        a3, cache = init_utils.forward_propagation(X, parameters)
        if i % 1000 == 0:
            costs.append(init_utils.compute_loss(a3, Y))
        grads = init_utils.backward_propagation(X, Y, cache)
        parameters = init_utils.update_parameters(parameters, grads, 0.01)
    return parameters, costs


def test_he_training_starts_as_the_course_does() -> None:
    _, costs = _train_circles("he", 1001)
    assert costs == pytest.approx([0.8830537463419761, 0.6879825919728063], rel=1e-12)
    _, costs = _train_circles("zeros", 1001)
    assert costs == [0.6931471805599453] * 2  # every prediction exactly 0.5: log 2


@pytest.mark.slow
def test_circles_accuracies_as_in_the_course() -> None:
    init_utils = helper("initialization", "init_utils")
    X, Y, X_test, Y_test = init_utils.load_dataset()
    for initialization, train, test in (("zeros", 0.5, 0.5), ("he", 0.9933333333333333, 0.96)):
        parameters, costs = _train_circles(initialization, 15000)
        a3_train, _ = init_utils.forward_propagation(X, parameters)
        a3_test, _ = init_utils.forward_propagation(X_test, parameters)
        assert np.mean((a3_train > 0.5) == Y) == pytest.approx(train)
        assert np.mean((a3_test > 0.5) == Y_test) == pytest.approx(test)
    assert costs[-1] == pytest.approx(0.07357895962677366, rel=1e-9)


# --- regularization ------------------------------------------------------------------------


def test_compute_cost_with_regularization() -> None:
    assert run("regularization", "compute_cost_with_regularization") == pytest.approx(
        1.7864859451590758, rel=1e-12)


def test_backward_propagation_with_regularization() -> None:
    grads = run("regularization", "backward_propagation_with_regularization")
    close(grads["dW1"], [[-0.25604646, 0.12298827, -0.28297129],
                         [-0.17706303, 0.34536094, -0.4410571]])
    close(grads["dW2"], [[0.79276486, 0.85133918], [-0.0957219, -0.01720463],
                         [-0.13100772, -0.03750433]])
    close(grads["dW3"], [[-1.77691347, -0.11832879, -0.09397446]])
    close(grads["db1"], [[0.11845855], [0.21236874]])
    close(grads["db3"], [[-0.38032981]])


def test_forward_propagation_with_dropout() -> None:
    A3, cache = run("regularization", "forward_propagation_with_dropout")
    close(A3, [[0.36974721, 0.00305176, 0.04565099, 0.49683389, 0.36974721]])
    assert cache[1].tolist() == [[True, False, True, True, True], [True, True, True, True, True]]
    close(cache[2], [[0, 0, 3.05706487, 3.72429505, 0], [0, 5.94299915, 1.1293003, 2.09276446, 0]])


def test_backward_propagation_with_dropout() -> None:
    grads = run("regularization", "backward_propagation_with_dropout")
    close(grads["dA1"], [[0.36544439, 0, -0.00188233, 0, -0.17408748],
                         [0.65515713, 0, -0.00337459, 0, 0]], atol=2e-8)
    close(grads["dA2"], [[0.58180856, 0, -0.00299679, 0, -0.27715731],
                         [0, 0.53159854, 0, 0.53159854, -0.34089673],
                         [0, 0, -0.00292733, 0, 0]], atol=2e-8)
    close(grads["dW1"], [[0.00019884, 0.00028657, 0.00012138], [0.00035647, 0.00051375, 0.00021761]])
    close(grads["db1"], [[-0.00037647], [-0.00067492]])
    close(grads["dW3"], [[-0.06951191, 0, 0]])


def test_football_lookalike_has_the_course_schema() -> None:
    train_X, train_Y, test_X, test_Y = helper("regularization", "reg_utils").load_2D_dataset()
    assert (train_X.shape, train_Y.shape, test_X.shape, test_Y.shape) == (
        (2, 211), (1, 211), (2, 200), (1, 200))
    assert train_X.dtype == np.float64 and train_Y.dtype == np.uint8 == test_Y.dtype
    assert -0.6 <= train_X[0].min() and train_X[0].max() <= 0.3
    assert -0.8 <= train_X[1].min() and train_X[1].max() <= 0.6
    for X, Y in ((train_X, train_Y), (test_X, test_Y)):
        assert 0.4 < Y.mean() < 0.6
        design = np.c_[X.T, np.ones(X.shape[1])]
        weights = np.linalg.lstsq(design, 2.0 * Y[0] - 1, rcond=None)[0]
        straight = np.mean((design @ weights > 0) == Y[0])
        assert 0.85 < straight < 0.97  # mostly one diagonal, with noisy labels near it
        assert weights[0] < 0 < weights[1]  # blue is the upper-left side


# --- gradient checking -------------------------------------------------------------------------


def test_one_dimension() -> None:
    assert run("gradient_checking", "forward_propagation") == 8
    assert run("gradient_checking", "backward_propagation") == 2
    assert run("gradient_checking", "gradient_check") == 2.919335883291695e-10


def test_n_dimensions() -> None:
    wrong = run("gradient_checking", "gradient_check_n", "course example, the notebook's wrong")
    right = run("gradient_checking", "gradient_check_n", "course example, right")
    assert (wrong, right) == (pytest.approx(0.2850931567761623, rel=1e-12),
                              pytest.approx(1.1890913024229996e-07, rel=1e-9))
    assert not isinstance(wrong, np.ndarray)


def test_gc_utils_plumbing_round_trips() -> None:
    gc_utils = helper("gradient_checking", "gc_utils")
    parameters = cases("gradient_checking", "gradient_check_n")[0].args[0]
    theta, keys = gc_utils.dictionary_to_vector(parameters)
    assert theta.shape == (47, 1) and len(keys) == 47 and keys[19:21] == ["W1", "b1"]
    back = gc_utils.vector_to_dictionary(theta)
    assert all(np.array_equal(back[key], parameters[key]) for key in parameters)
    gradients = {f"d{key}": value * 2 for key, value in parameters.items()}
    assert np.array_equal(gc_utils.gradients_to_vector(gradients), theta * 2)


# --- optimization ------------------------------------------------------------------------------


def test_update_parameters_with_gd() -> None:
    parameters = run("optimization", "update_parameters_with_gd")
    close(parameters["W1"], [[1.63535156, -0.62320365, -0.53718766],
                             [-1.07799357, 0.85639907, -2.29470142]])
    close(parameters["b1"], [[1.74604067], [-0.75184921]])
    close(parameters["W2"], [[0.32171798, -0.25467393, 1.46902454],
                             [-2.05617317, -0.31554548, -0.3756023],
                             [1.1404819, -1.09976462, -0.1612551]])
    close(parameters["b2"], [[-0.88020257], [0.02561572], [0.57539477]])


def test_random_mini_batches() -> None:
    (first_X, first_Y), (last_X, last_Y) = run("optimization", "random_mini_batches")
    close(first_X, [[-0.52817175, -0.61175641], [-2.3015387, 0.86540763], [0.3190391, -0.7612069],
                    [-2.06014071, 1.46210794], [1.13376944, -0.38405435],
                    [-0.87785842, -0.17242821], [-1.10061918, 0.58281521]])
    close(last_X, [[1.62434536], [-1.07296862], [1.74481176], [-0.24937038], [-0.3224172],
                   [-1.09989127], [0.04221375]])
    assert first_Y.tolist() == [[False, False]] and last_Y.tolist() == [[False]]


def test_random_mini_batches_on_the_notebooks_large_inputs() -> None:
    ref = reference("optimization")
    np.random.seed(1)
    X = np.arange(12288 * 148).reshape(148, 12288).T
    batches = ref.random_mini_batches(X, np.random.randn(1, 148) < 0.5, 64)
    assert [b[0].shape for b in batches] == [(12288, 64), (12288, 64), (12288, 20)]
    assert batches[0][0][0][0:3].tolist() == [294912, 86016, 454656]
    assert batches[-1][0][-1][0:3].tolist() == [1425407, 1769471, 897023]
    np.random.seed(1)
    drawn = np.random.randn(12288, 148)
    batches = ref.random_mini_batches(drawn, np.random.randn(1, 148) < 0.5, 64)
    close(batches[0][0][0][0:3], [0.90085595, -0.7612069, 0.2344157])


def test_momentum_and_velocity() -> None:
    velocity = run("optimization", "initialize_velocity")
    assert sorted(velocity) == ["dW1", "dW2", "db1", "db2"] and velocity["db2"].shape == (3, 1)
    parameters, v = run("optimization", "update_parameters_with_momentum")
    close(parameters["W1"], [[1.62544598, -0.61290114, -0.52907334],
                             [-1.07347112, 0.86450677, -2.30085497]])
    close(parameters["b2"], [[-0.87809283], [0.04055394], [0.58207317]])
    close(v["dW1"], [[-0.11006192, 0.11447237, 0.09015907], [0.05024943, 0.09008559, -0.06837279]])
    close(v["db2"], [[0.02344157], [0.16598022], [0.07420442]])


def test_adam() -> None:
    v, s = run("optimization", "initialize_adam")
    assert v.keys() == s.keys() == {"dW1", "db1", "dW2", "db2"} and v["dW1"] is not s["dW1"]
    parameters, v, s, v_corrected, s_corrected = run("optimization",
                                                     "update_parameters_with_adam")
    close(parameters["W1"], [[1.63942428, -0.6268425, -0.54320974],
                             [-1.08782943, 0.85036983, -2.2865723]])
    close(parameters["b1"], [[1.75854357], [-0.74616067]])
    close(parameters["W2"], [[0.33356139, -0.26425199, 1.47707772],
                             [-2.04538458, -0.30744933, -0.36903141],
                             [1.14873036, -1.09256871, -0.15734651]])
    close(parameters["b2"], [[-0.89228024], [0.02707193], [0.56782561]])
    close(v["dW1"][0], [-0.22012384, 0.22894474, 0.18031814])
    close(s["dW2"][0], [8.03757060e-03, 3.15030152e-02, 5.35801947e-02])
    close(v_corrected["dW1"][0], np.array([-0.22012384, 0.22894474, 0.18031814]) / (1 - 0.8 ** 2))
    close(s_corrected["db2"], s["db2"] / (1 - 0.888 ** 2))


def test_learning_rate_decay() -> None:
    assert run("optimization", "update_lr") == 0.16666666666666666
    expected = {(0.5, 100, 1, 100): 0.25, (0.5, 10, 1, 100): 0.5, (0.3, 1000, 0.25, 100): 0.085714285,
                (0.3, 100, 0.25, 100): 0.24, (0.5, 10, 0.3, 100): 0.5,
                (0.5, 100, 0.3, 100): 0.3846153846153846}
    published = [c for c in cases("optimization", "schedule_lr_decay")
                 if c.label.startswith("course example")]
    assert {c.args for c in published} == set(expected)
    for case in published:
        got = reference("optimization").schedule_lr_decay(*case.args)
        assert got == pytest.approx(expected[case.args], rel=1e-8)


def _train_moons(optimizer: str, epochs: int, learning_rate: float = 0.0007,
                 decay: str | None = None) -> tuple[float, list[float]]:
    """The optimization notebook's model: [2, 5, 2, 1], mini-batches of 64, seed 10 + epoch;
    returns the training accuracy and the epochs' mean costs."""
    ref, opt_utils = reference("optimization"), helper("optimization", "opt_utils_v1a")
    X, Y = opt_utils.load_dataset()
    parameters, rate, t = opt_utils.initialize_parameters([2, 5, 2, 1]), learning_rate, 0
    v, s = ref.initialize_adam(parameters)
    costs = []
    for epoch in range(epochs):
        total = 0.0
        for batch_X, batch_Y in ref.random_mini_batches(X, Y, 64, 11 + epoch):
            a3, cache = opt_utils.forward_propagation(batch_X, parameters)
            total += opt_utils.compute_cost(a3, batch_Y)
            grads = opt_utils.backward_propagation(batch_X, batch_Y, cache)
            if optimizer == "gd":
                parameters = ref.update_parameters_with_gd(parameters, grads, rate)
            elif optimizer == "momentum":
                parameters, v = ref.update_parameters_with_momentum(parameters, grads, v, 0.9,
                                                                    rate)
            else:
                t += 1
                parameters, v, s, _, _ = ref.update_parameters_with_adam(parameters, grads, v, s,
                                                                         t, rate)
        costs.append(total / X.shape[1])
        if decay is not None:
            rate = getattr(ref, decay)(learning_rate, epoch, 1)
    a3, _ = opt_utils.forward_propagation(X, parameters)
    return float(np.mean((a3 > 0.5) == Y)), costs


def test_moons_training_starts_as_the_course_does() -> None:
    for optimizer, first in (("gd", 0.702405), ("momentum", 0.702413), ("adam", 0.702166)):
        assert round(_train_moons(optimizer, 1)[1][0], 6) == first


@pytest.mark.slow
def test_moons_accuracies_as_in_the_course() -> None:
    runs = ((("gd", 5000), 0.7166666666666667, 0.573367),
            (("momentum", 5000), 0.7166666666666667, 0.573444),
            (("adam", 5000), 0.9433333333333334, 0.136066),
            (("gd", 5000, 0.1, "update_lr"), 0.6533333333333333, 0.655486))
    for arguments, accuracy, cost_at_4000 in runs:
        got, costs = _train_moons(*arguments)
        assert got == pytest.approx(accuracy) and round(costs[4000], 6) == cost_at_4000


# --- datasets --------------------------------------------------------------------------------


def test_circles_are_the_courses() -> None:
    train_X, train_Y, test_X, test_Y = helper("initialization", "init_utils").load_dataset()
    assert (train_X.shape, train_Y.shape, test_X.shape, test_Y.shape) == (
        (2, 300), (1, 300), (2, 100), (1, 100))
    close(train_X[:, :3], [[-0.07741354, 0.4318696, 0.07916502], [0.85260226, -0.87214504,
                                                                 0.8406611]])
    assert train_Y[0, :10].tolist() == [1, 0, 1, 1, 0, 0, 1, 0, 1, 1]
    assert train_Y.sum() == 150 and test_Y.sum() == 50


def test_moons_are_the_courses() -> None:
    X, Y = helper("optimization", "opt_utils_v1a").load_dataset()
    assert X.shape == (2, 300) and Y.shape == (1, 300) and Y.dtype == np.int64
    close(X[:, :3], [[-0.21687013, 0.80505015, 0.71127451], [1.01544937, -0.5579734, -0.41006024]])
    assert Y[0, :10].tolist() == [0, 1, 1, 1, 0, 0, 1, 1, 0, 1]
