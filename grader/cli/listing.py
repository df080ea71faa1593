"""`grade list`: the weeks, their parts, graded functions, points and checks."""

from __future__ import annotations

import click


from grader.spec import GradedFunction
from grader.weeks import NAMES as WEEK_NAMES


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
    """List the weeks (default: all), their parts, graded functions, points and checks."""
    from grader.weeks import get_week

    for name in weeks or WEEK_NAMES:
        week = get_week(name)
        click.echo(f"{week.name}  {week.title}  ({week.max_score:g} points)")
        for part in week.parts:
            click.echo(f"  {part.name}: {part.title}")
            width = max(len(f.name) for f in part.functions)
            for function in part.functions:
                click.echo(f"    {function.name:<{width}}  {function.points:>4g}  "
                           f"{describe(function)}")
