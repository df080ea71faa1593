"""The mutation generator, the judge of hints, and `grade selfcheck --mutants` on a sample."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT

from grader.mutation.check import Outcome, check_mutants, sample, week_mutants
from grader.mutation.generate import Mutant, mutants
from grader.mutation.judge import Judgement, judge
from grader.mutation.report import counts, passed, table
from grader.references import References
from grader.sandbox import Sandbox
from grader.courses.registry import get_week

MODULE = '''
import numpy as np
from helpers import relu, sigmoid


def layer(A, W, b, parameters, activation):
    """Docstring: left alone."""
    m = A.shape[1]
    L = len(parameters) // 2
    Z = np.dot(W, A) + b
    for l in range(1, L):
        key = "W" + str(l)
        Z = Z - parameters[key]
    s = np.sum(Z, axis=1, keepdims=True) / m
    out = relu(Z) if activation == "relu" else sigmoid(Z)
    print("done", m * 2)
    return -out, s, np.tanh(Z)
'''


def details(function: str = "layer") -> list[str]:
    return [m.detail for m in mutants(MODULE, function)]


def test_each_operator_makes_the_edits_learners_make() -> None:
    made = details()
    for edit in ("np.dot(W, A) → np.dot(A, W)",  # swap_operands
                 "np.sum(Z, axis=1, keepdims=True) / m → np.sum(Z, axis=1, keepdims=True)",
                 "np.dot(W, A) + b → np.dot(W, A)",  # drop_factor: a factor, a term
                 "np.sum(Z, axis=1, keepdims=True) → np.sum(Z, axis=0, keepdims=True)",
                 "np.sum(Z, axis=1, keepdims=True) → np.sum(Z, axis=1)",  # change_axis
                 "A.shape[1] → A.shape[0]",
                 "-out → out", "np.dot(W, A) + b → np.dot(W, A) - b",  # flip_sign
                 "str(l) → str(l + 1)", "range(1, L) → range(0, L)",  # shift_index
                 "range(1, L) → range(1, L + 1)",
                 "relu(Z) → sigmoid(Z)", "np.dot(W, A) → W * A",  # swap_call
                 "np.sum(Z, axis=1, keepdims=True) → np.mean(Z, axis=1, keepdims=True)"):
        assert edit in made, edit


def test_no_edit_where_no_learner_slips() -> None:
    made = details()
    assert not any('"W" - str(l)' in d or "'W' - str(l)" in d for d in made)  # text
    assert not any("print" in d or "m * 2" in d for d in made)  # a print
    assert not any(d.startswith("len(parameters) // 2 → 2 //") for d in made)
    assert "np.tanh(Z) → sigmoid(Z)" in made  # the module has sigmoid
    only_relu = MODULE.replace("from helpers import relu, sigmoid", "from helpers import relu")
    only_relu = only_relu.replace("relu(Z) if activation == \"relu\" else sigmoid(Z)", "relu(Z)")
    assert not any("sigmoid" in m.detail for m in mutants(only_relu, "layer"))  # it has not


def test_mutants_are_distinct_named_and_the_same_every_time() -> None:
    first, second = mutants(MODULE, "layer"), mutants(MODULE, "layer")
    assert first == second
    assert len({m.source for m in first}) == len(first)
    assert len({m.name for m in first}) == len(first)
    for mutant in first:
        compile(mutant.source, "<mutant>", "exec")
        assert mutant.source.startswith("def layer(")
    assert mutants(MODULE, "absent") == []


def mutant(operator: str, **info: str) -> Mutant:
    return Mutant("f", operator, 1, "a → b", tuple(sorted(info.items())), "def f(): pass")


@pytest.mark.parametrize("operator,info,basis,expected", [
    ("drop_factor", {"dropped": "m"}, ("scalar.scale:m@dW",), Judgement.NAMED),
    ("drop_factor", {"dropped": "0.01"}, ("scalar.scale:100@W1",), Judgement.NAMED),
    ("drop_factor", {"dropped": "m"}, ("scalar.scale:n_x@dW",), Judgement.CONTRADICTED),
    ("drop_factor", {"dropped": "b", "kept": "np.dot(W, A)"},
     ("scalar.offset:b@Z",), Judgement.NAMED),
    ("drop_factor", {"dropped": "m"}, ("scalar.sign:-1@dW",), Judgement.CONTRADICTED),
    ("flip_sign", {"minus": "dropped"}, ("scalar.sign:-1@cost",), Judgement.NAMED),
    ("change_factor", {"factor": "0.01", "scale": "10"}, ("scalar.scale:10@W1",),
     Judgement.NAMED),
    ("change_factor", {"factor": "0.01", "scale": "10"}, ("scalar.scale:100@W1",),
     Judgement.CONTRADICTED),
    ("shift_index", {"delta": "1"}, ("structure.shift:1@grads",), Judgement.NAMED),
    ("swap_call", {"call": "relu->sigmoid"}, ("computation.activation:sigmoid|relu@A",),
     Judgement.NAMED),
    ("swap_call", {"call": "relu->sigmoid"}, ("backward.only:dW1@dW1",), Judgement.STATED),
    ("change_axis", {"axis": "1->0"}, ("mistake:db_rank1",), Judgement.CATALOGUED),
])
def test_the_judge(operator: str, info: dict[str, str], basis: tuple[str, ...],
                   expected: Judgement) -> None:
    assert judge(mutant(operator, **info), basis) is expected


def test_the_mutants_of_one_function_graded_hinted_and_never_contradicted(
        sandbox: Sandbox, references: References) -> None:
    week = get_week("week4")
    chosen = week_mutants(week, references, ["linear_backward"])
    assert len(chosen) >= 12
    checked = check_mutants(week, sandbox, references, chosen)
    total = counts(checked.checks)
    assert total["caught"] == len(chosen) - total["equivalent"] - total["missed"]
    assert total["hinted"] >= 0.85 * total["caught"] and total["contradicted"] == 0
    assert passed(checked)
    text = table(checked)
    assert "linear_backward" in text and "of the caught:" in text
    by_detail = {c.mutant.detail: c for c in checked.checks}
    dropped = by_detail["np.dot(dZ, A_prev.T) / m → np.dot(dZ, A_prev.T)"]
    assert dropped.judgement is Judgement.NAMED and dropped.hint is not None
    assert dropped.hint.startswith("dW is exactly m times the expected on every case")


def test_an_equivalent_mutant_is_found_by_running_it(sandbox: Sandbox,
                                                     references: References) -> None:
    week = get_week("week3")
    chosen = [c for c in week_mutants(week, references, ["update_parameters"])
              if "np.dot(learning_rate" in c[2].detail]
    assert chosen  # learning_rate * dW → np.dot(learning_rate, dW): the same numbers
    checked = check_mutants(week, sandbox, references, chosen)
    assert all(c.outcome is Outcome.EQUIVALENT for c in checked.checks)


def test_a_sample_is_spread_and_deterministic(references: References) -> None:
    every = week_mutants(get_week("week2"), references)
    picked = sample(every, 5)
    assert picked == sample(every, 5) and len(picked) == (len(every) + 4) // 5
    assert len({function.name for _, function, _ in picked}) > 5


def test_the_command_reports_and_exits_0() -> None:
    done = subprocess.run([sys.executable, "-m", "grader", "selfcheck", "week4", "--mutants",
                           "--function", "linear_forward"], check=False, cwd=ROOT,
                          text=True, capture_output=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "week4: mutants of the references" in done.stdout
    assert "linear_forward" in done.stdout and "0 contradicted" in done.stdout


def test_mutants_run_with_the_course_modules_of_their_part(sandbox: Sandbox,
                                                           references: References) -> None:
    # week 3's forward_propagation calls the course's sigmoid (planar_utils); week 4's
    # application part is provided by dnn_app_utils_v3: a mutant is graded with them
    for week_name, function in (("week3", "forward_propagation"), ("week4", "two_layer_model")):
        week = get_week(week_name)
        chosen = sample(week_mutants(week, references, [function]), 4)
        checked = check_mutants(week, sandbox, references, chosen)
        total = counts(checked.checks)
        assert total["caught"] and total["hinted"] >= 0.85 * total["caught"], table(checked)
