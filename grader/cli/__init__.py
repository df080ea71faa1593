"""The `grade` command line. `app` holds the group and the exit codes; each verb is a module."""

from __future__ import annotations

from grader.cli import all_weeks, data, listing, release, selfcheck  # noqa: F401 - registers them
from grader.cli.app import cli, main

__all__ = ["cli", "main"]
