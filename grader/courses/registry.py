"""The registry of weeks: their names, and their specs imported on demand."""

from __future__ import annotations

import importlib

from grader.errors import ConfigError
from grader.spec import Week

NAMES = ("week2", "week3", "week4")


def check(names: tuple[str, ...] | list[str]) -> None:
    """Raise `ConfigError` for a name the course does not have, without importing any spec."""
    for name in names:
        if name not in NAMES:
            raise ConfigError(f"unknown week {name!r}; the weeks are {', '.join(NAMES)}")


def get_week(name: str) -> Week:
    """The spec of a week by name; `ConfigError` for a name the course does not have."""
    check([name])
    week: Week = importlib.import_module(f"grader.weeks.{name}").WEEK
    return week
