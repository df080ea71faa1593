"""The reference solutions, loaded from `solutions/<week>/` into the grader's process only.

Reference modules are registered under `grader.references.<week>.<module>`; the sandbox checks
that prefix before forking a zygote from this process, so children never inherit them.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from grader.errors import ConfigError
from grader.spec import Part

PREFIX = "grader.references"
ENVIRONMENT = "GRADE_SOLUTIONS"


def default_root() -> Path:
    """`$GRADE_SOLUTIONS`, else the `solutions/` folder beside the `grader` package."""
    configured = os.environ.get(ENVIRONMENT)
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parent.parent / "solutions"


class References:
    """Reference modules and mistake catalogues of one solutions folder."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root or default_root()
        self._modules: dict[str, ModuleType] = {}

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

    def mistake(self, week: str, part: Part, function: str, mistake: str) -> Callable[..., Any]:
        """The implementation of one catalogued mistake."""
        module = self.mistakes(week, part)
        implementation = getattr(module, f"{function}__{mistake}", None)
        if implementation is None:
            raise ConfigError(f"mistake {function}__{mistake} is not in "
                              f"{self.path(week, part.reference + '_mistakes')}")
        return implementation  # type: ignore[no-any-return]

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
