"""Notebooks in the layout of course 2's own notebooks, made from this project's references.

The course's notebooks (see courses/improving/FACTS.md, section 0) import its helper and test
modules by name, run magics, call the public tests after each graded cell, carry nbgrader and
Coursera metadata, and use two marker styles. These builders reproduce that layout around our
own reference functions, finished or not, so that tests can grade "a learner's course notebook"
without shipping the course's.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from course2 import SOLUTIONS, spec

from grader.release import function_sources, stub

# What each course notebook imports, from its first code cell (FACTS.md, section 0).
IMPORTS = {
    "initialization": (
        "import numpy as np\nimport matplotlib.pyplot as plt\nimport sklearn\n"
        "import sklearn.datasets\nfrom public_tests import *\n"
        "from init_utils import sigmoid, relu, compute_loss, forward_propagation, "
        "backward_propagation\n"
        "from init_utils import update_parameters, predict, load_dataset, "
        "plot_decision_boundary, predict_dec\n\n%matplotlib inline\n"
        "plt.rcParams['figure.figsize'] = (7.0, 4.0)\n\n%load_ext autoreload\n%autoreload 2"),
    "regularization": (
        "import numpy as np\nimport matplotlib.pyplot as plt\nimport sklearn\n"
        "import sklearn.datasets\nimport scipy.io\n"
        "from reg_utils import sigmoid, relu, plot_decision_boundary, initialize_parameters, "
        "load_2D_dataset, predict_dec\n"
        "from reg_utils import compute_cost, predict, forward_propagation, "
        "backward_propagation, update_parameters\n"
        "from testCases import *\nfrom public_tests import *\n\n%matplotlib inline"),
    "gradient_checking": (
        "import numpy as np\nfrom testCases import *\nfrom public_tests import *\n"
        "from gc_utils import sigmoid, relu, dictionary_to_vector, vector_to_dictionary, "
        "gradients_to_vector\n\n%load_ext autoreload\n%autoreload 2"),
    "optimization": (
        "import numpy as np\nimport matplotlib.pyplot as plt\nimport scipy.io\nimport math\n"
        "import sklearn\nimport sklearn.datasets\n"
        "from opt_utils_v1a import load_params_and_grads, initialize_parameters, "
        "forward_propagation, backward_propagation\n"
        "from opt_utils_v1a import compute_cost, predict, predict_dec, "
        "plot_decision_boundary, load_dataset\n"
        "from copy import deepcopy\nfrom testCases import *\nfrom public_tests import *\n\n"
        "%matplotlib inline"),
}
METADATA = {"initialization": ("XOESP", "8IhFN"), "regularization": ("SXQaI", "UAwhh"),
            "gradient_checking": ("n6NBD", "yfOsE"), "optimization": ("Ckiv2", "eNLYh")}


def old_markers(source: str) -> str:
    """The same function with the older `### START CODE HERE ###` markers."""
    source = re.sub(r"#\s*YOUR CODE STARTS HERE", "### START CODE HERE ### (approx. 2 lines)",
                    source)
    return re.sub(r"#\s*YOUR CODE ENDS HERE", "### END CODE HERE ###", source)


def _cell(kind: str, source: str, nbgrader: dict[str, Any] | None = None) -> dict[str, Any]:
    cell: dict[str, Any] = {"cell_type": kind, "metadata": {}, "source": source}
    if nbgrader is not None:
        cell["metadata"] = {"deletable": False, "nbgrader": nbgrader}
    if kind == "code":
        cell.update(execution_count=None, outputs=[])
    return cell


def course_notebook(assignment: str, path: Path, *, unfinished: tuple[str, ...] = (),
                    replaced: dict[str, str] | None = None, markers: str = "new") -> Path:
    """Write the assignment's notebook in the course's layout (nbformat 4.2) to `path`: every
    graded function from the reference (its regions emptied for the names in `unfinished`, its
    whole source replaced for those in `replaced`), each followed by the course's test cell."""
    part = spec(assignment).parts[0]
    sources = function_sources(SOLUTIONS / assignment / f"{part.reference}.py")
    solution = {"grade": False, "solution": True, "locked": False, "schema_version": 3,
                "task": False}
    test = {"grade": True, "solution": False, "locked": True, "points": 10,
            "schema_version": 3, "task": False}
    cells = [_cell("markdown", f"# {spec(assignment).title}"),
             _cell("code", IMPORTS[assignment])]
    for index, function in enumerate(part.functions):
        source = (replaced or {}).get(function.name) or sources[function.name]
        if function.name in unfinished:
            source = stub(source)
        if markers == "old":
            source = old_markers(source)
        cells.append(_cell("code", f"# GRADED FUNCTION: {function.name}\n\n{source}",
                           dict(solution, grade_id=f"cell-{index:04x}a")))
        cells.append(_cell("code", f"{function.name}_test({function.name})",
                           dict(test, grade_id=f"cell-{index:04x}b")))
    graded_item, launcher_item = METADATA[assignment]
    notebook = {"cells": cells, "nbformat": 4, "nbformat_minor": 2, "metadata": {
        "coursera": {"course_slug": "deep-neural-network", "graded_item_id": graded_item,
                     "launcher_item_id": launcher_item},
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}}}
    path.write_text(json.dumps(notebook, indent=1), encoding="utf-8")
    return path
