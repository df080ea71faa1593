"""Globals a function reads, the names a cell binds, and what the learner is told."""

from __future__ import annotations

from grader.cell_globals import Binding, Cell, bindings, read_globals, warnings_for


def test_read_globals_are_the_free_names_builtins_aside() -> None:
    source = """def f(A, b=1):
    global counter
    counter = 0
    Z = np.dot(W, A) + b + len(A)
    rows = [z * scale for z in Z]
    def inner():
        return Z + offset
    return lambda t: t + shift, rows, inner"""
    assert read_globals(source) == ["np", "W", "scale", "offset", "shift"]
    assert read_globals("def f(:\n") == []


def test_bindings_tell_variables_from_imports_and_definitions() -> None:
    found = bindings("import numpy as np\nfrom m import g\nn_h = 4\nfor i in range(2): pass\n"
                     "def f(): pass\nclass K: pass\nwith open('x') as handle: pass\n")
    assert {name: b.variable for name, b in found.items()} == {
        "np": False, "g": False, "n_h": True, "i": True, "f": False, "K": False,
        "handle": True}
    assert bindings("x = (") == {}


def cell(label: str, bound: dict[str, bool], kept: set[str]) -> Cell:
    return Cell(label, {name: Binding(name, variable) for name, variable in bound.items()},
                frozenset(kept))


def test_only_variables_set_elsewhere_or_by_code_are_told() -> None:
    source = "def f(x):\n    return np.dot(W, x) + helper(x) + n_h + m"
    cells = [cell("In [1]", {"np": False, "n_h": True}, {"np", "n_h"}),
             cell("In [2]", {"helper": False}, {"helper"}),
             cell("In [3]", {"W": True}, set()),  # W = np.random.randn(...): not kept
             cell("In [4]", {"m": True, "f": False}, {"f", "m"})]
    told = warnings_for("f", source, "In [4]", cells)
    assert len(told) == 2
    assert told[0].startswith("f reads the global variable `W`, which In [3] sets by running "
                              "code")
    assert told[1].startswith("f reads the global variable `n_h`, set in In [1]: pass it")
    # `m` is set by code in f's own cell: also missing when grading
    cells[3] = cell("In [4]", {"m": True, "f": False}, {"f"})
    told = warnings_for("f", source, "In [4]", cells)
    assert any("`m`, which its own cell sets by running code" in t for t in told)


def test_the_last_cell_binding_a_name_is_the_one_that_counts() -> None:
    source = "def f(x):\n    return x * rate"
    cells = [cell("In [1]", {"rate": True}, {"rate"}),
             cell("In [2]", {"f": False}, {"f"}),
             cell("In [5]", {"rate": True}, set())]
    assert "In [5] sets by running code" in warnings_for("f", source, "In [2]", cells)[0]
    cells.append(cell("In [6]", {"rate": False}, {"rate"}))  # from config import rate
    assert warnings_for("f", source, "In [2]", cells) == []
