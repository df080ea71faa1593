"""The reference solutions, loaded from `solutions/<week>/` into the grader's process only.

Reference modules are registered under `grader.references.<week>.<module>`; the sandbox checks
that prefix before forking a zygote from this process, so children never inherit them.
"""

from __future__ import annotations

import importlib.util
import inspect
import os
import sys
import threading
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

from grader.answers import Expected, run_reference
from grader.errors import ConfigError
from grader.spec import Case, GradedFunction, Mistake, Part

PREFIX = "grader.references"
ENVIRONMENT = "GRADE_SOLUTIONS"


def default_root() -> Path:
    """`$GRADE_SOLUTIONS`, else the `solutions/` folder beside the `grader` package."""
    configured = os.environ.get(ENVIRONMENT)
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parent.parent / "solutions"


class References:
    """Reference modules and mistake catalogues of one solutions folder: a live `Source`.

    Reference code runs under `lock`: some of it seeds numpy's global RNG, and grading runs
    on several threads.
    """

    live = True
    unavailable: tuple[str, ...] = ()

    def __init__(self, root: Path | None = None) -> None:
        self.root = root or default_root()
        self._modules: dict[str, ModuleType] = {}
        self.lock = threading.RLock()

    def path(self, week: str, module: str) -> Path:
        return self.root / week / f"{module}.py"

    def module(self, week: str, part: Part) -> ModuleType:
        """The reference module of a part (loaded once)."""
        return self._load(week, part.reference)

    def mistakes(self, week: str, part: Part) -> ModuleType | None:
        """The part's mistakes module, run with the reference's names in scope; None if absent."""
        name = f"{part.reference}_mistakes"
        key = f"{PREFIX}.{week}.{name}"
        if key in self._modules:
            return self._modules[key]
        path = self.path(week, name)
        if not path.is_file():
            return None
        module = ModuleType(key)
        module.__dict__.update(
            {k: v for k, v in vars(self.module(week, part)).items() if not k.startswith("__")}
        )
        module.__file__ = str(path)
        exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), module.__dict__)  # noqa: S102
        sys.modules[key] = module
        self._modules[key] = module
        return module

    def answers(self, week: str, part: Part, function: GradedFunction) -> LiveAnswers:
        """The answers about one function, computed by running the references."""
        with self.lock:
            return LiveAnswers(function, part, self.module(week, part),
                               self.mistakes(week, part), self.lock)

    def _load(self, week: str, name: str) -> ModuleType:
        key = f"{PREFIX}.{week}.{name}"
        if key in self._modules:
            return self._modules[key]
        path = self.path(week, name)
        if not path.is_file():
            raise ConfigError(f"no reference solutions at {path} (set {ENVIRONMENT} to the "
                              "folder that holds them)")
        spec = importlib.util.spec_from_file_location(key, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[key] = module
        spec.loader.exec_module(module)
        self._modules[key] = module
        return module


class LiveAnswers:
    """`Answers` about one function, by running its reference (and mistakes) here."""

    live = True

    def __init__(self, function: GradedFunction, part: Part, module: ModuleType,
                 mistakes: ModuleType | None, lock: threading.RLock) -> None:
        self.function, self.part, self.module = function, part, module
        self.mistakes_module, self.lock = mistakes, lock
        try:
            self.parameters = list(inspect.signature(getattr(module, function.name)).parameters)
        except (TypeError, ValueError):
            self.parameters = []

    def cases(self, rng: np.random.Generator) -> list[Case]:
        with self.lock:
            return self.function.cases(rng, self.module)

    def expected(self, index: int, case: Case) -> Expected:
        with self.lock:
            return run_reference(getattr(self.module, self.function.name), case)

    def mistaken(self, mistake: Mistake, index: int, case: Case) -> Expected | None:
        implementation = getattr(self.mistakes_module,
                                 f"{self.function.name}__{mistake.name}", None)
        if implementation is None:
            return None
        with self.lock:
            return run_reference(implementation, case)

    def gradients(self, index: int, case: Case) -> dict[str, np.ndarray] | None:
        if self.function.gradient is None:
            return None
        with self.lock, np.errstate(all="ignore"):
            return self.function.gradient.numeric(case.args, vars(self.module))

    def helper(self, name: str, args: list[Any], kwargs: dict[str, Any],
               rng: Any) -> tuple[Any, Any]:
        """Run the reference `name` for the learner's code, on the child's random state."""
        with self.lock:
            saved = np.random.get_state()
            try:
                np.random.set_state(rng)
                with np.errstate(all="ignore"):  # a learner's odd inputs: their result, our quiet
                    value = getattr(self.module, name)(*args, **kwargs)
                return value, np.random.get_state()
            finally:
                np.random.set_state(saved)
