"""The registry of weeks: their names, and their specs imported on demand."""

from __future__ import annotations

import importlib

from grader.errors import ConfigError
from grader.spec import Week

NAMES = ("week2", "week3", "week4")


def get_week(name: str) -> Week:
    """The spec of a week by name; `ConfigError` for a name the course does not have."""
    if name not in NAMES:
        raise ConfigError(f"unknown week {name!r}; the weeks are {', '.join(NAMES)}")
    week: Week = importlib.import_module(f"grader.weeks.{name}").WEEK
    return week
