"""What a kernel sends (`grader.kernel_cells`): its cells once each, and when a kept answer
serves a new check without asking the grading process."""

from __future__ import annotations

import pytest

from grader.kernel_cells import Request, Source, inert, same_question, significant, sources_of

DEFINE = "def linear_forward(A, W, b):\n    return W @ A + b, (A, W, b)"
WEEK = {"week": "week4", "parts": [{"name": "step_by_step"}]}


def test_each_text_counts_where_it_last_ran() -> None:
    sources = sources_of([(0, ""), (1, "import numpy as np"), (2, DEFINE), (3, "check(f)"),
                          (4, DEFINE), (5, "  \n"), (6, "check(f)")])
    assert [(s.label, s.text) for s in sources] == [
        ("In [1]", "import numpy as np"), ("In [4]", DEFINE), ("In [6]", "check(f)")]


@pytest.mark.parametrize("text,expected", [
    ('check(linear_forward, week="week4")', True),
    ("print(cost)\nlinear_forward(A, W, b)\npass", True),
    ("%timeit check(linear_forward)", True),
    ("%%bash\nls", True),
    ("def broken(:", True),  # did nothing in the kernel
    ("", True),
    ("(n_h := 4)", False),
    ("n_h = 4", False),
    ("import numpy as np", False),
    (DEFINE, False),
    ("for i in range(3):\n    print(i)", False),
])
def test_inert_cells_are_those_grading_reads_nothing_of(text: str, expected: bool) -> None:
    assert inert(Source("In [1]", text)) is expected
    assert inert(Source("answers.py", text, cell=False)) is False


def same_grading(asked: Request, answered: Request, week: dict[str, object]) -> bool:
    return same_question(asked, answered, week) and significant(asked) == significant(answered)


def request(*texts: str, names: tuple[str, ...] = ("linear_forward",), week: str | None = None,
            part: str | None = None) -> Request:
    return Request(sources_of(enumerate(texts, start=1)), names, week, part)


def test_a_kept_answer_serves_a_check_that_adds_only_inert_cells() -> None:
    prepared = request("import numpy as np", DEFINE)
    assert same_grading(request("import numpy as np", DEFINE, "check(linear_forward)"),
                        prepared, WEEK)
    assert same_grading(request("import numpy as np", DEFINE, "print(1)", week="week4",
                                part="step_by_step"), prepared, WEEK)


@pytest.mark.parametrize("asked", [
    request("import numpy as np", DEFINE.replace("+ b", ""), "check(linear_forward)"),
    request("import numpy as np", DEFINE, "n_h = 4"),
    request("import numpy as np", "import math", DEFINE),
    request(DEFINE, "import numpy as np"),  # another order: the import runs last
    request("import numpy as np", DEFINE, names=("linear_forward", "compute_cost")),
    request("import numpy as np", DEFINE, names=()),
    request("import numpy as np", DEFINE, week="week3"),
    request("import numpy as np", DEFINE, part="application"),
])
def test_anything_grading_reads_that_differs_asks_again(asked: Request) -> None:
    assert not same_grading(asked, request("import numpy as np", DEFINE), WEEK)
