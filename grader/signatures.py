"""Calls a learner's function makes that their own helper would refuse, read from the code.

While a function is graded, the other graded functions it calls are the references, served by
a helper child. A reference may accept more than the learner's own helper does: an optional
trailing argument that an older release passed, so that older notebooks' calls work. In the
learner's notebook, a call with that argument to their own helper that does not take it raises
TypeError, and so must it here. A helper whose learner's definition
refuses a call written in the graded function is therefore not replaced: the learner's own runs,
and refuses the call as their notebook does. Only calls with plain arguments are judged
(`f(*args)` could be anything).
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable

from grader.memo import Memo
from grader.submission import FunctionSource, Submission
from grader.submission.source import Outline

_ANY = object()

# A class's submissions share most functions: each distinct signature is built once per process.
_SIGNATURES: Memo[Outline, tuple[inspect.Signature | None]] = Memo(1024)


def refused(caller: FunctionSource, helpers: Iterable[str],
            submission: Submission) -> dict[str, str]:
    """Each of `helpers` that the learner defined and that refuses a call written in
    `caller`'s body, with the reason Python would give. (The calls and signatures were read
    when the files were parsed, in the parse child.)"""
    calls: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
    for name, positional, keywords in caller.outline.calls:
        calls.setdefault(name, []).append((positional, keywords))
    found: dict[str, str] = {}
    for name in helpers:
        own = submission.find((name,))
        if own is None or name not in calls:
            continue
        signature = _kept_signature(own.outline)
        if signature is None:
            continue
        for positional, keywords in calls[name]:
            try:
                signature.bind(*[_ANY] * positional, **dict.fromkeys(keywords, _ANY))
            except TypeError as error:
                found[name] = f"{name}() {error}"
                break
    return found


def _kept_signature(outline: Outline) -> inspect.Signature | None:
    return _SIGNATURES.kept(outline, lambda: (_signature(outline),))[0]


def _signature(outline: Outline) -> inspect.Signature | None:
    """The signature a function's outline describes; None for a decorated function (its
    decorator may change it)."""
    if outline.decorated:
        return None
    parameters = [inspect.Parameter(name, getattr(inspect.Parameter, kind),
                                    default=_ANY if has_default else inspect.Parameter.empty)
                  for name, kind, has_default in outline.parameters]
    try:
        return inspect.Signature(parameters)
    except ValueError:  # duplicate names: the definition does not compile anyway
        return None
