"""The reference solutions of a course, loaded from `<solutions>/<week>/` into the grader's
process only.

Reference modules are registered under `grader.references.<course>.<week>.<module>`, with their
course's helper modules importable by their plain names (`grader.courses.imports`); the sandbox
checks that prefix before forking a zygote from this process, so children never inherit them.
"""

from __future__ import annotations

import ast
import contextlib
import io
import inspect
import os
import textwrap
import threading
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypeVar, cast

import numpy as np

from grader.answers import Expected, run_reference
from grader.courses.folder import CourseFolder
from grader.courses.imports import load_reference
from grader.courses.modules import reference_code
from grader.courses.registry import SOLUTIONS_VARIABLE, built_in, load_week
from grader.errors import ConfigError
from grader.memo import Memo
from grader.sandbox import Module, Served
from grader.spec import Case, GradedFunction, Mistake, Part

if TYPE_CHECKING:  # the diagnosis loads only when a wrong answer needs it
    from grader.diagnosis.reference import Reference

T = TypeVar("T")

ENVIRONMENT = SOLUTIONS_VARIABLE


def default_root() -> Path:
    """`$GRADE_SOLUTIONS`, else the built-in course's solutions (`solutions/` beside the
    `grader` package)."""
    configured = os.environ.get(ENVIRONMENT)
    if configured:
        return Path(configured)
    return built_in().solutions


class References:
    """Reference modules and mistake catalogues of one course's solutions folder (`root`,
    by default the course's): a live `Source`. The course defaults to the built-in one, its
    folder to `default_root()`.

    Reference code runs under `lock`: some of it seeds numpy's global RNG, and grading runs
    on several threads.
    """

    live = True
    unavailable: tuple[str, ...] = ()

    def __init__(self, root: Path | None = None, course: CourseFolder | None = None) -> None:
        self.course = course or built_in()
        self.root = root or (self.course.solutions if course else default_root())
        self._modules: dict[str, ModuleType] = {}
        self._answers: dict[tuple[str, str, str], LiveAnswers] = {}
        self._served: dict[tuple[str, str], Served] = {}
        self.lock = threading.RLock()

    def path(self, week: str, module: str) -> Path:
        return self.root / week / f"{module}.py"

    def module(self, week: str, part: Part) -> ModuleType:
        """The reference module of a part (loaded once)."""
        return self._load(week, part.reference)

    def mistakes(self, week: str, part: Part) -> ModuleType | None:
        """The part's mistakes module, run with the reference's names in scope; None if absent."""
        key = f"{week}.{part.reference}_mistakes"
        if key in self._modules:
            return self._modules[key]
        path = self.path(week, f"{part.reference}_mistakes")
        if not path.is_file():
            return None
        names = {k: v for k, v in vars(self.module(week, part)).items() if not k.startswith("__")}
        module = load_reference(self.course, week, path, names)
        self._modules[key] = module
        return module

    def answers(self, week: str, part: Part, function: GradedFunction) -> LiveAnswers:
        """The answers about one function, computed by running the references; kept, so that
        a worker grading a class computes each case's answers once."""
        key = (week, part.name, function.name)
        with self.lock:
            if key not in self._answers:
                served = self._served.get((week, part.reference))
                if served is None:
                    served = Served.of(self.shipped(week, part))
                    self._served[(week, part.reference)] = served
                self._answers[key] = LiveAnswers(function, part, self.module(week, part),
                                                 self.mistakes(week, part), self.lock, served)
            return self._answers[key]

    def shipped(self, week: str, part: Part) -> tuple[Module, ...]:
        """The compiled code of the course modules a part's reference module imports, then of
        the reference itself (as `reference`): what a helper child installs to answer helper
        requests."""
        self.module(week, part)  # the same checks and errors as loading it here
        code = reference_code(load_week(self.course, week), part, self.root)
        reference = Module(("reference", *code.reference.names), code.reference.code)
        return (*code.modules, reference)

    def _load(self, week: str, name: str) -> ModuleType:
        key = f"{week}.{name}"
        if key in self._modules:
            return self._modules[key]
        path = self.path(week, name)
        if not path.is_file():
            raise ConfigError(f"no reference solutions at {path} (set {ENVIRONMENT} to the "
                              "folder that holds them)")
        module = load_reference(self.course, week, path)
        self._modules[key] = module
        return module


class LiveAnswers:
    """`Answers` about one function, by running its reference (and mistakes) here.

    Cases, and what the reference and the mistakes answer on them, depend only on the seed:
    they are computed once and kept, frozen (read-only arrays), for every submission after.
    """

    live = True

    def __init__(self, function: GradedFunction, part: Part, module: ModuleType,
                 mistakes: ModuleType | None, lock: threading.RLock,
                 served: Served | None = None) -> None:
        self.function, self.part, self.module = function, part, module
        self.mistakes_module, self.lock = mistakes, lock
        self.served = served  # shared by the functions of one reference module
        try:
            self.parameters = list(inspect.signature(getattr(module, function.name)).parameters)
        except (TypeError, ValueError):
            self.parameters = []
        self._cases: Memo[str, list[Case]] = Memo(64)  # one per seed
        self._kept: dict[tuple[str, int], tuple[Case, Any]] = {}
        self._internals: list[Reference | None] = []
        self._template: list[str | None] = []

    def cases(self, rng: np.random.Generator) -> list[Case]:
        drawn_from = repr(rng.bit_generator.state)  # a fresh generator: its seed, in effect
        with self.lock:
            return self._cases.kept(drawn_from, lambda: frozen(
                self.function.cases(rng, self.module)))

    def expected(self, index: int, case: Case) -> Expected:
        return self._kept_answer("", index, case, lambda: run_reference(
            getattr(self.module, self.function.name), case))

    def mistaken(self, mistake: Mistake, index: int, case: Case) -> Expected | None:
        implementation = getattr(self.mistakes_module,
                                 f"{self.function.name}__{mistake.name}", None)
        if implementation is None:
            return None
        return self._kept_answer(mistake.name, index, case,
                                 lambda: run_reference(implementation, case))

    def gradients(self, index: int, case: Case) -> dict[str, np.ndarray] | None:
        spec = self.function.gradient
        if spec is None:
            return None

        def numeric() -> dict[str, np.ndarray]:
            with np.errstate(all="ignore"):
                return spec.numeric(case.args, vars(self.module))

        return self._kept_answer("gradients", index, case, numeric)

    def _kept_answer(self, kind: str, index: int, case: Case, compute: Callable[[], T]) -> T:
        """`compute()` once per case: kept for as long as `case` is this index's case. What
        the reference prints goes nowhere (never into a report on standard output)."""
        with self.lock:
            kept = self._kept.get((kind, index))
            if kept is not None and kept[0] is case:
                return cast(T, kept[1])
            with contextlib.redirect_stdout(_DISCARD), contextlib.redirect_stderr(_DISCARD):
                value = frozen(compute())
            self._kept[(kind, index)] = (case, value)
            return value

    def template(self) -> str | None:
        """The digest of this function's released stub, made from the reference's source."""
        with self.lock:
            if not self._template:
                self._template.append(_stub_digest(self.module, self.function.name))
            return self._template[0]

    def internals(self) -> Reference | None:
        """The reference function instrumented for the generic diagnosis (made once)."""
        from grader.diagnosis.reference import Reference

        with self.lock:
            if not self._internals:
                self._internals.append(Reference.of(getattr(self.module, self.function.name),
                                                    self.module, self.lock))
            return self._internals[0]

def _stub_digest(module: ModuleType, name: str) -> str | None:
    """The digest of the stub `grade release` makes of the reference function `name`."""
    from grader.release import function_sources, stub
    from grader.submission.extract import tree_digest

    path = getattr(module, "__file__", None)
    source = function_sources(Path(path)).get(name) if path else None
    try:
        tree = ast.parse(textwrap.dedent(stub(source))) if source else None
    except SyntaxError:
        return None
    return tree_digest(tree.body[0]) if tree is not None and tree.body else None


class _Discard(io.TextIOBase):
    """A text stream that keeps nothing."""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        return len(text)


_DISCARD = _Discard()


def frozen(value: T) -> T:
    """`value` with every array in it made read-only (in place), so that an answer kept for
    later submissions cannot be changed by whoever reads it."""
    if isinstance(value, np.ndarray):
        value.flags.writeable = False
    elif isinstance(value, dict):
        for item in value.values():
            frozen(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            frozen(item)
    elif isinstance(value, (Case, Expected)):
        for item in vars(value).values():
            frozen(item)
    return value
