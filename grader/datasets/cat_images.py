"""Draw the project's own cat / non-cat pictures: 64×64 RGB, deterministic from a seed.

The course's photographs cannot be shipped, so the grader paints stand-ins that a small network
can learn from, but not trivially: every picture has a coloured, wavy background; a cat is a
round furry head (brown, ginger, grey or cream, sometimes striped, sometimes over a body) with two
pointed ears, two eyes and a nose, a little off the middle, in a range of sizes; a non-cat is a
landscape, a few objects, a stripe pattern, or a round animal-like head with floppy ears (the hard
negatives). Noise is added to everything. Trained as the course trains, the two-layer model
reaches about 0.84 on the test pictures and the L-layer model 0.86 (the course's photographs:
0.72 and 0.80).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

SIZE = 64
Canvas = NDArray[np.float64]
Mask = NDArray[np.bool_]


def _constant(values: object) -> Canvas:
    array = np.array(values, dtype=np.float64)
    array.flags.writeable = False
    return array


_FUR = _constant([[214, 134, 62], [150, 98, 56], [160, 140, 120], [96, 70, 50],
                  [226, 200, 160], [190, 120, 70]])
_EYES = _constant([[110, 190, 70], [214, 190, 50], [90, 150, 200]])
_Y, _X = _constant(np.mgrid[0:SIZE, 0:SIZE])


def draw(labels: NDArray[np.int64], seed: int) -> NDArray[np.uint8]:
    """One picture per label (1 cat, 0 non-cat), as an (m, 64, 64, 3) uint8 array."""
    rng = np.random.default_rng(seed)
    images = np.empty((len(labels), SIZE, SIZE, 3), dtype=np.uint8)
    for index, label in enumerate(labels):
        canvas = _background(rng)
        if label:
            _cat(rng, canvas)
        else:
            _NON_CATS[int(rng.integers(len(_NON_CATS)))](rng, canvas)
        canvas += rng.normal(0.0, 8.0, canvas.shape)
        images[index] = np.clip(np.rint(canvas), 0, 255).astype(np.uint8)
    return images


# --- shapes ----------------------------------------------------------------------------------


def _ellipse(cx: float, cy: float, rx: float, ry: float) -> Mask:
    result: Mask = ((_X - cx) / rx) ** 2 + ((_Y - cy) / ry) ** 2 <= 1.0
    return result


def _triangle(a: tuple[float, float], b: tuple[float, float], c: tuple[float, float]) -> Mask:
    def side(p: tuple[float, float], q: tuple[float, float]) -> Canvas:
        result: Canvas = (q[0] - p[0]) * (_Y - p[1]) - (q[1] - p[1]) * (_X - p[0])
        return result

    s1, s2, s3 = side(a, b), side(b, c), side(c, a)
    result: Mask = ((s1 >= 0) & (s2 >= 0) & (s3 >= 0)) | ((s1 <= 0) & (s2 <= 0) & (s3 <= 0))
    return result


def _paint(canvas: Canvas, mask: Mask, colour: Canvas) -> None:
    canvas[mask] = colour


def _colour(rng: np.random.Generator, base: Canvas, spread: float = 18.0) -> Canvas:
    return np.clip(base + rng.normal(0.0, spread, 3), 0, 255)


# --- backgrounds -----------------------------------------------------------------------------


def _background(rng: np.random.Generator) -> Canvas:
    top, bottom = rng.uniform(50, 205, 3), rng.uniform(50, 205, 3)
    t = (_Y / (SIZE - 1))[..., None]
    canvas: Canvas = top * (1 - t) + bottom * t
    for _ in range(3):  # soft waves, so that no background is flat
        fx, fy = rng.uniform(-0.3, 0.3, 2)
        canvas += rng.uniform(3, 10) * np.sin(fx * _X + fy * _Y + rng.uniform(0, 2 * np.pi))[
            ..., None]
    return canvas


# --- cats ------------------------------------------------------------------------------------


def _cat(rng: np.random.Generator, canvas: Canvas) -> None:
    r = rng.uniform(15, 20)
    cx, cy = rng.uniform(27, 37), rng.uniform(30, 38)
    fur = _colour(rng, _FUR[int(rng.integers(len(_FUR)))])
    if rng.random() < 0.5:  # a body below the head
        _paint(canvas, _ellipse(cx + rng.uniform(-4, 4), cy + 1.4 * r, 1.3 * r, 0.9 * r),
               _colour(rng, fur, 8))
    for side in (-1, 1):
        ear = _triangle((cx + side * 0.95 * r, cy - 0.2 * r), (cx + side * 0.2 * r, cy - 0.8 * r),
                        (cx + side * 0.85 * r, cy - 1.55 * r))
        _paint(canvas, ear, fur)
    head = _ellipse(cx, cy, r, 0.9 * r)
    _paint(canvas, head, fur)
    if rng.random() < 0.5:  # tabby stripes on the head
        stripes = head & (np.sin((_X - cx) * 0.9 + rng.uniform(0, 6)) > 0.6)
        _paint(canvas, stripes, fur * 0.7)
    eye = _colour(rng, _EYES[int(rng.integers(len(_EYES)))], 10)
    for side in (-1, 1):
        ex, ey = cx + side * 0.42 * r, cy - 0.12 * r
        _paint(canvas, _ellipse(ex, ey, 0.2 * r, 0.16 * r), eye)
        _paint(canvas, _ellipse(ex, ey, 0.06 * r, 0.15 * r), np.array([15.0, 15.0, 15.0]))
    nose = _triangle((cx - 0.12 * r, cy + 0.2 * r), (cx + 0.12 * r, cy + 0.2 * r),
                     (cx, cy + 0.36 * r))
    _paint(canvas, nose, np.array([225.0, 140.0, 150.0]))


# --- non-cats --------------------------------------------------------------------------------


def _landscape(rng: np.random.Generator, canvas: Canvas) -> None:
    horizon = rng.uniform(22, 46)
    sky = _colour(rng, np.array([110.0, 165.0, 225.0]), 30)
    ground = _colour(rng, np.array([90.0, 140.0, 60.0]) if rng.random() < 0.6
                     else np.array([170.0, 140.0, 90.0]), 30)
    hills = horizon + 4 * np.sin(_X * rng.uniform(0.05, 0.2) + rng.uniform(0, 6))
    canvas[_Y < hills] = canvas[_Y < hills] * 0.3 + sky * 0.7
    canvas[_Y >= hills] = canvas[_Y >= hills] * 0.3 + ground * 0.7
    if rng.random() < 0.5:
        _paint(canvas, _ellipse(rng.uniform(8, 56), rng.uniform(6, horizon - 6), 5, 5),
               np.array([250.0, 230.0, 120.0]))


def _objects(rng: np.random.Generator, canvas: Canvas) -> None:
    for _ in range(int(rng.integers(2, 5))):
        colour = rng.uniform(0, 255, 3)
        x, y = rng.uniform(6, 58, 2)
        w, h = rng.uniform(5, 16, 2)
        if rng.random() < 0.5:
            _paint(canvas, (abs(_X - x) <= w) & (abs(_Y - y) <= h), colour)
        else:
            _paint(canvas, _ellipse(x, y, w, w), colour)


def _stripes(rng: np.random.Generator, canvas: Canvas) -> None:
    angle = rng.uniform(0, np.pi)
    period = rng.uniform(4, 14)
    wave = np.sin((np.cos(angle) * _X + np.sin(angle) * _Y) * 2 * np.pi / period) > 0
    _paint(canvas, wave, rng.uniform(0, 255, 3))


def _floppy_eared(rng: np.random.Generator, canvas: Canvas) -> None:
    r = rng.uniform(11, 19)
    cx, cy = rng.uniform(22, 42), rng.uniform(26, 42)
    fur = _colour(rng, _FUR[int(rng.integers(len(_FUR)))])
    for side in (-1, 1):
        _paint(canvas, _ellipse(cx + side * 0.95 * r, cy + 0.2 * r, 0.35 * r, 0.8 * r),
               fur * 0.75)
    _paint(canvas, _ellipse(cx, cy, r, 0.9 * r), fur)
    if rng.random() < 0.6:
        for side in (-1, 1):
            _paint(canvas, _ellipse(cx + side * 0.4 * r, cy - 0.15 * r, 0.12 * r, 0.12 * r),
                   np.array([25.0, 20.0, 20.0]))
    _paint(canvas, _ellipse(cx, cy + 0.35 * r, 0.18 * r, 0.12 * r), np.array([30.0, 25.0, 25.0]))


_NON_CATS = (_landscape, _objects, _stripes, _floppy_eared)
