"""`grade WEEK --watch [SUBMISSION]`: grade again on every save; what changed first, then the
report. Ctrl-C stops it (exit code 0)."""

from __future__ import annotations

import time
from pathlib import Path

import click

from grader.cli.early import take_early
from grader.courses.registry import Catalog
from grader.errors import GraderError
from grader.results import Report
from grader.sandbox import Sandbox, SandboxLimits
from grader.watch import Changes, watch


def watch_submission(path: Path, week: str, *, seed: int | None, limits: SandboxLimits,
                     catalog: Catalog, colour: bool, unicode: bool) -> None:
    """Grade `path` against `week` (of `catalog`'s courses) now and after each save, printing
    as it goes, until Ctrl-C. One sandbox serves every grading."""
    from grader.grading import grade

    with Sandbox.start(limits, take_early()) as sandbox:
        def show(report: Report | GraderError, changed: Changes | None) -> None:
            _show(report, changed, path, colour=colour, unicode=unicode)

        def again() -> Report:
            return grade(path, (week,), seed=seed, sandbox=sandbox, catalog=catalog)

        click.echo(f"grade: watching {path} (Ctrl-C to stop)", err=True)
        try:
            watch(path, again, show)
        except KeyboardInterrupt:
            click.echo("grade: stopped watching", err=True)


def _show(report: Report | GraderError, changed: Changes | None, path: Path, *,
          colour: bool, unicode: bool) -> None:
    from grader.render import render

    stamp = time.strftime("%H:%M:%S")
    if isinstance(report, GraderError):
        click.secho(f"[{stamp}] grade: error: {report} (waiting for the next save)",
                    fg="red" if colour else None)
        return
    if changed is not None:
        click.echo(f"[{stamp}] {path} changed" + ("" if changed else ": no result changed"))
        for line in change_lines(changed):
            click.echo(line if unicode else line.replace("→", "->"))
        click.echo()
    click.echo(render(report, "text", colour=colour, unicode=unicode), nl=False)


def change_lines(changed: Changes) -> list[str]:
    """What changed, a line per kind: fixed first, then newly broken, then the rest."""
    lines = [f"  {label:<13}{', '.join(names)}" for label, names in (
        ("fixed", changed.fixed), ("newly broken", changed.broken), ("changed", changed.changed))
        if names]
    if changed.score is not None:
        before, after = changed.score
        lines.append(f"  {'score':<13}{before:g} → {after:g}")
    return lines
