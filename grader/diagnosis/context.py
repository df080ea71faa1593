"""What the relation families are given: the named values and quantities of the cases, and
for a substitution, the site, its first value and the other sites.

    Context      the outputs' side: tolerance, named values, quantities (per case)
    SiteContext  the reference's side: every site, the values of the first case's run
    Change       a substitution a family proposes at one site, and how to say it
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from grader.compare import Tolerance
from grader.diagnosis.evidence import Quantity, Value
from grader.diagnosis.instrument import Site, Tape

Apply = Callable[[Any, Tape, int], Any]
"""Replace a site's value: (the value, the run's tape, the case's index) → the new value."""


@dataclass(frozen=True)
class Context:
    """The cases as the output relations see them."""

    tolerance: Tolerance
    values: Sequence[Value]
    quantities: Sequence[Quantity]
    count: int
    draws: bool = False

    def on(self, cases: Sequence[int]) -> Context:
        """The same context on some of the cases only (those that have a given output)."""
        values = [Value(v.name, tuple(v.values[i] for i in cases), v.origin)
                  for v in self.values if all(v.values[i] is not None for i in cases)]
        numbers = [Quantity(q.name, tuple(q.values[i] for i in cases), q.told)
                   for q in self.quantities]
        return Context(self.tolerance, values, numbers, len(cases), self.draws)


@dataclass(frozen=True)
class SiteContext:
    """The reference's sites, with what passed them on the first case, and the quantities of
    every case (m, learning_rate, X.shape[1])."""

    sites: tuple[Site, ...]
    first: dict[int, Any]
    quantities: Sequence[Quantity]
    defaults: dict[str, Any]
    functions: dict[str, Callable[..., Any]]
    parents: dict[int, int]

    def text(self, number: int) -> str:
        return self.sites[number].text if 0 <= number < len(self.sites) else ""

    def parent(self, site: Site) -> Site | None:
        number = self.parents.get(site.number)
        return None if number is None else self.sites[number]

    def described(self, site: Site) -> str:
        """A site as the learner can find it: a number, or a name read in several places, is
        named with the nearest expression around it that occurs once ("Y in 1 - Y")."""
        if site.kind.value == "parameter" or site.kind.value not in ("number", "name") or (
                site.kind.value == "name" and self._unique(site)):
            return site.text
        number = site.number
        while number in self.parents:
            number = self.parents[number]
            if self._unique(self.sites[number]):
                return f"{site.text} in {self.sites[number].text}"
        return site.text

    def _unique(self, site: Site) -> bool:
        return sum(1 for other in self.sites if other.text == site.text) == 1


@dataclass(frozen=True)
class Change:
    """A substitution at a site: what to replace its value by, and how to tell it."""

    family: str
    kind: str
    names: tuple[str, ...]
    rank: int
    apply: Apply
    words: str
    question: str = ""
