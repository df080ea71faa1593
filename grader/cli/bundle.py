"""`grade bundle`: the learners' copy to check their work without the references."""

from __future__ import annotations

from pathlib import Path

import click

from grader.cli.courses import catalog_of


@click.command()
@click.argument("weeks", nargs=-1)
@click.option("-o", "--output", "out", type=click.Path(file_okay=False, path_type=Path),
              required=True, help="The folder to write the bundle into (must not exist).")
def bundle(weeks: tuple[str, ...], out: Path) -> None:
    """Write a learners' bundle of WEEKS (default: every assignment of the course): the
    assignments, the grader (and the course folder) and the public cases with their expected
    answers, without any reference solution."""
    from grader.bundle import make_bundle
    from grader.errors import ConfigError
    from grader.references import References

    catalog = catalog_of()
    catalog.check(weeks)
    specs = [catalog.week(name) for name in weeks or catalog.names(catalog.primary)]
    courses = {catalog.course_of(week).root: catalog.course_of(week) for week in specs}
    if len(courses) > 1:
        raise ConfigError("a bundle holds the assignments of one course; name those of one")
    (course,) = courses.values()
    written = make_bundle(specs, References(course.solutions, course), out)
    click.echo(f"wrote {len(written)} files into {out}")
