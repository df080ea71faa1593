"""A table of values that are cheap to compute again, bounded without bookkeeping."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Memo(dict[K, V]):
    """A dict that forgets everything once it holds `size` entries (a worker grading a class
    sees the same few thousand values again and again; anything else is rare)."""

    def __init__(self, size: int = 4096) -> None:
        super().__init__()
        self.size = size

    def keep(self, key: K, value: V) -> V:
        """Store `value` under `key` (first forgetting all when full); return `value`."""
        if len(self) >= self.size:
            self.clear()
        self[key] = value
        return value

    def kept(self, key: K, make: Callable[[], V]) -> V:
        """The value under `key`, made by `make()` and kept when it is not there."""
        value = self.get(key)
        return self.keep(key, make()) if value is None else value
