"""The `grade` command line. `app` holds the group, the exit codes and the verbs, each of them a
module of its own, imported when its command runs."""

from __future__ import annotations

from grader.cli.app import cli, main

__all__ = ["cli", "main"]
