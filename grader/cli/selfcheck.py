"""`grade selfcheck`: prove that the checks catch and name every catalogued mistake; with
`--mutants`, measure the hints on mistakes nobody catalogued."""

from __future__ import annotations

from pathlib import Path

import click

from grader.cli.courses import catalog_of
from grader.cli.exits import EXIT_BELOW


@click.command()
@click.argument("weeks", nargs=-1)
@click.option("--mutants", is_flag=True,
              help="Grade mutants of the references instead: per function, caught, hinted, "
                   "and hinted with the edit that made them.")
@click.option("--every", type=click.IntRange(min=1), default=1, show_default=True,
              help="With --mutants: grade every N-th mutant only (a deterministic sample).")
@click.option("--function", "functions", multiple=True,
              help="With --mutants: only the mutants of this function (repeat for several).")
@click.option("--without-catalogue", is_flag=True,
              help="Grade the catalogued mistakes with the catalogue switched off, and show "
                   "the generic hint next to the catalogued one.")
def selfcheck(weeks: tuple[str, ...], mutants: bool, every: int, functions: tuple[str, ...],
              without_catalogue: bool) -> None:
    """Grade the references and every catalogued mistake of WEEKS (default: every assignment
    of every course).

    Exits with 1 when a reference fails, a mistake is not caught or not named, or a mistake
    costs points on another function. With --mutants, exits with 1 when a hint contradicts
    the edit that made its mutant, or fewer than 85% of the caught mutants get a hint.
    """
    from grader.references import References
    from grader.sandbox import Sandbox

    catalog = catalog_of()
    catalog.check(weeks)
    ok = True
    with Sandbox.start() as sandbox:  # before any spec or reference loads
        specs = [catalog.week(name) for name in weeks or catalog.names()]
        sources: dict[Path, References] = {}
        for week in specs:
            course = catalog.course_of(week)
            references = sources.setdefault(course.root, References(course.solutions, course))
            if mutants:
                from grader.mutation.check import check_mutants, sample, week_mutants
                from grader.mutation.report import passed, table

                chosen = sample(week_mutants(week, references, functions), every)
                checked = check_mutants(week, sandbox, references, chosen)
                click.echo(table(checked))
                ok = ok and passed(checked)
            elif without_catalogue:
                from grader.mutation.uncatalogued import check_uncatalogued
                from grader.mutation.uncatalogued import table as uncatalogued_table

                click.echo(uncatalogued_table(week.name,
                                              check_uncatalogued(week, sandbox, references)))
            else:
                from grader.selfcheck import check_week
                from grader.selfcheck import table as week_table

                check = check_week(week, sandbox, references)
                click.echo(week_table(check))
                ok = ok and check.ok
    if not ok:
        raise SystemExit(EXIT_BELOW)
