"""The `grade` command line. `app` holds the group and the exit codes; each verb is a module."""

from __future__ import annotations

from grader.cli import (  # noqa: F401 - registers the commands
    all_weeks, bundle, data, export, listing, release, selfcheck, summary)
from grader.cli.app import cli, main

__all__ = ["cli", "main"]
