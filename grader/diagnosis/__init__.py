"""Generic diagnosis: how a wrong output relates to the expected one, with no catalogue entry.

    records (every case: the learner's outcome, the expected output, the inputs)
        │
        ├─► 1. relations on the output itself, leaf by leaf (no reference code runs):
        │      scalar (sign, a ratio or offset named by m, learning_rate, b, ...),
        │      structure (transpose, equal to an input or another output, keys shifted,
        │      a list one entry short), computation (the other activation, keepdims lost,
        │      a constant output), backward (which gradients are wrong)
        │
        └─► 2. if those do not explain every wrong value, and the references are here:
               search the reference's own computation for the one change (a site's value
               replaced by a related one) that gives the learner's outcome on every case
               (grader.diagnosis.search)
        ▼
    Hint: one or two sentences, summary first, and the claims (as data) they rest on

A relation is said only when it holds on every case, within the tolerance of the values
check; when nothing holds for certain, nothing is said. Without the references (a learners'
bundle), step 2 and the relations that need the reference's intermediate values (Z, dZ, m)
are not available: the hint rests on the inputs, the expected outputs and the quantities
read from the inputs' shapes, which gives the same hint every time for the same outputs.
"""

from __future__ import annotations

from collections.abc import Sequence
from grader.answers import Answers
from grader.expected import Observed
from grader.diagnosis import backward, computation, scalar, structure
from grader.diagnosis.claims import Claim, Hint, subject
from grader.diagnosis.context import Context
from grader.diagnosis.evidence import (
    Leaf,
    Trial,
    Value,
    input_values,
    inputs_of,
    leaves,
    output_leaves,
    quantities,
)
from grader.diagnosis.reference import Reference
from grader.diagnosis.search import Found, named_values, search
from grader.spec import GradedFunction

__all__ = ["Claim", "Hint", "explain"]

MAX_SENTENCES = 2


def explain(function: GradedFunction, records: Sequence[Observed],
            answers: Answers) -> Hint | None:
    """The generic hint for a function whose outputs are wrong, or None."""
    reference = answers.internals() if answers.live else None
    trials = _trials(records, answers.parameters, reference)
    if trials is None:
        return None
    context = _context(function, trials, reference)
    root = function.output
    found = output_leaves(trials, root, function.outputs)
    wrong = [leaf for leaf in found if leaf.wrong(function.tolerance)]
    claims = [c for c in (_best(leaf, context.on(leaf.cases)) for leaf in wrong)
              if c is not None]
    if wrong and len(claims) == len(wrong):
        return _hint(claims, found, root)
    if not found:
        shaped = list(structure.shape_relations(trials, root, function.outputs, context))
        if shaped:
            return _hint(shaped[:1], found, root)
    if reference is not None:
        searched = search(reference, trials, function)
        chosen = _chosen(searched, reference.instrumented.parents) if searched else []
        if chosen:
            return _hint([_searched_claim(chosen, trials, found, wrong, root)], found, root)
    if function.gradient is not None:
        localized = backward.localize(found, function.tolerance)
        if localized is not None:
            claims.append(localized)
    return _hint(claims, found, root) if claims else None


def _trials(records: Sequence[Observed], parameters: Sequence[str],
            reference: Reference | None) -> list[Trial] | None:
    """The cases as trials; None when a case cannot be reasoned about (a crash or a timeout,
    a reference that raised)."""
    trials = []
    for index, record in enumerate(records):
        outcome = record.outcome
        if outcome.crash is not None or record.expected.error is not None:
            return None
        error = None
        if outcome.error is not None:
            error = (outcome.error.type, outcome.error.message)
        recording = None if reference is None else reference.record(index, record.case)
        defaults = None if reference is None else reference.defaults
        trials.append(Trial(index, record.case, outcome.value, error, record.expected.value,
                            inputs_of(record.case, parameters, defaults), recording))
    return trials or None


def _context(function: GradedFunction, trials: Sequence[Trial],
             reference: Reference | None) -> Context:
    """Named values: the inputs, the reference's intermediates, the other expected outputs."""
    values: list[Value] = input_values(trials)
    recordings = [t.recording for t in trials if t.recording is not None]
    if reference is not None and len(recordings) == len(trials):
        known = {v.name for v in values}
        values += [v for v in named_values(reference.sites, recordings) if v.name not in known]
    numbers = quantities(values)
    expected = [Value(path, tuple(dict(leaves(t.expected, function.output,
                                              function.outputs)).get(path) for t in trials),
                      "expected")
                for path, _ in leaves(trials[0].expected, function.output, function.outputs)]
    return Context(function.tolerance, [*values, *expected], numbers, len(trials),
                   function.draws)


def _best(leaf: Leaf, context: Context) -> Claim | None:
    """The first-ranked relation that explains one wrong output on every case."""
    found: list[Claim] = []
    for family in (scalar.relations, structure.relations, computation.relations):
        found += family(leaf, context)
    return min(found, key=lambda claim: claim.rank, default=None)


def _chosen(found: Sequence[Found], parents: dict[int, int]) -> list[Found]:
    """What to say of the changes found (all of one rank and kind of site): nothing when
    they are of different kinds (neither is certain); else one change per place, where
    changes at a site and inside or beside it are one place (1 in place of 1 - Y, or of
    (1 - Y) * log(1 - A)), said at the site holding the others; at most two places, said as
    alternatives (dA2, or learning_rate, with the opposite sign)."""
    if any(other.change.kind != found[0].change.kind for other in found[1:]):
        return []
    places: list[list[Found]] = []
    for one in found:
        place = next((p for p in places if _related(p[0].site.number, one.site.number,
                                                    parents)), None)
        if place is None:
            places.append([one])
        else:
            place.append(one)
    if len(places) > 2:
        return []
    return [_outermost(place, parents) for place in places]


def _outermost(found: Sequence[Found], parents: dict[int, int]) -> Found:
    """Of the changes at one place, the one at the site holding the others."""
    best = found[0]
    for other in found[1:]:
        if other.site.number in _above(best.site.number, parents)[1:]:
            best = other
    return best


def _above(number: int, parents: dict[int, int]) -> list[int]:
    """A site and the sites around it, innermost first."""
    chain = [number]
    while chain[-1] in parents:
        chain.append(parents[chain[-1]])
    return chain


def _related(a: int, b: int, parents: dict[int, int]) -> bool:
    """Whether the sites are one, one holds the other, or both sit in one expression."""
    up_a, up_b = _above(a, parents), _above(b, parents)
    return a in up_b or b in up_a or (len(up_a) > 1 and len(up_b) > 1 and up_a[1] == up_b[1])


def _searched_claim(chosen: Sequence[Found], trials: Sequence[Trial], found: Sequence[Leaf],
                    wrong: Sequence[Leaf], root: str) -> Claim:
    change = chosen[0].change
    words = ", or with ".join(one.change.words for one in chosen)
    names = tuple(dict.fromkeys(name for one in chosen for name in one.change.names))
    if any(t.error is not None for t in trials):
        kind = next(t.error[0] for t in trials if t.error is not None)
        said, plural = f"the {kind} your code raises", False
    elif not wrong or len(wrong) == len(found):
        said, plural = "what you return", False
    else:
        said, plural = subject([leaf.path for leaf in wrong], [], root)
    be = "are" if plural else "is"
    return Claim(change.family, change.kind, said,
                 f"{be} exactly what you get with {words}, on every case", change.question,
                 names, change.rank, where=" | ".join(one.site.text for one in chosen))


def _hint(claims: Sequence[Claim], found: Sequence[Leaf], root: str) -> Hint | None:
    """One sentence per relation (outputs with the same relation share one), best first."""
    groups: dict[tuple[str, str, tuple[str, ...], str, str], list[Claim]] = {}
    for claim in sorted(claims, key=lambda c: c.rank):
        key = (claim.family, claim.kind, claim.names, claim.predicate, claim.question)
        groups.setdefault(key, []).append(claim)
    every = [leaf.path for leaf in found]
    sentences = []
    for group in groups.values():
        if len(group) == 1:
            sentences.append(group[0].sentence())
        else:
            sentences.append(group[0].sentence(*subject([c.subject for c in group], every,
                                                        root)))
    if not sentences:
        return None
    kept = list(groups.values())[:MAX_SENTENCES]
    return Hint("; ".join(sentences[:MAX_SENTENCES]), tuple(c for group in kept for c in group))
