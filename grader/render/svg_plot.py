"""A training function's cost curve against the reference's, as a small inline SVG.

Costs that are not finite (a learner's `nan` after a sign mistake) break the learner's line and
are named under the plot; they never stretch the axes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

WIDTH, HEIGHT = 560, 240
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 30, 40
YOURS, REFERENCE = "#1f6feb", "#6e7781"
MARKERS_UP_TO = 30  # with few points, dots show where each recorded cost is


@dataclass(frozen=True)
class _Frame:
    """Maps (index, cost) to SVG coordinates."""

    count: int
    low: float
    high: float

    def x(self, index: int) -> float:
        span = WIDTH - LEFT - RIGHT
        return LEFT + (span / 2 if self.count < 2 else span * index / (self.count - 1))

    def y(self, value: float) -> float:
        return TOP + (self.high - value) / (self.high - self.low) * (HEIGHT - TOP - BOTTOM)


def cost_plot(yours: Sequence[float], expected: Sequence[float], name: str) -> str:
    """An `<svg>` element plotting both cost histories (empty text when both are empty)."""
    finite = [c for c in (*yours, *expected) if math.isfinite(c)]
    count = max(len(yours), len(expected))
    if count == 0:
        return ""
    low, high = (min(finite), max(finite)) if finite else (0.0, 1.0)
    if high - low < 1e-12 * max(1.0, abs(high)):
        pad = abs(high) * 0.1 or 1.0
        low, high = low - pad, high + pad
    frame = _Frame(count, low, high)
    label = f"Cost of {name}: yours against the reference's, {count} recorded values"
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="plot" role="img" '
             f'width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}">',
             f"<title>{escape(label)}</title>", *_axes(frame),
             *_series(expected, frame, REFERENCE, dashed=True),
             *_series(yours, frame, YOURS, dashed=False), *_legend(), "</svg>"]
    return "\n".join(parts)


def not_finite(costs: Sequence[float]) -> str:
    """A sentence naming the first cost that is not a number ("" when all are)."""
    index = next((i for i, c in enumerate(costs) if not math.isfinite(c)), None)
    if index is None:
        return ""
    return (f"Your cost becomes {costs[index]} at recorded value {index}; "
            "the plotted line breaks there.")


def _axes(frame: _Frame) -> list[str]:
    bottom, right = HEIGHT - BOTTOM, WIDTH - RIGHT
    grey = 'stroke="#d0d7de" stroke-width="1"'
    return [
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{bottom}" {grey}/>',
        f'<line x1="{LEFT}" y1="{bottom}" x2="{right}" y2="{bottom}" {grey}/>',
        _text(LEFT - 6, TOP + 4, f"{frame.high:.4g}", anchor="end"),
        _text(LEFT - 6, bottom, f"{frame.low:.4g}", anchor="end"),
        _text(LEFT, bottom + 16, "0", anchor="middle"),
        _text(right, bottom + 16, str(frame.count - 1), anchor="middle"),
        _text((LEFT + right) / 2, bottom + 32, "recorded costs, in order", anchor="middle"),
    ]


def _series(costs: Sequence[float], frame: _Frame, colour: str, *, dashed: bool) -> list[str]:
    """A polyline per run of finite costs, and dots when there are few."""
    runs: list[list[tuple[float, float]]] = [[]]
    for index, cost in enumerate(costs):
        if math.isfinite(cost):
            runs[-1].append((frame.x(index), frame.y(cost)))
        elif runs[-1]:
            runs.append([])
    dash = ' stroke-dasharray="6 4"' if dashed else ""
    shapes = []
    for run in runs:
        if len(run) > 1:
            points = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
            shapes.append(f'<polyline points="{points}" fill="none" stroke="{colour}" '
                          f'stroke-width="2"{dash}/>')
        if len(run) == 1 or len(costs) <= MARKERS_UP_TO:
            shapes.extend(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"/>'
                          for x, y in run)
    return shapes


def _legend() -> list[str]:
    """Above the plotting area, where no curve can hide it."""
    x, y = WIDTH - RIGHT - 170, TOP - 14
    return [f'<line x1="{x}" y1="{y}" x2="{x + 24}" y2="{y}" stroke="{YOURS}" '
            'stroke-width="2"/>',
            _text(x + 30, y + 4, "yours"),
            f'<line x1="{x + 80}" y1="{y}" x2="{x + 104}" y2="{y}" '
            f'stroke="{REFERENCE}" stroke-width="2" stroke-dasharray="6 4"/>',
            _text(x + 110, y + 4, "reference")]


def _text(x: float, y: float, words: str, *, anchor: str = "start") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="12" fill="#57606a" '
            f'text-anchor="{anchor}">{escape(words)}</text>')
