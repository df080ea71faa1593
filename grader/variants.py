"""Releases of the course's notebooks, as data: how each is recognised, and what a correct
answer is in it.

    Part.releases ─► Release (its signs; its variants) ─► Variant (one graded function)

The course republished its notebooks several times (the 2021 release with `# YOUR CODE STARTS
HERE` and `public_tests`, older ones with `### START CODE HERE ###`, `testCases_v4a`, …), and
learners' notebooks of every release are graded. A part lists its releases, the current one
first; a notebook is graded against the release its signs point to (`grader.recognise`), and a
release's variants say, function by function, how a correct answer differs from the current
release's: fields of the function's spec (the outputs' names, strict types, the catalogue of
mistakes), a seed its template sets before the learner's code, how its answer is made from the
reference's (`FirstOutput`, `ShiftKeys`), and the cases its template makes impossible
(`LeaveOut`). The engine applies them (`grader.variant_answers`); a week spec, or a course
folder, only declares them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

# --- signs: what recognises a release ----------------------------------------------------------


@dataclass(frozen=True)
class Imports:
    """The notebook imports one of these modules (the course's helper and test modules)."""

    modules: tuple[str, ...]


@dataclass(frozen=True)
class Markers:
    """Most graded functions mark the learner's code with this start marker (a regex)."""

    start: str
    words: str


@dataclass(frozen=True)
class FileName:
    """A file that defines the part's functions has a name matching this regex."""

    pattern: str


@dataclass(frozen=True)
class Nbgrader:
    """The graded cells carry nbgrader metadata (the course's newer notebooks do)."""


@dataclass(frozen=True)
class Signature:
    """The learner's definition of `function` requires exactly these parameters (those
    without a default value)."""

    function: str
    parameters: tuple[str, ...]


@dataclass(frozen=True)
class Template:
    """The template of `function` holds a line matching `pattern` outside the learner's
    code region (a seed, an assert, a comment the release wrote there)."""

    function: str
    pattern: str
    words: str


Sign = Imports | Markers | FileName | Nbgrader | Signature | Template


# --- variants: what a correct answer is ------------------------------------------------------


class Adapter(Protocol):
    """Makes the release's answer from the current release's (the reference's) answer.

    Applied to the expected output, to each catalogued mistake's output and to numerical
    gradients keyed like the output; a value it does not concern is returned as it is.
    """

    @property
    def words(self) -> str: ...

    def __call__(self, value: Any) -> Any: ...


@dataclass(frozen=True)
class FirstOutput:
    """The release returns only the first of the outputs the current release returns
    (`parameters`, where the current release returns `(parameters, costs)`)."""

    words: str = "returns only the first of the current outputs"

    def __call__(self, value: Any) -> Any:
        return value[0] if isinstance(value, tuple) and value else value


@dataclass(frozen=True)
class ShiftKeys:
    """Keys `<prefix><n>` of a dictionary are `<prefix><n + by>` in the release
    (`grads["dA" + str(l + 1)]` where the current release writes `grads["dA" + str(l)]`)."""

    prefix: str
    by: int
    words: str = ""

    def __call__(self, value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        pattern = re.compile(re.escape(self.prefix) + r"(\d+)")

        def key(name: Any) -> Any:
            found = pattern.fullmatch(name) if isinstance(name, str) else None
            return f"{self.prefix}{int(found.group(1)) + self.by}" if found else name

        return {key(name): item for name, item in value.items()}


@dataclass(frozen=True)
class LeaveOut:
    """Cases that a line of the release's template makes impossible to pass (an assert that
    allows one output only): left out for a notebook whose function holds that line outside
    the learner's region, with a note that names the line. `cases(case)` picks them."""

    template: str
    cases: Callable[[Any], bool]
    why: str


@dataclass(frozen=True)
class Variant:
    """How one graded function's correct answer differs in a release.

    `changes` replaces fields of its `GradedFunction` (`output`, `outputs`, `strict_types`,
    `mistakes`, `costs`, …); `seed`, when set, is what the release's template seeds numpy
    with above the learner's code, so every case runs after it; `answer` makes the release's
    answer from the reference's; `leave_out` names cases its template makes impossible;
    `words` says what differs, for the README and the tests.
    """

    function: str
    words: str
    changes: Mapping[str, Any] = field(default_factory=dict)
    seed: int | None = None
    answer: Adapter | None = None
    leave_out: LeaveOut | None = None


@dataclass(frozen=True)
class Release:
    """One release of a part's notebook: its name and title in reports, the signs that
    recognise it, and its variants (none for the current release, listed first)."""

    name: str
    title: str
    signs: tuple[Sign, ...] = ()
    variants: tuple[Variant, ...] = ()

    def variant(self, function: str) -> Variant | None:
        return next((v for v in self.variants if v.function == function), None)


# The marker styles of the course's releases, as signs.
NEW_MARKERS = Markers(r"#\s*YOUR CODE STARTS HERE", "# YOUR CODE STARTS HERE markers")
OLD_MARKERS = Markers(r"###\s*START CODE HERE", "### START CODE HERE ### markers")
