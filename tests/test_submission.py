"""Reading submissions: what is kept, what is ignored, what cannot be read at all."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from grader.errors import SubmissionError
from grader.sandbox import Sandbox
from grader.submission import load_submission
from grader.submission.extract import extract, is_stub


def kept(text: str) -> list[str]:
    return [s.source.splitlines()[0] for s in extract(text, Path("x.py"), "x.py").statements]


def test_only_imports_definitions_and_constants_are_kept() -> None:
    text = """
import numpy as np
from dnn_utils import relu
try:
    import matplotlib.pyplot as plt
except ImportError:
    pass
n_h = 4
layers = [12288, 20, 7, 5, 1]
size = 64 * 64 * 3
X = np.random.randn(3, 2)
print("hello")
initialize_parameters(3, 2, 1)
for i in range(3):
    pass
if __name__ == "__main__":
    main()
def f(x):
    return x
class Model:
    pass
"""
    assert kept(text) == ["import numpy as np", "from dnn_utils import relu", "try:",
                          "n_h = 4", "layers = [12288, 20, 7, 5, 1]", "size = 64 * 64 * 3",
                          "def f(x):", "class Model:"]


@pytest.mark.parametrize("text", [
    "try:\n    import numpy\nfinally:\n    open('/tmp/x', 'w')\n",
    "try:\n    import numpy\nexcept ImportError:\n    print('no numpy')\n",
    "try:\n    import numpy\nexcept ImportError:\n    pass\nelse:\n"
    "    linear_forward = lambda A, W, b: (W @ A + b, ())\n",
    "try:\n    import numpy\nexcept (__import__('os').system('id') or ImportError):\n    pass\n",
    "try:\n    import numpy\nfinally:\n    def linear_forward(A, W, b):\n        return 1\n",
])
def test_a_try_of_imports_with_anything_else_is_not_kept(text: str) -> None:
    """Code in a `finally`, `else` or handler (or a handler's type) would run at load, or
    define a function out of the grader's sight: such a `try` is ignored, like any code."""
    unit = extract(text, Path("x.py"), "x.py")
    assert unit.statements == () and unit.functions == ()
    assert unit.ignored and "try:" in unit.ignored[0]


def test_a_try_of_imports_is_kept() -> None:
    text = ("try:\n    import h5py\nexcept (ImportError, ModuleNotFoundError):\n    pass\n"
            "else:\n    import h5py.h5\nfinally:\n    pass\n")
    assert kept(text) == ["try:"]


def test_line_numbers_are_the_learners() -> None:
    unit = extract("import numpy as np\n\n\ndef f(x):\n    return x\n", Path("x.py"), "x.py")
    assert unit.functions[0].line == 4
    assert unit.statements[1].line == 4


def test_a_syntax_error_costs_only_its_own_block() -> None:
    text = "def good(x):\n    return x\n\ndef bad(x):\n    return x +\n\ndef also_good():\n    pass\n"
    unit = extract(text, Path("x.py"), "x.py")
    assert [f.name for f in unit.functions] == ["good", "also_good"]
    assert unit.broken[0][0] == "bad"
    assert "line 5" in unit.problems[0] and "SyntaxError" in unit.problems[0]


@pytest.mark.parametrize("header", ["# GRADED FUNCTION: f", "# GRADED FUNCTION:f",
                                    "#GRADED FUNCTION:   f"])
def test_graded_headers_with_any_spacing(header: str) -> None:
    unit = extract(f"{header}\ndef f():\n    pass\n", Path("x.py"), "x.py")
    assert unit.functions[0].headed


@pytest.mark.parametrize("body,stub", [
    ("    # YOUR CODE STARTS HERE\n    # Z = ...\n    # YOUR CODE ENDS HERE\n", True),
    ("    # YOUR CODE STARTS HERE\n    Z = None\n    # YOUR CODE ENDS HERE\n", True),
    ("    ### START CODE HERE ### (≈ 1 line)\n    Z = None\n    ### END CODE HERE ###\n", True),
    ("    # YOUR CODE STARTS HERE\n    raise NotImplementedError\n    # YOUR CODE ENDS HERE\n", True),
    ("    # YOUR CODE STARTS HERE\n    Z = W @ A\n    # YOUR CODE ENDS HERE\n", False),
    ("    Z = W @ A\n", False),
    # code on a marker's own line is inside the region
    ("    # YOUR CODE STARTS HERE\n    Z = W @ A  # YOUR CODE ENDS HERE\n", False),
    ("    ### START CODE HERE ###\n    Z = W @ A ### END CODE HERE ###\n", False),
    # code above an empty region: a stub by its source (it is still run, see test_unfinished)
    ("    Z = W @ A\n    # YOUR CODE STARTS HERE\n    # YOUR CODE ENDS HERE\n", True),
])
def test_stubs_are_recognised_by_their_empty_regions(body: str, stub: bool) -> None:
    lines = ["def f(A, W):", *body.splitlines(), "    return Z"]
    assert is_stub(lines) is stub


def test_notebook_magics_and_shell_lines_are_blanked(sandbox: Sandbox, tmp_path: Path) -> None:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# Title"),
        nbformat.v4.new_code_cell("%matplotlib inline\n!pip install numpy\nimport numpy as np"),
        nbformat.v4.new_code_cell("%%bash\necho hi"),
        nbformat.v4.new_code_cell("%%time\ndef f():\n    return 1"),
        nbformat.v4.new_code_cell("files = !ls\nnp.zeros?"),
    ]
    path = tmp_path / "n.ipynb"
    nbformat.write(notebook, str(path))
    submission = load_submission(path, sandbox)
    assert [s.source for u in submission.units for s in u.statements] == [
        "import numpy as np", "def f():\n    return 1"]
    f = submission.find(("f",))
    assert f is not None and f.cell == 4 and f.line == 2 and f.label.endswith("cell 4")


def test_a_folder_reads_py_files_and_notebooks_but_not_checkpoints(sandbox: Sandbox, tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("def a():\n    pass\n")
    (tmp_path / ".ipynb_checkpoints").mkdir()
    (tmp_path / ".ipynb_checkpoints" / "b.py").write_text("def b():\n    pass\n")
    (tmp_path / "notes.txt").write_text("def c(): pass")
    assert load_submission(tmp_path, sandbox).defined == {"a"}


def test_a_headed_definition_is_the_one_that_runs(sandbox: Sandbox, tmp_path: Path) -> None:
    path = tmp_path / "x.py"
    path.write_text("# GRADED FUNCTION: f\ndef f():\n    return 1\n\ndef f():\n    return 2\n")
    submission = load_submission(path, sandbox)
    assert submission.find(("f",)).line == 2
    assert [s.line for u in submission.loadable() for s in u.statements] == [2]


def _files(tmp_path: Path, **sources: str) -> Path:
    for name, source in sources.items():
        (tmp_path / f"{name}.py").write_text(source)
    return tmp_path


def _kept_files(sandbox: Sandbox, tmp_path: Path, names: set[str], others: set[str]) -> list[str]:
    part = load_submission(tmp_path, sandbox).for_part(names, others)
    return sorted(unit.file.stem for unit in part.units)


def test_each_part_keeps_the_files_that_define_what_only_it_has(sandbox: Sandbox, tmp_path: Path) -> None:
    _files(tmp_path, basics="def sigmoid(x): ...\ndef softmax(x): ...\n",
           regression="def sigmoid(z): ...\ndef propagate(w): ...\n",
           helpers="def plot(x): ...\n", shared="def sigmoid(x): ...\n")
    basics, regression = {"sigmoid", "softmax"}, {"sigmoid", "propagate"}
    assert _kept_files(sandbox, tmp_path, basics, regression) == ["basics", "helpers", "shared"]
    assert _kept_files(sandbox, tmp_path, regression, basics) == ["helpers", "regression", "shared"]
    assert _kept_files(sandbox, tmp_path, basics, set()) == ["basics", "helpers", "regression", "shared"]


def test_a_single_file_of_another_part_serves_nothing(sandbox: Sandbox, tmp_path: Path) -> None:
    _files(tmp_path, regression="def sigmoid(z): ...\ndef propagate(w): ...\n")
    assert _kept_files(sandbox, tmp_path, {"sigmoid", "softmax"}, {"sigmoid", "propagate"}) == []
    assert _kept_files(sandbox, tmp_path, {"sigmoid", "propagate"}, {"sigmoid", "softmax"}) == [
        "regression"]
def test_each_part_takes_a_shared_name_from_its_own_file(sandbox: Sandbox, tmp_path: Path) -> None:
    """Two notebooks define `sigmoid`: each part runs the one beside its other functions."""
    (tmp_path / "a_basics.py").write_text("def sigmoid(x):\n    return 1\n"
                                          "def softmax(x):\n    return 1\n")
    (tmp_path / "b_logistic.py").write_text("def sigmoid(x):\n    return 2\n"
                                            "def propagate(x):\n    return 2\n"
                                            "def optimize(x):\n    return 2\n")
    (tmp_path / "helpers.py").write_text("def mine():\n    return 3\n")
    submission = load_submission(tmp_path, sandbox)
    basics, logistic = {"sigmoid", "softmax"}, {"sigmoid", "propagate", "optimize"}
    for names, others, file in ((basics, logistic, "a_basics.py"),
                                (logistic, basics, "b_logistic.py")):
        part = submission.for_part(names, others)
        assert part.find(("sigmoid",)).file.name == file
        assert part.defined == names | {"mine"}
        assert [s.defines for u in part.loadable() for s in u.statements].count("sigmoid") == 1


@pytest.mark.parametrize("name,content,message", [
    ("missing.py", None, "no such file"),
    ("binary.py", b"\x00\x01\x02", "binary"),
    ("latin.py", "caf\xe9 = 1".encode("latin-1"), "not UTF-8"),
    ("bad.ipynb", b"{not json", "invalid JSON"),
    ("old.ipynb", json.dumps({"nbformat": 3, "nbformat_minor": 0, "worksheets": []}).encode(),
     "nbformat"),
    ("empty.ipynb", json.dumps({"nbformat": 4, "nbformat_minor": 4, "metadata": {},
                                "cells": []}).encode(), "no code cells"),
    ("notes.txt", b"hello", "not a .py file"),
])
def test_unreadable_submissions_are_one_clear_error(sandbox: Sandbox, tmp_path: Path, name: str,
                                                    content: bytes | None, message: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(SubmissionError) as error:
        load_submission(path, sandbox)
    assert message in str(error.value)
    assert str(path) in str(error.value)
    assert "\n" not in str(error.value)


def test_an_empty_folder_is_an_error(sandbox: Sandbox, tmp_path: Path) -> None:
    with pytest.raises(SubmissionError, match="no .py file and no notebook"):
        load_submission(tmp_path, sandbox)


def test_a_statement_seen_before_is_compiled_as_if_new() -> None:
    import marshal
    import traceback

    text = "import numpy as np\n\n\ndef f(x: int) -> float:\n    return [1 / 0 for _ in x]\n"
    for label in ("alice.py", "bob.py"):  # bob's is kept from alice's, and renamed
        unit = extract(text, Path(label), label)
        code = marshal.loads(unit.statements[1].code)
        assert code == compile("\n\n\n" + unit.statements[1].source, label, "exec",
                               dont_inherit=True)
        namespace: dict[str, object] = {}
        exec(code, namespace)
        function = namespace["f"]
        assert function.__annotations__ == {"x": int, "return": float}  # no postponed ones
        with pytest.raises(ZeroDivisionError) as raised:
            function([1])
        frames = traceback.extract_tb(raised.value.__traceback__)[1:]
        assert [(f.filename, f.lineno) for f in frames] == [(label, 5)] * 2


def test_imports_of_the_grader_itself_are_never_loaded() -> None:
    text = """import numpy as np
from grader import check
import grader.checker as checking
try:
    from grader import check
except ImportError:
    def check(*functions, **where):
        print("install the grader")
try:
    import matplotlib.pyplot as plt
except ImportError:
    pass
from .grader import thing
from grader.course.dnn_utils import sigmoid
check(f)
"""
    assert kept(text) == ["import numpy as np", "try:", "from .grader import thing",
                          "from grader.course.dnn_utils import sigmoid"]


def test_the_same_bytes_are_parsed_once(sandbox: Sandbox, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A class's discovery and its grading read each file twice: the parse child parses it
    once; a changed file is parsed again."""
    from grader.submission.reading import Parser

    parsed: list[str] = []
    real = Parser._parse
    monkeypatch.setattr(Parser, "_parse", lambda self, path, *rest: (
        parsed.append(path.name), real(self, path, *rest))[1])
    (tmp_path / "a.py").write_text("def a():\n    return 1\n")
    first = load_submission(tmp_path, sandbox)
    assert load_submission(tmp_path, sandbox).defined == first.defined == {"a"}
    (tmp_path / "a.py").write_text("def b():\n    return 2\n")
    assert load_submission(tmp_path, sandbox).defined == {"b"}
    assert parsed == ["a.py", "a.py"]
