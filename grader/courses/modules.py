"""The grader's own versions of the helper modules the course's notebooks import.

A learner's notebook says `from dnn_utils import sigmoid` or `from testCases import *`; in the
sandbox those names resolve to the modules here (see `ALIASES`), written for this project.

A sandbox child holds only the course modules its part allows (`Part.modules`): they are not
imported in the zygote, but shipped to each child as compiled code (`shipped`), because some
of them implement functions that another part grades (`dnn_utils.sigmoid` is week 2's answer).
Course modules import nothing heavy at the top (h5py inside the loaders), so that installing
one in a child costs microseconds.
"""

from __future__ import annotations

from collections.abc import Iterable

from grader.sandbox import Module

ALIASES: dict[str, str] = {
    "dnn_utils": "grader.course.dnn_utils",
    "dnn_utils_v2": "grader.course.dnn_utils",
    "testCases": "grader.course.test_support",
    "testCases_v2": "grader.course.test_support",
    "testCases_v3": "grader.course.test_support",
    "testCases_v4": "grader.course.test_support",
    "testCases_v4a": "grader.course.test_support",
    "public_tests": "grader.course.test_support",
    "test_utils": "grader.course.test_support",
    "planar_utils": "grader.course.planar_utils",
    "dnn_app_utils_v3": "grader.course.dnn_app_utils_v3",
    "lr_utils": "grader.course.lr_utils",
}

# Packages notebooks import for plots, pictures and data files, never for a graded function:
# a child gets a stand-in for them (importable, every attribute a harmless no-op), so that
# loading a notebook costs no time and does not depend on what this machine has installed.
STAND_INS = ("matplotlib", "PIL", "IPython", "seaborn", "sklearn", "h5py", "imageio", "tqdm")


def shipped(aliases: Iterable[str]) -> list[Module]:
    """The modules behind `aliases` and the grader modules they import, dependencies first."""
    from grader.shipping import ship

    wanted = [a for a in aliases if a in ALIASES]
    names: dict[str, list[str]] = {}
    for alias in wanted:
        names.setdefault(ALIASES[alias], []).append(alias)
    return ship(list(names), names)
