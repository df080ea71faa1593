"""numpy 1.x spellings that numpy 2 removed, put back in the sandbox's numpy.

Learners of the older releases wrote for numpy 1.x: `np.product`, `np.int`, `np.asscalar`, …
Their code is graded as their environment ran it, so the zygote puts these names back once,
before forking (`install`); each is the very thing numpy 1.x meant by it. A name numpy still
defines is left as numpy defines it. The grader warns about each spelling it reads in a
learner's function, naming the current one (`SPELLINGS`, used by `grader.properties`).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from types import ModuleType
from typing import Any

# old name → what to write today
SPELLINGS: dict[str, str] = {
    "product": "np.prod", "cumproduct": "np.cumprod", "alltrue": "np.all",
    "sometrue": "np.any", "round_": "np.round", "asscalar": "a.item()", "int": "int",
    "float": "float", "complex": "complex", "object": "object", "str": "str", "unicode": "str",
    "float_": "np.float64", "complex_": "np.complex128", "cfloat": "np.complex128",
    "singlecomplex": "np.complex64", "longfloat": "np.longdouble",
    "clongfloat": "np.clongdouble", "longcomplex": "np.clongdouble", "string_": "np.bytes_",
    "unicode_": "np.str_", "int0": "np.intp", "uint0": "np.uintp", "bool8": "np.bool_",
    "object0": "np.object_", "str0": "np.str_", "bytes0": "np.bytes_", "void0": "np.void",
    "NaN": "np.nan", "NAN": "np.nan", "Inf": "np.inf", "Infinity": "np.inf", "infty": "np.inf",
    "PINF": "np.inf", "NINF": "-np.inf", "PZERO": "0.0", "NZERO": "-0.0",
    "mat": "np.asmatrix", "msort": "np.sort(a, axis=0)", "trapz": "np.trapezoid",
    "in1d": "np.isin", "issubclass_": "issubclass",
}


def _aliases(np: ModuleType) -> dict[str, Any]:
    """What each old name meant, in terms of the numpy at hand."""
    def asscalar(a: Any) -> Any:
        return a.item()

    def msort(a: Any) -> Any:
        return np.sort(a, axis=0)

    def in1d(ar1: Any, ar2: Any, assume_unique: bool = False, invert: bool = False) -> Any:
        return np.isin(np.ravel(ar1), ar2, assume_unique=assume_unique, invert=invert)

    scalars: dict[str, Callable[[], Any]] = {
        "product": lambda: np.prod, "cumproduct": lambda: np.cumprod,
        "alltrue": lambda: np.all, "sometrue": lambda: np.any, "round_": lambda: np.round,
        "float_": lambda: np.float64, "complex_": lambda: np.complex128,
        "cfloat": lambda: np.complex128, "singlecomplex": lambda: np.complex64,
        "longfloat": lambda: np.longdouble, "clongfloat": lambda: np.clongdouble,
        "longcomplex": lambda: np.clongdouble, "string_": lambda: np.bytes_,
        "unicode_": lambda: np.str_, "int0": lambda: np.intp, "uint0": lambda: np.uintp,
        "bool8": lambda: np.bool_, "object0": lambda: np.object_, "str0": lambda: np.str_,
        "bytes0": lambda: np.bytes_, "void0": lambda: np.void, "mat": lambda: np.asmatrix,
        "trapz": lambda: getattr(np, "trapezoid", None),
    }
    found = {name: make() for name, make in scalars.items()}
    found.update(asscalar=asscalar, msort=msort, in1d=in1d, issubclass_=issubclass, int=int,
                 float=float, complex=complex, object=object, str=str, unicode=str,
                 NaN=np.nan, NAN=np.nan, Inf=np.inf, Infinity=np.inf, infty=np.inf,
                 PINF=np.inf, NINF=-np.inf, PZERO=0.0, NZERO=-0.0)
    return {name: value for name, value in found.items() if value is not None}


def install(np: ModuleType) -> list[str]:
    """Give `np` every old spelling it lacks; return the names added."""
    added = []
    for name, value in _aliases(np).items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                getattr(np, name)
                continue  # numpy still defines it: leave it as numpy means it
            except AttributeError:
                pass
        setattr(np, name, value)
        added.append(name)
    return added
