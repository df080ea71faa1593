"""The progress bar: drawn with carriage returns on a terminal, silent anywhere else."""

from __future__ import annotations

import io

from grader.batch.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_bar_shows_count_rate_and_time_left() -> None:
    clock, screen = Clock(), Terminal()
    bar = Progress(8, screen, clock=clock)
    clock.now += 2.0
    bar.advance(2)
    assert bar.line(clock.now) == "[######------------------]  2/8   1.0/s   0:06 left"
    assert screen.getvalue() == "\r" + bar.line(clock.now) + "\033[K"


def test_redraws_are_limited_but_the_last_one_is_always_drawn() -> None:
    clock, screen = Clock(), Terminal()
    bar = Progress(3, screen, clock=clock)
    clock.now += 0.5
    bar.advance()
    bar.advance()  # same instant: not drawn again
    assert screen.getvalue().count("\r") == 1
    bar.advance()  # the last one
    assert screen.getvalue().count("\r") == 2 and "3/3" in screen.getvalue()
    bar.close()
    assert screen.getvalue().endswith("\r\033[K")


def test_a_note_goes_above_the_bar() -> None:
    clock, screen = Clock(), Terminal()
    bar = Progress(4, screen, clock=clock)
    clock.now += 1
    bar.advance()
    bar.note("grade: bob: not graded")
    text = screen.getvalue()
    assert "\r\033[Kgrade: bob: not graded\n\r[" in text


def test_nothing_but_notes_when_not_a_terminal() -> None:
    stream = io.StringIO()
    bar = Progress(2, stream)
    bar.advance()
    bar.note("grade: bob: not graded")
    bar.advance()
    bar.close()
    assert stream.getvalue() == "grade: bob: not graded\n"


def test_hours_are_shown_when_the_class_is_large() -> None:
    clock = Clock()
    bar = Progress(10000, Terminal(), clock=clock)
    clock.now += 10
    bar.advance(2)
    assert bar.line(clock.now).endswith("0.2/s   13:53:10 left")
