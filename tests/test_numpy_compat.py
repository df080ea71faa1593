"""numpy 1.x spellings run in the sandbox as numpy 1.x ran them, with a warning naming today's."""

from __future__ import annotations

import types
from pathlib import Path

import numpy as np
import pytest
from conftest import GradeFn, loaded_child

from grader.properties import warnings_for
from grader.results import Status
from grader.sandbox import Call, Sandbox
from grader.sandbox.numpy_compat import SPELLINGS, install


def _copy_of_numpy() -> types.ModuleType:
    module = types.ModuleType("np")
    module.__dict__.update(vars(np))
    return module


def test_every_old_spelling_means_what_numpy_1_meant() -> None:
    old = _copy_of_numpy()
    added = install(old)
    assert set(added) <= set(SPELLINGS) and "product" in added and "int" in added
    assert old.product([2, 3, 4]) == 24 and list(old.cumproduct([1, 2, 3])) == [1, 2, 6]
    assert old.alltrue([True, False]) == False and old.sometrue([False, True]) == True
    assert old.round_(2.567, 1) == 2.6 and old.asscalar(np.array([7])) == 7
    assert (old.int, old.float, old.complex, old.object, old.str) == (int, float, complex,
                                                                      object, str)
    assert old.float_ is np.float64 and old.bool8 is np.bool_ and old.NINF == -np.inf
    assert np.isnan(old.NaN) and old.Inf == np.inf and old.PZERO == 0.0
    assert old.msort(np.array([[3, 1], [1, 2]])).tolist() == [[1, 1], [3, 2]]
    assert old.in1d([[1, 5], [2, 3]], [1, 2]).tolist() == [True, False, True, False]
    assert not hasattr(np, "product")  # the grader's own numpy is left alone


def test_a_name_numpy_still_defines_is_left_as_numpy_means_it() -> None:
    old = _copy_of_numpy()
    old.product = "numpy's own"
    assert "product" not in install(old) and old.product == "numpy's own"
    assert old.bool is np.bool  # numpy 2 defines np.bool: not an old spelling here


def test_the_sandbox_has_them(sandbox: Sandbox) -> None:
    child = loaded_child(sandbox, "import numpy as np\ndef f(x):\n"
                                  "    return np.product(x.shape), np.int(np.float(2.5)), "
                                  "np.asscalar(np.alltrue(x > 0))\n")
    try:
        outcome = child.calls("f", [Call((np.ones((2, 3)),))])[0]
    finally:
        child.close()
    assert outcome.ok and outcome.value == (6, 2, True)


def test_a_function_in_numpy_1_spelling_passes_with_a_warning(grade: GradeFn,
                                                              tmp_path: Path) -> None:
    (tmp_path / "old.py").write_text(
        "import numpy as np\n\ndef L1(yhat, y):\n"
        "    loss = np.float(np.sum(np.abs(y - yhat)))\n    return loss\n\n"
        "def image2vector(image):\n    return image.reshape(np.product(image.shape), 1)\n")
    report = grade(tmp_path / "old.py", "week2")
    results = {f.name: f for f in report.functions}
    assert results["L1"].status is Status.PASS and results["image2vector"].status is Status.PASS
    assert results["L1"].warnings == (("line 4 uses np.float, which numpy 2 removed: it ran here "
                                      "as numpy 1.x ran it; today write float"),)
    assert "today write np.prod" in results["image2vector"].warnings[0]


@pytest.mark.parametrize("name", sorted(SPELLINGS))
def test_each_spelling_is_warned_about(name: str) -> None:
    found = warnings_for(f"def f(x):\n    return np.{name}\n")
    assert found == ((f"line 2 uses np.{name}, which numpy 2 removed: it ran here as numpy 1.x "
                     f"ran it; today write {SPELLINGS[name]}"),)


def test_current_spellings_and_other_owners_are_not_warned_about() -> None:
    assert warnings_for("def f(x):\n    return np.prod(x) + np.int64(1) + other.product\n") == ()
