"""Python and numpy values in HDF5, with their exact types: arrays as datasets, the rest as
groups and small datasets, each node's type in its `type` attribute.

    None → group (type "none")              tuple, list → group of "0", "1", … (type, length)
    bool, int, float, str → 0-d dataset     dict → group of "0", "1", … with the keys as JSON
    numpy scalar → 0-d dataset ("numpy")    ndarray → dataset ("ndarray")

The types matter: the grader's checks tell a Python float from a numpy float64, a tuple from a
list, a 0-d array from a scalar.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np

from grader.errors import DataError

_SCALARS = {bool: "bool", int: "int", float: "float", str: "str"}


def write_value(group: Any, name: str, value: Any) -> None:
    """Store `value` as `group[name]`."""
    kind = type(value)
    if value is None:
        group.create_group(name).attrs["type"] = "none"
    elif kind in _SCALARS:
        import h5py

        dtype = h5py.string_dtype() if kind is str else None
        group.create_dataset(name, data=value, dtype=dtype).attrs["type"] = _SCALARS[kind]
    elif kind in (tuple, list):
        child = group.create_group(name)
        child.attrs.update(type=kind.__name__, length=len(value))
        for index, item in enumerate(value):
            write_value(child, str(index), item)
    elif kind is dict:
        child = group.create_group(name)
        child.attrs.update(type="dict", keys=json.dumps(list(value)))
        for index, item in enumerate(value.values()):
            write_value(child, str(index), item)
    elif kind is np.ndarray and value.dtype.kind in "biufc":
        group.create_dataset(name, data=value).attrs["type"] = "ndarray"
    elif isinstance(value, np.generic) and value.dtype.kind in "biufc":
        group.create_dataset(name, data=value).attrs["type"] = "numpy"
    else:
        raise DataError(f"cannot store a value of type {kind.__name__} in a cases file")


def read_value(node: Any) -> Any:
    """The value stored at `node` by `write_value`; `DataError` on anything else."""
    kind = node.attrs.get("type")
    if kind == "none":
        return None
    if kind in ("tuple", "list"):
        items = [read_value(node[str(i)]) for i in range(int(node.attrs["length"]))]
        return tuple(items) if kind == "tuple" else items
    if kind == "dict":
        keys = json.loads(node.attrs["keys"])
        return {key: read_value(node[str(i)]) for i, key in enumerate(keys)}
    if kind == "ndarray":
        return np.array(node[()])
    if kind == "numpy":
        return node[()]
    if kind in ("bool", "int", "float"):
        return {"bool": bool, "int": int, "float": float}[kind](node[()])
    if kind == "str":
        raw = node[()]
        return raw.decode("utf-8") if isinstance(raw, bytes) else str(raw)
    raise DataError(f"{getattr(node, 'name', '?')}: not a value written by the grader "
                    f"(type {kind!r})")
