"""Grader code shipped into a sandbox child, and the exceptions that may cross back into one.

`Module` is a grader or course module as the grader sends it (compiled code, every name it is
importable as); `install_modules` runs such modules in a child. `SAFE_ERRORS` are the exception
types a child may raise again in the learner's code when a helper or a call back reports one
(any other type becomes a RuntimeError).
"""

from __future__ import annotations

import marshal
import sys
import types
from dataclasses import dataclass
from typing import Any

SAFE_ERRORS: dict[str, type[Exception]] = {
    cls.__name__: cls
    for cls in (ValueError, TypeError, KeyError, IndexError, ZeroDivisionError,
                FloatingPointError, AttributeError, ArithmeticError, RuntimeError, MemoryError,
                RecursionError, NameError)
}


@dataclass(frozen=True)
class Module:
    """A grader module to install in a child: every name it imports as, and its compiled code."""

    names: tuple[str, ...]
    code: bytes

    def wire(self, blobs: list[bytes]) -> dict[str, Any]:
        """The module as a `load` or `calls` request wants it; its code goes to `blobs`."""
        blobs.append(self.code)
        return {"names": list(self.names), "code": len(blobs) - 1}


def install_modules(modules: list[dict[str, Any]], blobs: list[bytes]) -> None:
    """Run each shipped course module into a fresh module, importable under all its names."""
    for spec in modules:
        names = [str(name) for name in spec["names"]]
        module = types.ModuleType(names[0])
        exec(marshal.loads(blobs[spec["code"]]), module.__dict__)  # noqa: S102 - grader's code
        for name in names:
            sys.modules[name] = module
        package, _, leaf = names[0].rpartition(".")
        if package in sys.modules:  # `from package import leaf` finds it as an attribute
            setattr(sys.modules[package], leaf, module)
