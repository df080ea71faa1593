"""`grade list`: the courses, their assignments, parts, graded functions, points and checks."""

from __future__ import annotations

import click

from grader.cli.courses import catalog_of
from grader.spec import GradedFunction, Week


def checks_of(function: GradedFunction) -> list[str]:
    """The names of the checks a function gets, in the order they are reported."""
    checks = ["runs", "structure", "type (strict)" if function.strict_types else "type",
              "shape", "values"]
    if function.gradient is not None:
        checks.append("gradient")
    return checks


def describe(function: GradedFunction) -> str:
    """One line about a function: points, checks, known mistakes, helpers."""
    parts = [f"checks: {', '.join(checks_of(function))}",
             f"{len(function.mistakes)} known mistakes"]
    if function.aliases:
        parts.append(f"also named {', '.join(function.aliases)}")
    if function.helpers:
        parts.append(f"calls {', '.join(function.helpers)}")
    return " · ".join(parts)


@click.command(name="list")
@click.argument("weeks", nargs=-1)
def list_weeks(weeks: tuple[str, ...]) -> None:
    """List the courses and their assignments (default: all), with their parts, graded
    functions, points and checks."""
    catalog = catalog_of()
    catalog.check(weeks)
    for course in catalog.courses:
        names = [name for name in catalog.names(course) if not weeks or name in weeks]
        if weeks and not names:
            continue
        click.echo(f"course {course.name}: {course.title}  ({course.origin}: {course.root})")
        for name in names:
            show(name, catalog.week(name))
    for problem in catalog.problems:
        click.echo(f"problem: {problem}", err=True)


def show(name: str, week: Week) -> None:
    """An assignment's lines: its title and points, then each part and function."""
    click.echo(f"  {name}  {week.title}  ({week.max_score:g} points)")
    for part in week.parts:
        click.echo(f"    {part.name}: {part.title}")
        width = max(len(f.name) for f in part.functions)
        for function in part.functions:
            click.echo(f"      {function.name:<{width}}  {function.points:>4g}  "
                       f"{describe(function)}")
