"""Read the pixels of a PNG with the standard library, to tell a rendered page from a blank one.

Handles what browsers write: 8-bit RGB or RGBA, not interlaced, any of the five row filters.
"""

from __future__ import annotations

import struct
import zlib
from collections import Counter

SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHANNELS = {2: 3, 6: 4}  # colour type → bytes per pixel at 8 bits


def pixels(data: bytes) -> Counter[bytes]:
    """How many pixels of each colour (RGB bytes) the PNG `data` holds."""
    width, height, channels, compressed = _chunks(data)
    raw = zlib.decompress(compressed)
    stride = width * channels
    counts: Counter[bytes] = Counter()
    previous = bytearray(stride)
    for row in range(height):
        start = row * (stride + 1)
        current = _unfilter(raw[start], bytearray(raw[start + 1:start + 1 + stride]),
                            previous, channels)
        view = bytes(current)
        counts.update(view[i:i + 3] for i in range(0, stride, channels))
        previous = current
    return counts


def _chunks(data: bytes) -> tuple[int, int, int, bytes]:
    if not data.startswith(SIGNATURE):
        raise ValueError("not a PNG file")
    position, header, idat = len(SIGNATURE), b"", bytearray()
    while position < len(data):
        (length,) = struct.unpack(">I", data[position:position + 4])
        kind = data[position + 4:position + 8]
        body = data[position + 8:position + 8 + length]
        position += 12 + length
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    if depth != 8 or colour not in CHANNELS or interlace:
        raise ValueError(f"unsupported PNG: depth {depth}, colour type {colour}")
    return width, height, CHANNELS[colour], bytes(idat)


def _unfilter(kind: int, row: bytearray, above: bytearray, bpp: int) -> bytearray:
    if kind == 0:
        return row
    if kind == 2:
        return bytearray((r + a) & 0xFF for r, a in zip(row, above))
    for i in range(len(row)):
        left = row[i - bpp] if i >= bpp else 0
        if kind == 1:
            row[i] = (row[i] + left) & 0xFF
        elif kind == 3:
            row[i] = (row[i] + ((left + above[i]) >> 1)) & 0xFF
        else:
            corner = above[i - bpp] if i >= bpp else 0
            row[i] = (row[i] + _paeth(left, above[i], corner)) & 0xFF
    return row


def _paeth(left: int, up: int, corner: int) -> int:
    estimate = left + up - corner
    to_left, to_up, to_corner = abs(estimate - left), abs(estimate - up), abs(estimate - corner)
    if to_left <= to_up and to_left <= to_corner:
        return left
    return up if to_up <= to_corner else corner
