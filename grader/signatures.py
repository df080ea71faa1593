"""Calls a learner's function makes that their own helper would refuse, read from the code.

While a function is graded, the other graded functions it calls are the references, served by
the grader. A reference may accept more than the learner's own helper does: week 3's
`compute_cost` takes an optional `parameters`, so that older notebooks' three-argument calls
work. In the learner's notebook, `compute_cost(A2, Y, parameters)` with their own two-argument
`compute_cost` raises TypeError, and so must it here. A helper whose learner's definition
refuses a call written in the graded function is therefore not replaced: the learner's own runs,
and refuses the call as their notebook does. Only calls with plain arguments are judged
(`f(*args)` could be anything).
"""

from __future__ import annotations

import ast
import inspect
from collections.abc import Iterable

from grader.memo import Memo
from grader.submission import FunctionSource, Submission

_ANY = object()
Calls = dict[str, list[tuple[int, tuple[str, ...]]]]

# A class's submissions share most functions: each distinct source is read once per process.
_CALLS: Memo[str, Calls] = Memo(1024)
_SIGNATURES: Memo[str, tuple[inspect.Signature | None]] = Memo(1024)


def refused(caller: FunctionSource, helpers: Iterable[str],
            submission: Submission) -> dict[str, str]:
    """Each of `helpers` that the learner defined and that refuses a call written in
    `caller`'s body, with the reason Python would give."""
    calls = _CALLS.kept(caller.source, lambda: _calls(caller.source))
    found: dict[str, str] = {}
    for name in helpers:
        own = submission.find((name,))
        if own is None or name not in calls:
            continue
        signature = _kept_signature(own.source)
        if signature is None:
            continue
        for positional, keywords in calls.get(name, []):
            try:
                signature.bind(*[_ANY] * positional, **dict.fromkeys(keywords, _ANY))
            except TypeError as error:
                found[name] = f"{name}() {error}"
                break
    return found


def _kept_signature(source: str) -> inspect.Signature | None:
    return _SIGNATURES.kept(source, lambda: (_signature(source),))[0]


def _calls(source: str) -> Calls:
    """The plain calls to names in `source`: name → (number of positional arguments,
    keyword names) for each call."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return {}
    calls: Calls = {}
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        if any(isinstance(a, ast.Starred) for a in node.args) or any(
                k.arg is None for k in node.keywords):
            continue
        calls.setdefault(node.func.id, []).append(
            (len(node.args), tuple(str(k.arg) for k in node.keywords)))
    return calls


def _signature(source: str) -> inspect.Signature | None:
    """The signature of the first function defined in `source`, from its code alone."""
    try:
        node = ast.parse(source).body[0]
    except (SyntaxError, IndexError):
        return None
    if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) or node.decorator_list:
        return None
    arguments = node.args
    positional = [*arguments.posonlyargs, *arguments.args]
    defaults = [None] * (len(positional) - len(arguments.defaults)) + list(arguments.defaults)
    kinds = ([inspect.Parameter.POSITIONAL_ONLY] * len(arguments.posonlyargs)
             + [inspect.Parameter.POSITIONAL_OR_KEYWORD] * len(arguments.args))
    parameters = [inspect.Parameter(a.arg, kind, default=inspect.Parameter.empty
                                    if d is None else _ANY)
                  for a, kind, d in zip(positional, kinds, defaults)]
    if arguments.vararg:
        parameters.append(inspect.Parameter(arguments.vararg.arg,
                                            inspect.Parameter.VAR_POSITIONAL))
    parameters += [inspect.Parameter(a.arg, inspect.Parameter.KEYWORD_ONLY,
                                     default=inspect.Parameter.empty if d is None else _ANY)
                   for a, d in zip(arguments.kwonlyargs, arguments.kw_defaults)]
    if arguments.kwarg:
        parameters.append(inspect.Parameter(arguments.kwarg.arg, inspect.Parameter.VAR_KEYWORD))
    try:
        return inspect.Signature(parameters)
    except ValueError:  # duplicate names: the definition does not compile anyway
        return None
