"""`grade cases`: write the public cases that travel inside the package (grader/cases/)."""

from __future__ import annotations

import click

from grader.cli.exits import EXIT_BELOW


@click.command()
@click.argument("weeks", nargs=-1)
@click.option("--check", is_flag=True,
              help="Write nothing; exit 1 when a cases file is not what the references give.")
def cases(weeks: tuple[str, ...], check: bool) -> None:
    """Write the public cases of WEEKS of the built-in course (default: all) into the package,
    from the references.

    An installed grader has no references: it grades from these files. Run it after changing
    a reference, a week spec or a case generator, and commit grader/cases/.
    """
    from grader import packaged_cases
    from grader.references import References
    from grader.courses.registry import built_in, load_week

    course = built_in()
    known = course.assignments
    unknown = [name for name in weeks if name not in known]
    if unknown:
        raise click.UsageError(f"the built-in course has no {unknown[0]}; its weeks are "
                               f"{', '.join(known)}")
    specs = [load_week(course, name) for name in weeks or known]
    stale = packaged_cases.build(specs, References(), write=not check)
    for path in stale:
        click.echo(f"{'out of date' if check else 'wrote'}: {path}")
    if check and stale:
        raise SystemExit(EXIT_BELOW)
    if not stale:
        click.echo(f"up to date: {len(specs)} cases files in {packaged_cases.FOLDER}")
