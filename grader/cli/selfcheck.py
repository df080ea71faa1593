"""`grade selfcheck`: prove that the checks catch and name every catalogued mistake."""

from __future__ import annotations

from pathlib import Path

import click

from grader.cli.courses import catalog_of
from grader.cli.exits import EXIT_BELOW


@click.command()
@click.argument("weeks", nargs=-1)
def selfcheck(weeks: tuple[str, ...]) -> None:
    """Grade the references and every catalogued mistake of WEEKS (default: every assignment
    of every course).

    Exits with 1 when a reference fails, a mistake is not caught or not named, or a mistake
    costs points on another function.
    """
    from grader.references import References
    from grader.sandbox import Sandbox
    from grader.selfcheck import check_week, table

    catalog = catalog_of()
    catalog.check(weeks)
    ok = True
    with Sandbox.start() as sandbox:  # before any spec or reference loads
        specs = [catalog.week(name) for name in weeks or catalog.names()]
        sources: dict[Path, References] = {}
        for week in specs:
            course = catalog.course_of(week)
            references = sources.setdefault(course.root, References(course.solutions, course))
            check = check_week(week, sandbox, references)
            click.echo(table(check))
            ok = ok and check.ok
    if not ok:
        raise SystemExit(EXIT_BELOW)
