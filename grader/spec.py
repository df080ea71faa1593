"""How a week is declared: plain data that the engine reads, one entry per graded function.

    Week ─► Part (one assignment, one reference module) ─► GradedFunction ─► Case, Mistake

Adding a week means writing one of these in a course folder (`<course>/<assignment>/spec.py`,
see `grader.courses`), never touching the engine.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from types import ModuleType
from typing import TYPE_CHECKING, Any

import numpy as np

from grader.compare import Tolerance
from grader.variants import Release

if TYPE_CHECKING:
    from grader.courses.folder import CourseFolder


@dataclass(frozen=True)
class Case:
    """One call of a graded function: its inputs, and how to prepare the global RNG.

    `legacy` holds trailing arguments that an older release of the course passed: a learner's
    function whose signature still requires them gets them (the reference must accept and may
    ignore them), every other function is called with `args` alone. `exercise` holds keyword
    arguments given to the learner's function only, to run a branch that must not change the
    answer (`print_cost=True`): the reference is called without them, and what the learner's
    function prints on such a case is not kept.
    """

    label: str
    args: tuple[Any, ...]
    kwargs: Mapping[str, Any] = field(default_factory=dict)
    seed: int | None = None
    gradient: bool = False
    legacy: tuple[Any, ...] = ()
    exercise: Mapping[str, Any] = field(default_factory=dict)


CaseMaker = Callable[[np.random.Generator, ModuleType], list[Case]]
"""Builds a function's cases from an RNG, and the reference module for consistent inputs."""
Gradients = Callable[[tuple[Any, ...], Mapping[str, Callable[..., Any]]], dict[str, np.ndarray]]
Pick = Callable[[Any], Any]
"""Picks part of an output: gradients by name, or a training function's list of costs."""


@dataclass(frozen=True)
class GradientCheck:
    """A numerical check of a backward function, gradient by gradient.

    `numeric(args, fns)` returns centered-difference gradients through the forward functions
    `fns` (name → function): the reference's, for the check; the learner's own, named in
    `through`, for a note on whether their backward pass agrees with their forward pass (so
    `numeric` is shipped into the sandbox: its module imports only numpy and grader.gradcheck).
    `analytic(output)` picks the learner's gradients by the same names.
    """

    numeric: Gradients
    analytic: Pick
    through: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mistake:
    """A mistake learners really make, and the hint given when an output matches it.

    Its implementation is the function `<graded name>__<name>` in the part's mistakes module.
    A mistake that cannot be told by its outputs (a loop hard-coded to run for minutes never
    returns any) is told by its code instead: `evidence`, a regular expression searched in the
    body of the learner's function, when the function does not pass.
    """

    name: str
    hint: str
    evidence: str | None = None


@dataclass(frozen=True)
class GradedFunction:
    """One function the learner writes.

    `output`/`outputs` name the returned value(s) in messages; `helpers` are the functions it
    calls that the learner may have written (graded in the same part, or served by the part's
    `provided` course module), run with the learner's own versions too, for a note; `costs`
    picks the cost history from a training function's output, for reports that plot it;
    `vectorised` warns about loops over the examples; `math_allowed` stops warnings about
    `math.exp` and friends (a function meant to use them). `draws` says that the function
    draws from numpy's global random numbers: when its reference is served to a learner's code,
    the learner's random state travels with the call (and only then: it is slow to carry).
    """

    name: str
    points: float
    cases: CaseMaker
    aliases: tuple[str, ...] = ()
    output: str = "output"
    outputs: tuple[str, ...] = ()
    helpers: tuple[str, ...] = ()
    tolerance: Tolerance = field(default_factory=Tolerance)
    strict_types: bool = False
    gradient: GradientCheck | None = None
    mistakes: tuple[Mistake, ...] = ()
    seconds: float | None = None
    costs: Pick | None = None
    vectorised: bool = True
    math_allowed: bool = False
    draws: bool = False

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Part:
    """One assignment: its graded functions, its reference module and its course modules.

    `reference` names the module in `solutions/<week>/`; `modules` are the course helper
    modules a learner's code may import (no other course module is importable while this part
    is graded); `provided`, when set, is the course module whose versions of the helpers that
    this part does not grade stand in for the learner's (the part's own graded functions are
    always served by the reference); `ships` are the course modules released as files beside
    the learner's notebook. `releases` are the course's releases of the notebook, the current
    one first (see `grader.variants`): a notebook is graded as its own release defines correct.
    """

    name: str
    title: str
    reference: str
    functions: tuple[GradedFunction, ...]
    modules: tuple[str, ...] = ()
    provided: str | None = None
    ships: tuple[str, ...] = ()
    releases: tuple[Release, ...] = ()

    def function(self, name: str) -> GradedFunction:
        return next(f for f in self.functions if f.name == name)

    @property
    def names(self) -> frozenset[str]:
        """Every name (and alias) of its graded functions."""
        return frozenset(name for f in self.functions for name in f.names)


@dataclass(frozen=True)
class Week:
    """One week of the course (an assignment of a course folder): one or more parts.

    `course` is the course folder it was loaded from, set by the loader (`grader.courses`).
    """

    name: str
    title: str
    parts: tuple[Part, ...]
    course: CourseFolder | None = field(default=None, compare=False, repr=False)

    @property
    def functions(self) -> tuple[GradedFunction, ...]:
        return tuple(f for part in self.parts for f in part.functions)

    @property
    def max_score(self) -> float:
        return sum(f.points for f in self.functions)

    @property
    def names(self) -> frozenset[str]:
        """Every name (and alias) of its graded functions, in all its parts."""
        return frozenset().union(*(part.names for part in self.parts))

    def only(self, part: Part, function: GradedFunction) -> Week:
        """This week narrowed to `function` of `part` (given as the caller wants it graded),
        its course kept: its helper modules still serve the part."""
        return replace(self, parts=(replace(part, functions=(function,)),))


def seeded(seed: int) -> np.random.RandomState:
    """The legacy RNG the course seeds with `np.random.seed(seed)`, for its own examples."""
    return np.random.RandomState(seed)
