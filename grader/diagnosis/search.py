"""Search the reference's computation for the one change that gives the learner's outcome.

Each family proposes changes at each site the reference passed on the first case (dZ with
the opposite sign, np.sum over axis 0, relu in place of sigmoid, ...). A change is kept when
the reference, run again with it, gives the learner's outcome on every case: the same values
within the tolerance of the values check, or the same exception with the same message. Changes
are tried in order of rank (and of site: see `PREFERENCE`), cheapest case first; once one holds,
only changes of the same rank and kind of site are tried after it. The values passed in all the runs of one search are bounded (`BUDGET`), so
the search costs the same every time and ends.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from grader.expected import Expected
from grader.compare import compare
from grader.diagnosis import computation, scalar, structure
from grader.diagnosis.context import Change, SiteContext
from grader.diagnosis.evidence import (
    Quantity,
    Trial,
    Value,
    leaves,
    numeric,
    quantities,
    same_structure,
)
from grader.diagnosis.instrument import Site, SiteKind, Substitution
from grader.diagnosis.reference import Recording, Reference
from grader.spec import GradedFunction

BUDGET = 1_500_000  # values passed, over every run of one search
FAMILIES: tuple[Callable[[Site, Any, SiteContext], Iterator[Change]], ...] = (
    scalar.changes, structure.changes, computation.changes)
PREFERENCE = {SiteKind.NAME: 0, SiteKind.TEXT: 0, SiteKind.NUMBER: 0, SiteKind.CALL: 1,
              SiteKind.ITEM: 1, SiteKind.OPERATION: 2, SiteKind.PARAMETER: 2}
"""Among changes of one rank, those at a variable read or a constant are said first; those to
a whole expression, then to an argument as the function starts (a change there reaches every
use of it, so it explains more by chance)."""


@dataclass(frozen=True)
class Found:
    """A change that gives the learner's outcome on every case."""

    site: Site
    change: Change


def search(reference: Reference, trials: Sequence[Trial], function: GradedFunction,
           budget: int = BUDGET) -> list[Found]:
    """The changes of the best rank that explain the learner's outcome on every case."""
    recordings = [t.recording for t in trials]
    if not trials or any(r is None for r in recordings):
        return []
    kept: list[Recording] = [r for r in recordings if r is not None]
    if not any(telling(t, function.tolerance) for t in trials):
        return []
    context = site_context(reference, kept)
    order = sorted(range(len(trials)), key=lambda i: kept[i].passed)
    found: list[Found] = []
    spent = 0
    for key, site, change in _candidates(context):
        if found and key[:2] > _key(found[0])[:2]:
            break
        holds, cost = _holds(reference, trials, kept, order, site, change, function,
                             budget - spent)
        spent += cost
        if holds:
            found.append(Found(site, change))
        if spent >= budget:
            break
    return found


def _key(found: Found) -> tuple[int, int]:
    return (found.change.rank, PREFERENCE[found.site.kind])


def site_context(reference: Reference, recordings: Sequence[Recording]) -> SiteContext:
    namespace = getattr(reference.instrumented.function, "__globals__", {})
    functions = {name: value for name, value in namespace.items() if callable(value)}
    first: dict[int, Any] = {}
    for recording in recordings:  # a site only some cases reach (one branch of an if)
        for number, value in recording.first.items():
            first.setdefault(number, value)
    return SiteContext(reference.sites, first, site_quantities(reference.sites, recordings),
                       reference.defaults, functions, reference.instrumented.parents)


def named_values(sites: Sequence[Site], recordings: Sequence[Recording]) -> list[Value]:
    """The reference's named values (variables, parameters, items such as cache["A1"]) that
    every case reached outside loops, once per name, first value of each case."""
    values = []
    seen = set()
    named_first = sorted(sites, key=lambda site: (site.kind is SiteKind.ITEM, site.number))
    for site in named_first:
        if site.text in seen or site.loop or site.index or site.kind not in (
                SiteKind.NAME, SiteKind.PARAMETER, SiteKind.ITEM):
            continue
        if not all(site.number in r.first for r in recordings):
            continue
        seen.add(site.text)
        values.append(Value(site.text, tuple(r.first[site.number] for r in recordings),
                            "intermediate"))
    return values


def site_quantities(sites: Sequence[Site], recordings: Sequence[Recording]) -> list[Quantity]:
    return quantities(named_values(sites, recordings))


def _candidates(context: SiteContext) -> list[tuple[tuple[int, int, int, int], Site, Change]]:
    """Every change the families propose at the sites the first case reached, best first."""
    found = []
    for site in context.sites:
        if site.number not in context.first:
            continue
        value = context.first[site.number]
        for family in FAMILIES:
            for order, change in enumerate(family(site, value, context)):
                key = (change.rank, PREFERENCE[site.kind], site.number, order)
                found.append((key, site, change))
    found.sort(key=lambda item: item[0])
    return found


def _holds(reference: Reference, trials: Sequence[Trial], recordings: Sequence[Recording],
           order: Sequence[int], site: Site, change: Change, function: GradedFunction,
           budget: int) -> tuple[bool, int]:
    """Whether the change gives the learner's outcome on every case; and the values passed."""
    spent = 0
    for index in order:
        limit = min(budget - spent, 4 * recordings[index].passed + 1_000)
        if limit <= 0:
            return False, spent
        substitution = Substitution(site.number, _at_case(change, index))
        result, passed = reference.rerun(trials[index].case, substitution, limit)
        spent += passed
        if result is None or not agrees(trials[index], result, function):
            return False, spent
    return True, spent


def _at_case(change: Change, index: int) -> Callable[[Any, Any], Any]:
    def apply(value: Any, tape: Any) -> Any:
        return change.apply(value, tape, index)
    return apply


def agrees(trial: Trial, result: Expected, function: GradedFunction) -> bool:
    """Whether a run's result is the learner's outcome: the same exception and message, or
    values equal within the values check's tolerance. A message that carries no figure or
    name ("list index out of range") tells too little to agree on."""
    if trial.error is not None:
        return trial.error == result.error and _specific(trial.error[1])
    if result.error is not None:
        return False
    return compare(trial.yours, result.value, name=function.output, names=function.outputs,
                   tolerance=function.tolerance, strict_types=function.strict_types) is None


def telling(trial: Trial, tolerance: Any) -> bool:
    """Whether the learner's outcome on a case can tell changes apart: an exception with a
    specific message, or a wrong value that is a number (a nan equals a nan however it was
    made)."""
    if trial.error is not None:
        return _specific(trial.error[1])
    if not same_structure(trial.yours, trial.expected):
        # other keys or lengths: the structure itself tells, unless it is empty (an empty
        # dict or list is what many changes give: a loop that never runs, whatever stops it)
        return any(True for _ in leaves(trial.yours, ""))
    yours = dict(leaves(trial.yours, ""))
    for path, expected in leaves(trial.expected, ""):
        y, e = numeric(yours.get(path)), numeric(expected)
        if y is None or e is None or y.shape != e.shape:
            if y is not None and np.all(np.isfinite(y)):
                return True  # a finite value of another shape
            continue
        with np.errstate(all="ignore"):
            differ = np.isfinite(y) & ~np.isclose(y, e, rtol=tolerance.rtol,
                                                  atol=tolerance.atol)
        if np.any(differ):
            return True
    return False


def _specific(message: str) -> bool:
    return any(c.isdigit() or c in "'\"" for c in message)
