"""What the diagnosis says: claims (relations that hold on every case) and their words.

A `Claim` is one relation, already checked on every case, with the sentence that tells it to
a learner and the data that says what it names (`kind`, `names`), from which the self-check
judges a hint against the mistake that was made. Lower `rank` is said first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

MOST = 3  # outputs named in one sentence; past that, "and 4 more"


@dataclass(frozen=True)
class Claim:
    """One relation between the learner's output and the expected one, true on every case.

    `family` is the module that found it (scalar, structure, computation, backward); `kind`
    what it says (sign, scale, offset, transpose, equals, ...); `subject` what it is about (an
    output such as "dW", or a value of the computation such as "dAL"); `names` the quantities
    or values it names ("m", "dA", "relu"). The learner reads `subject predicate: question`,
    where `{be}` in the predicate agrees with the subject ("dW is", "dW and db are").
    """

    family: str
    kind: str
    subject: str
    predicate: str
    question: str = ""
    names: tuple[str, ...] = ()
    rank: int = 50
    where: str = ""  # the value of the computation it is about, when not the output itself

    @property
    def tag(self) -> str:
        """The claim as data, in one string: `family.kind:name|name@where`."""
        return f"{self.family}.{self.kind}:{'|'.join(self.names)}@{self.where or self.subject}"

    def sentence(self, subject: str = "", plural: bool = False) -> str:
        """The claim in words, about `subject` (default: its own)."""
        text = f"{subject or self.subject} {self.predicate.format(be='are' if plural else 'is')}"
        return f"{text}: {self.question}" if self.question else text


@dataclass(frozen=True)
class Hint:
    """The generic hint of one function: its sentence and the claims it rests on."""

    text: str
    claims: tuple[Claim, ...]

    @property
    def basis(self) -> tuple[str, ...]:
        return tuple(claim.tag for claim in self.claims)


def subject(paths: Sequence[str], every: Sequence[str], root: str) -> tuple[str, bool]:
    """Outputs named in a sentence, and whether the verb is plural: "dW and db"; past
    `MOST`, "12 values of grads"; all of them, "every value of your grads"."""
    paths = list(dict.fromkeys(paths))
    if len(every) > 1 and set(paths) == set(every):
        return f"every value of your {root}", False
    if len(paths) > MOST:
        tops = [path.split("[", 1)[0] for path in paths]
        return f"{len(paths)} values of {listing(tops)}", True
    return listing(paths), len(paths) > 1


def number(value: float) -> str:
    """A number as a learner reads it: 4, 0.5, 0.01, -1, 1.2e-05."""
    value = float(value)
    if value == int(value) and abs(value) < 1e6:
        return str(int(value))
    return f"{value:.4g}"


def listing(items: Sequence[str], conjunction: str = "and", most: int = 0) -> str:
    """"a", "a and b", "a, b and c"; past `most` items, "a, b, c and 4 more"."""
    items = list(dict.fromkeys(items))
    if len(items) <= 1:
        return "".join(items)
    if most and len(items) > most:
        return f"{', '.join(items[:most])} and {len(items) - most} more"
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def values_of(values: Iterable[float]) -> str:
    """The values a quantity takes over the cases, once each: "4, 1 and 6"."""
    return listing([number(v) for v in values])


def shape_text(value: Any) -> str:
    shape = np.shape(value)
    return str(tuple(int(n) for n in shape))
