"""A one-line progress bar for a terminal: count, rate, time left. Silent when not a terminal.

    [##########----------]  120/240   21.4/s   0:05 left
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

WIDTH = 24
REDRAW_SECONDS = 0.1


class Progress:
    """Draws on `stream` (standard error) with carriage returns, only when it is a TTY."""

    def __init__(self, total: int, stream: TextIO, *, enabled: bool | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.total = total
        self.done = 0
        self.stream = stream
        self.enabled = stream.isatty() if enabled is None else enabled
        self.clock = clock
        self.started = clock()
        self._drawn = -REDRAW_SECONDS
        self._shown = False

    def advance(self, count: int = 1) -> None:
        """Count finished submissions; redraw at most every `REDRAW_SECONDS`."""
        self.done += count
        now = self.clock()
        if self.enabled and (now - self._drawn >= REDRAW_SECONDS or self.done >= self.total):
            self._drawn = now
            self._draw(self.line(now))

    def note(self, text: str) -> None:
        """Print a line above the bar (a failure worth telling at once)."""
        self._clear()
        self.stream.write(text + "\n")
        if self.enabled:
            self._draw(self.line(self.clock()))
        self.stream.flush()

    def close(self) -> None:
        """Take the bar away, leaving the terminal as it was."""
        self._clear()

    def line(self, now: float) -> str:
        """The bar as text, at time `now`."""
        elapsed = max(now - self.started, 1e-9)
        rate = self.done / elapsed
        filled = WIDTH * self.done // self.total if self.total else WIDTH
        left = "" if not self.done else f"   {_clock((self.total - self.done) / rate)} left"
        width = len(str(self.total))
        return (f"[{'#' * filled}{'-' * (WIDTH - filled)}]  {self.done:>{width}}/{self.total}"
                f"   {rate:.1f}/s{left}")

    def _draw(self, text: str) -> None:
        self.stream.write("\r" + text + "\033[K")
        self.stream.flush()
        self._shown = True

    def _clear(self) -> None:
        if self._shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self._shown = False


def _clock(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
