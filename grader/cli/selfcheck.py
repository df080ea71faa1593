"""`grade selfcheck`: prove that the checks catch and name every catalogued mistake."""

from __future__ import annotations

import click

from grader.cli.app import EXIT_BELOW
from grader.weeks import NAMES as WEEK_NAMES


@click.command()
@click.argument("weeks", nargs=-1)
def selfcheck(weeks: tuple[str, ...]) -> None:
    """Grade the references and every catalogued mistake of WEEKS (default: all).

    Exits with 1 when a reference fails, a mistake is not caught or not named, or a mistake
    costs points on another function.
    """
    from grader.references import References
    from grader.sandbox import Sandbox
    from grader.selfcheck import check_week, table
    from grader.weeks import get_week

    specs = [get_week(name) for name in weeks or WEEK_NAMES]
    ok = True
    with Sandbox.start() as sandbox:
        references = References()
        for week in specs:
            check = check_week(week, sandbox, references)
            click.echo(table(check))
            ok = ok and check.ok
    if not ok:
        raise SystemExit(EXIT_BELOW)
