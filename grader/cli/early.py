"""The zygote a grading command starts before anything else loads (`grader.launch`), kept on
the command line's root context until the command takes it."""

from __future__ import annotations

import subprocess

import click

from grader.launch import Launched, launch

_KEY = "grade.zygote"


def start_early(ctx: click.Context) -> None:
    """Start the zygote now, for the grading command about to run (never twice)."""
    root = ctx.find_root()
    if _KEY not in root.meta:
        try:
            root.meta[_KEY] = launch()
        except OSError:  # the command starts one itself, and says why when it cannot
            root.meta[_KEY] = None


def take_early() -> Launched | None:
    """The zygote started early for this command, if any (taken once)."""
    context = click.get_current_context(silent=True)
    launched: Launched | None = context.find_root().meta.pop(_KEY, None) if context else None
    return launched


def drop_early(ctx: click.Context) -> None:
    """Stop the zygote started early if the command did not take it (it stopped before
    grading: `--help`, a usage error), rather than leave it to the interpreter's exit."""
    launched: Launched | None = ctx.find_root().meta.pop(_KEY, None)
    if launched is not None:
        launched.control.close()  # the zygote ends when its control socket closes
        try:
            launched.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            launched.process.kill()
            launched.process.wait()
