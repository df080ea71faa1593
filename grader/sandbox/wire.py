"""Values across the sandbox boundary, without pickle.

One message is one frame on a stream socket (a `Channel`):

    u32 big-endian length of the header │ header (UTF-8 JSON) │ blob 0 │ blob 1 │ …

The header is ``{"msg": <message>, "blobs": [size, …]}``. Arrays and numpy scalars travel as
``.npy`` blobs, read back with ``allow_pickle=False``; everything else is tagged JSON:

    list → [...]                tuple → {"$tuple": [...]}       dict → {"$dict": [[k, v], ...]}
    ndarray → {"$array": i}     numpy scalar → {"$scalar": i}   nan/inf → {"$float": "nan"}
    anything else → {"$opaque": "module.Type", "repr": "..."}   (decoded as `Opaque`)

Both sides use this module, but the parent trusts nothing it decodes: sizes, depth, dtypes and
tags are all checked, and anything unexpected is a `WireError`.
"""

from __future__ import annotations

import io
import json
import math
import re
import socket
import struct
import time
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from grader.memo import Memo

HEADER = struct.Struct(">I")
MAX_HEADER_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 64
ALLOWED_KINDS = frozenset("biufcUS")


class WireError(Exception):
    """A frame could not be read or did not follow the protocol."""


class WireTimeout(WireError):
    """The other side did not send a whole frame before the deadline."""


class WireClosed(WireError):
    """The other side closed the connection."""


@dataclass(frozen=True)
class Opaque:
    """A value the wire does not carry: only its type name and a short repr arrive."""

    type_name: str
    text: str

    def __repr__(self) -> str:
        return f"<{self.type_name}: {self.text}>"


def _type_name(value: object) -> str:
    cls = type(value)
    module = getattr(cls, "__module__", "?")
    qualname = getattr(cls, "__qualname__", cls.__name__)
    return qualname if module == "builtins" else f"{module}.{qualname}"


def _short_repr(value: object, limit: int = 200) -> str:
    try:
        text = repr(value)
    except BaseException:  # a hostile __repr__ must not stop the encoding
        text = "<unprintable>"
    return text if len(text) <= limit else text[: limit - 1] + "…"


_NPY_MAGIC = b"\x93NUMPY\x01\x00"
_NPY_HEADER = re.compile(
    rb"\{'descr': '([<>|=][a-zA-Z]\d*)', 'fortran_order': (True|False), "
    rb"'shape': \(((?:\d+, ?)*\d*)\), \} *\n"
)


def _npy(array: np.ndarray) -> bytes:
    """The array in `.npy` format (version 1.0, C order), as `np.save` writes it."""
    if not array.flags.c_contiguous:
        array = array.copy(order="C")
    prefix = _PREFIXES.kept((array.dtype.str, array.shape), lambda: _npy_prefix(array))
    return prefix + array.tobytes()


def _npy_prefix(array: np.ndarray) -> bytes:
    """The magic string and header of a `.npy` file holding an array like `array`."""
    header = (f"{{'descr': {array.dtype.str!r}, 'fortran_order': False, "
              f"'shape': {array.shape!r}, }}")
    padding = 64 - (len(_NPY_MAGIC) + 2 + len(header) + 1) % 64
    text = (header + " " * padding + "\n").encode("latin1")
    return _NPY_MAGIC + struct.pack("<H", len(text)) + text


def _read_npy(blob: bytes) -> np.ndarray:
    """Read `.npy` bytes strictly; never unpickles (odd headers go to `np.load`, pickle off)."""
    if blob[:8] == _NPY_MAGIC and len(blob) >= 10:
        (size,) = struct.unpack("<H", blob[8:10])
        header = blob[10 : 10 + size]
        layout = _LAYOUTS.get(header)
        if layout is None:
            layout = _layout(header)
        if layout is not None:
            dtype, shape, order = layout
            data = blob[10 + size :]
            if len(data) != dtype.itemsize * math.prod(shape):
                raise WireError("array data does not match its header")
            array: np.ndarray = np.frombuffer(data, dtype=dtype).reshape(shape, order=order).copy()
            return array
    loaded: np.ndarray = np.load(io.BytesIO(blob), allow_pickle=False)
    return loaded


def _layout(header: bytes) -> tuple[np.dtype[Any], tuple[int, ...], Literal["C", "F"]] | None:
    """The dtype, shape and order a `.npy` header describes (kept for the next array like it);
    None for a header this module does not write (then `np.load` reads the array)."""
    found = _NPY_HEADER.fullmatch(header)
    if found is None:
        return None
    dtype = np.dtype(found.group(1).decode())
    if dtype.kind not in ALLOWED_KINDS:
        raise WireError("array of a type the wire does not carry")
    shape = tuple(int(n) for n in found.group(3).split(b",") if n.strip())
    order: Literal["C", "F"] = "F" if found.group(2) == b"True" else "C"
    return _LAYOUTS.keep(header, (dtype, shape, order))


# Arrays of the same dtype and shape cross the wire again and again: their headers are written
# and read once.
_PREFIXES: Memo[tuple[str, tuple[int, ...]], bytes] = Memo()
_LAYOUTS: Memo[bytes, tuple[np.dtype[Any], tuple[int, ...], Literal["C", "F"]]] = Memo()


def encode(value: Any, blobs: list[bytes], depth: int = 0) -> Any:
    """Turn a value into a JSON-able tree, appending array payloads to `blobs`."""
    if depth > MAX_DEPTH:
        raise WireError("value nested too deeply")
    kind = type(value)
    if value is None or kind is bool or kind is str or kind is int:
        return value
    if kind is float:
        return value if math.isfinite(value) else {"$float": repr(value)}
    if kind is list:
        return [encode(item, blobs, depth + 1) for item in value]
    if kind is tuple:
        return {"$tuple": [encode(item, blobs, depth + 1) for item in value]}
    if kind is dict:
        return {
            "$dict": [
                [encode(k, blobs, depth + 1), encode(v, blobs, depth + 1)]
                for k, v in value.items()
            ]
        }
    if kind is np.ndarray and value.dtype.kind in ALLOWED_KINDS:
        blobs.append(_npy(value))
        return {"$array": len(blobs) - 1}
    if (isinstance(value, np.generic) and kind.__module__ == "numpy"
            and np.dtype(kind).kind in ALLOWED_KINDS):
        blobs.append(_npy(np.asarray(value)))
        return {"$scalar": len(blobs) - 1}
    return {"$opaque": _type_name(value), "repr": _short_repr(value)}


def decode(tree: Any, blobs: list[bytes], depth: int = 0) -> Any:
    """Rebuild a value from `encode`'s tree; raise `WireError` on anything unexpected."""
    if depth > MAX_DEPTH:
        raise WireError("value nested too deeply")
    if tree is None or isinstance(tree, (bool, str, int, float)):
        return tree
    if isinstance(tree, list):
        return [decode(item, blobs, depth + 1) for item in tree]
    if not isinstance(tree, dict) or len(tree) not in (1, 2):
        raise WireError("malformed value")
    if "$tuple" in tree:
        return tuple(decode(item, blobs, depth + 1) for item in _list(tree["$tuple"]))
    if "$dict" in tree:
        result: dict[Any, Any] = {}
        for pair in _list(tree["$dict"]):
            if not isinstance(pair, list) or len(pair) != 2:
                raise WireError("malformed dict entry")
            key = decode(pair[0], blobs, depth + 1)
            try:
                result[key] = decode(pair[1], blobs, depth + 1)
            except TypeError as error:
                raise WireError("unhashable dict key") from error
        return result
    if "$array" in tree:
        return _load_npy(blobs, tree["$array"])
    if "$scalar" in tree:
        array = _load_npy(blobs, tree["$scalar"])
        if array.shape != ():
            raise WireError("scalar blob is not 0-d")
        return array[()]
    if "$float" in tree:
        text = tree["$float"]
        if text not in ("nan", "inf", "-inf"):
            raise WireError("malformed float")
        return float(text)
    if "$opaque" in tree:
        return Opaque(str(tree["$opaque"])[:200], str(tree.get("repr", ""))[:200])
    raise WireError("unknown value tag")


def describe(request: dict[str, Any], blobs: list[bytes], limit: int = 300) -> str:
    """The arguments of an encoded call (`args`, `kwargs`), in a few words, read from the trees
    and the arrays' headers only (the arrays themselves may be huge)."""
    parts = [_sketch(tree, blobs) for tree in _as_list(request.get("args"))]
    kwargs = request.get("kwargs")
    if isinstance(kwargs, dict) and isinstance(kwargs.get("$dict"), list):
        parts += [f"{_sketch(pair[0], blobs)}={_sketch(pair[1], blobs)}"
                  for pair in kwargs["$dict"] if isinstance(pair, list) and len(pair) == 2]
    text = "(" + ", ".join(parts) + ")"
    return text if len(text) <= limit else text[: limit - 2] + "…)"


def _as_list(tree: Any) -> list[Any]:
    return tree if isinstance(tree, list) else []


def _sketch(tree: Any, blobs: list[bytes]) -> str:
    if tree is None or isinstance(tree, (bool, int, float)):
        return repr(tree)
    if isinstance(tree, str):
        return repr(tree[:20])
    if isinstance(tree, list):
        return f"a list of {len(tree)}"
    if isinstance(tree, dict):
        if "$tuple" in tree:
            return f"a tuple of {len(_as_list(tree['$tuple']))}"
        if "$dict" in tree:
            return f"a dict of {len(_as_list(tree['$dict']))}"
        index = tree.get("$array", tree.get("$scalar"))
        if isinstance(index, int) and 0 <= index < len(blobs):
            layout = _header_of(blobs[index])
            if layout is not None:
                return f"{layout[0]} array of shape {layout[1]}"
    return "a value"


def _header_of(blob: bytes) -> tuple[str, tuple[int, ...]] | None:
    if blob[:8] != _NPY_MAGIC or len(blob) < 10:
        return None
    (size,) = struct.unpack("<H", blob[8:10])
    found = _NPY_HEADER.fullmatch(blob[10 : 10 + size])
    if found is None:
        return None
    shape = tuple(int(n) for n in found.group(3).split(b",") if n.strip())
    try:
        return np.dtype(found.group(1).decode()).name, shape
    except (TypeError, ValueError):
        return None


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise WireError("malformed value")
    return value


def _load_npy(blobs: list[bytes], index: Any) -> np.ndarray:
    if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < len(blobs):
        raise WireError("bad blob reference")
    try:
        array = _read_npy(blobs[index])
    except WireError:
        raise
    except Exception as error:
        raise WireError(f"unreadable array: {error}") from error
    if not isinstance(array, np.ndarray) or array.dtype.kind not in ALLOWED_KINDS:
        raise WireError("array of a type the wire does not carry")
    return array


class Channel:
    """A stream socket carrying frames, read through a buffer (few system calls per frame)."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self._buffer = bytearray()

    def send(self, message: dict[str, Any], blobs: list[bytes] | None = None) -> None:
        """Write one frame; `message` must already hold encoded values. A peer that is gone
        (a closed socket, a reset connection) is `WireClosed`, never an `OSError`."""
        blobs = blobs or []
        header = json.dumps({"msg": message, "blobs": [len(b) for b in blobs]}).encode()
        try:
            self.sock.sendall(b"".join([HEADER.pack(len(header)), header, *blobs]))
        except OSError as error:
            raise WireClosed(f"cannot send: {error}") from error

    def recv(self, *, deadline: float | None = None,
             max_bytes: int = 512 * 1024 * 1024) -> tuple[dict[str, Any], list[bytes]]:
        """Read one frame; raise `WireTimeout` past `deadline` (a `time.monotonic()` value)."""
        (size,) = HEADER.unpack(self._take(HEADER.size, deadline))
        if size > min(MAX_HEADER_BYTES, max_bytes):
            raise WireError(f"header of {size} bytes is too large")
        try:
            header = json.loads(self._take(size, deadline))
        except (ValueError, RecursionError) as error:
            raise WireError("header is not valid JSON") from error
        if not isinstance(header, dict) or not isinstance(header.get("msg"), dict):
            raise WireError("header has no message")
        sizes = header.get("blobs", [])
        if not isinstance(sizes, list) or not all(
            isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in sizes
        ):
            raise WireError("bad blob sizes")
        if sum(sizes) + size > max_bytes:
            raise WireError(f"message of {sum(sizes) + size} bytes exceeds the limit of "
                            f"{max_bytes}")
        return header["msg"], [self._take(n, deadline) for n in sizes]

    def _take(self, size: int, deadline: float | None) -> bytes:
        while len(self._buffer) < size:
            if deadline is not None:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise WireTimeout("deadline passed")
                self.sock.settimeout(left)
            elif self.sock.gettimeout() is not None:
                self.sock.settimeout(None)
            try:
                chunk = self.sock.recv(max(size - len(self._buffer), 1 << 16))
            except TimeoutError as error:
                raise WireTimeout("deadline passed") from error
            except OSError as error:
                raise WireClosed(str(error)) from error
            if not chunk:
                raise WireClosed("connection closed")
            self._buffer += chunk
        taken = bytes(self._buffer[:size])
        del self._buffer[:size]
        return taken

    def close(self) -> None:
        self.sock.close()


def pack(message: dict[str, Any], **values: Any) -> tuple[dict[str, Any], list[bytes]]:
    """Encode `values` into `message` under their keyword names; return it with its blobs."""
    blobs: list[bytes] = []
    for key, value in values.items():
        message[key] = encode(value, blobs)
    return message, blobs
