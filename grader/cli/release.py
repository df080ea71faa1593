"""`grade release`: make the learners' copy of the assignments from the instructor's sources."""

from __future__ import annotations

from pathlib import Path

import click

from grader.cli.courses import catalog_of
from grader.cli.exits import EXIT_BELOW


@click.command()
@click.argument("weeks", nargs=-1)
@click.option("--solutions", type=click.Path(file_okay=False, path_type=Path),
              help="The instructor's sources (default: the course's solutions folder).")
@click.option("--assignments", type=click.Path(file_okay=False, path_type=Path),
              help="Where the learners' copy goes (default: assignments/ beside solutions/).")
@click.option("--check", is_flag=True,
              help="Write nothing; exit 1 when the learners' copy is not what release makes.")
def release(weeks: tuple[str, ...], solutions: Path | None, assignments: Path | None,
            check: bool) -> None:
    """Make the learners' notebooks of WEEKS (default: every assignment of the course) from
    the instructor's sources, with the course's helper modules beside them."""
    from grader import release as releasing

    catalog = catalog_of()
    catalog.check(weeks)
    files: dict[Path, str] = {}
    for name in weeks or catalog.names(catalog.primary):
        week = catalog.week(name)
        sources = solutions or catalog.course_of(week).solutions
        files.update(releasing.release(week, sources, assignments or sources.parent / "assignments"))
    stale = releasing.stale(files)
    if check:
        for path in stale:
            click.echo(f"out of date: {path}")
        if stale:
            raise SystemExit(EXIT_BELOW)
        click.echo(f"up to date: {len(files)} files")
        return
    for path in releasing.write(files):
        click.echo(f"wrote {path}")
