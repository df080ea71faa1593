"""The grader's own versions of the helper modules the course's notebooks import.

A learner's notebook says `from dnn_utils import sigmoid` or `from testCases import *`; in the
sandbox those names resolve to the modules here (see `ALIASES`), written for this project.
"""

from __future__ import annotations

import importlib

ALIASES: dict[str, str] = {
    "dnn_utils": "grader.course.dnn_utils",
    "dnn_utils_v2": "grader.course.dnn_utils",
    "dnn_app_utils_v3": "grader.course.dnn_app_utils_v3",
    "lr_utils": "grader.course.lr_utils",
}


def import_all() -> None:
    """Import every course module, so that forked children find them already loaded."""
    for target in sorted(set(ALIASES.values())):
        importlib.import_module(target)
