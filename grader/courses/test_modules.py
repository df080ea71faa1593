"""The course's test modules (`testCases`, `public_tests`, `test_utils`, …), as stand-ins.

Notebooks import them at the top (`from public_tests import *`, `from test_utils import
single_test`) and call them only in test cells, which the grader never runs. Any name imported
from here exists; calling it says why it does nothing.
"""

from __future__ import annotations

from typing import Any, NoReturn


def __getattr__(name: str) -> Any:
    if name.startswith("__"):
        raise AttributeError(name)

    def not_while_grading(*args: Any, **kwargs: Any) -> NoReturn:
        raise RuntimeError(f"{name} comes from the course's test modules, which are not "
                           "available while grading: call it only from test cells")

    not_while_grading.__name__ = name
    return not_while_grading
