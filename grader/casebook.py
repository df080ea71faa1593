"""Cases files: a week's public cases with every answer precomputed, in HDF5.

A learners' bundle carries these instead of the reference solutions. One file per week,
`<week>.h5`:

    /  attrs: format, version, week, grader_version
    /<part>/<function>  attrs: parameters (JSON), count
        /<i>  attrs: label, seed (-1: none), gradient
            args, kwargs, legacy        the inputs (grader.hdf5_values)
            exercise                    keyword arguments for the learner's call only, if any
            expected                    attrs kind = "value" (child "value") or "error" (type,
                                        message): the reference's answer
            mistakes/<name>             the same, for each catalogued mistake
            gradients                   numerical gradients through the reference, if any

Grading from it gives the same checks and messages as the references, except what needs them
at run time (`UNAVAILABLE`), which the report lists.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from grader import __version__
from grader.answers import Expected
from grader.errors import DataError
from grader.hdf5_values import read_value, write_value
from grader.sandbox import Served
from grader.spec import Case, GradedFunction, Mistake, Part, Week

FORMAT = "grade cases"
VERSION = 1
UNAVAILABLE = (
    "reference helpers: a function that calls other graded functions runs with your own "
    "versions of them, so one mistake can cost points twice",
    "hidden cases: only the public cases are here (a bundle or an installed grade holds no "
    "references)",
    ("hints for mistakes nobody catalogued rest on your outputs, the inputs and the expected "
     "outputs only: those that need the reference's own computation are not given"),
)


@dataclass
class _Stored:
    case: Case
    expected: Expected
    mistakes: dict[str, Expected] = field(default_factory=dict)
    gradients: dict[str, np.ndarray] | None = None


class StoredAnswers:
    """`Answers` about one function, read from a cases file."""

    live = False
    served: Served | None = None  # no helper is served from a cases file

    def __init__(self, parameters: list[str], stored: list[_Stored]) -> None:
        self.parameters = parameters
        self.stored = stored

    def cases(self, rng: np.random.Generator) -> list[Case]:
        return [s.case for s in self.stored]

    def expected(self, index: int, case: Case) -> Expected:
        return self.stored[index].expected

    def mistaken(self, mistake: Mistake, index: int, case: Case) -> Expected | None:
        return self.stored[index].mistakes.get(mistake.name)

    def gradients(self, index: int, case: Case) -> dict[str, np.ndarray] | None:
        return self.stored[index].gradients

    def internals(self) -> None:
        return None  # no reference here: the diagnosis works from the outputs alone

    def template(self) -> None:
        return None  # no reference to make the stub from: what a call did decides


class CaseBooks:
    """A folder of cases files, one per week: a `Source` without the references."""

    live = False
    unavailable: tuple[str, ...] = UNAVAILABLE

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._lock = threading.Lock()
        self._answers: dict[tuple[str, str, str], StoredAnswers] = {}

    def answers(self, week: str, part: Part, function: GradedFunction) -> StoredAnswers:
        key = (week, part.name, function.name)
        with self._lock:
            if key not in self._answers:
                self._answers[key] = _read(self.folder / f"{week}.h5", part, function)
            return self._answers[key]


def _read(path: Path, part: Part, function: GradedFunction) -> StoredAnswers:
    import h5py

    try:
        with h5py.File(path, "r") as file:
            if file.attrs.get("format") != FORMAT or int(file.attrs.get("version", 0)) != VERSION:
                raise DataError("not a cases file of this grader", path=path)
            node = file[f"{part.name}/{function.name}"]
            stored = [_read_case(node[str(i)]) for i in range(int(node.attrs["count"]))]
            return StoredAnswers(json.loads(node.attrs["parameters"]), stored)
    except (OSError, KeyError, ValueError) as error:
        raise DataError(f"cannot read the cases of {function.name}: {error}", path=path) from error


def _read_case(node: Any) -> _Stored:
    seed = int(node.attrs["seed"])
    case = Case(str(node.attrs["label"]), read_value(node["args"]), read_value(node["kwargs"]),
                None if seed < 0 else seed, bool(node.attrs["gradient"]),
                read_value(node["legacy"]),
                read_value(node["exercise"]) if "exercise" in node else {})
    mistakes = {name: _read_expected(group) for name, group in node["mistakes"].items()}
    gradients = read_value(node["gradients"]) if "gradients" in node else None
    return _Stored(case, _read_expected(node["expected"]), mistakes, gradients)


def _read_expected(node: Any) -> Expected:
    if node.attrs["kind"] == "error":
        return Expected(error=(str(node.attrs["type"]), str(node.attrs["message"])))
    return Expected(read_value(node["value"]))


def write(week: Week, references: Any, path: Path, rng: Any) -> None:
    """Write `week`'s public cases and their answers, from live `references`, to `path`.

    `rng(week, function)` draws a function's public cases, as grading does.
    """
    import h5py

    with h5py.File(path, "w") as file:
        file.attrs.update(format=FORMAT, version=VERSION, week=week.name,
                          grader_version=__version__)
        for part in week.parts:
            for function in part.functions:
                answers = references.answers(week.name, part, function)
                cases = answers.cases(rng(week.name, function.name))
                node = file.create_group(f"{part.name}/{function.name}")
                node.attrs.update(parameters=json.dumps(answers.parameters), count=len(cases))
                for index, case in enumerate(cases):
                    _write_case(node.create_group(str(index)), function, answers, index, case)


def _write_case(node: Any, function: GradedFunction, answers: Any, index: int,
                case: Case) -> None:
    node.attrs.update(label=case.label, seed=-1 if case.seed is None else case.seed,
                      gradient=case.gradient)
    write_value(node, "args", tuple(case.args))
    write_value(node, "kwargs", dict(case.kwargs))
    write_value(node, "legacy", tuple(case.legacy))
    if case.exercise:
        write_value(node, "exercise", dict(case.exercise))
    _write_expected(node.create_group("expected"), answers.expected(index, case))
    mistakes = node.create_group("mistakes")
    for mistake in function.mistakes:
        if mistake.evidence is None:
            found = answers.mistaken(mistake, index, case)
            if found is not None:
                _write_expected(mistakes.create_group(mistake.name), found)
    if case.gradient and function.gradient is not None:
        gradients = answers.gradients(index, case)
        if gradients is not None:
            write_value(node, "gradients", dict(gradients))


def _write_expected(node: Any, expected: Expected) -> None:
    if expected.error is not None:
        node.attrs.update(kind="error", type=expected.error[0], message=expected.error[1])
    else:
        node.attrs["kind"] = "value"
        write_value(node, "value", expected.value)
