"""`grade new NAME`: scaffold an assignment (spec, reference, notebook source, mistakes, a
test) in the course, or in a new course made in this folder."""

from __future__ import annotations

from pathlib import Path

import click

from grader.cli.app import VERBS
from grader.cli.courses import AUTO, catalog_of


@click.command()
@click.argument("name")
@click.option("--title", help="The assignment's title (default: made from NAME).")
def new(name: str, title: str | None) -> None:
    """Write a new assignment NAME that `grade selfcheck NAME` passes at once.

    It goes into the course (`--course`, $GRADE_COURSE, or the nearest grade.toml from here);
    when there is none, a course is made in this folder first (its grade.toml).
    """
    from grader.courses.scaffold import new_assignment

    catalog = catalog_of()
    course = catalog.primary if catalog.selected else None
    made = new_assignment(name, Path("."), course, title=title, reserved=(AUTO, *VERBS))
    if made.created_course:
        click.echo(f"made the course {made.course.name} in {made.course.config}")
    for path in made.files:
        click.echo(f"wrote {path}")
    click.echo(f"next: grade selfcheck {name}; grade release {name}; grade {name}")
