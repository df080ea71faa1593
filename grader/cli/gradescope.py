"""`grade gradescope WEEK -o autograder.zip`: the Gradescope autograder package of a week."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.argument("week")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("autograder.zip"), show_default=True,
              help="The zip file to upload to Gradescope as the autograder.")
@click.option("--seed", type=click.IntRange(min=0), envvar="GRADE_SEED",
              help="Grade on hidden cases drawn from this secret seed (or $GRADE_SEED); "
                   "default: the public cases.")
@click.option("--solutions", type=click.Path(file_okay=False, path_type=Path),
              help="The references (default: $GRADE_SOLUTIONS, or this project's solutions/).")
def gradescope(week: str, out: Path, seed: int | None, solutions: Path | None) -> None:
    """Build the Gradescope autograder of WEEK: setup.sh, run_autograder, grade's source and
    the references, in one zip. Every submission gets a results.json, even one that cannot
    be graded."""
    from grader.autograder import build
    from grader.courses.registry import built_in
    from grader.references import default_root

    if week not in built_in().assignments:
        raise click.UsageError(f"the Gradescope package is made for the built-in course's weeks "
                               f"({', '.join(built_in().assignments)}), not {week!r}")
    names = build(week, solutions or default_root(), out, seed)
    cases = "hidden cases (the seed is inside: keep the zip private)" if seed is not None \
        else "the public cases"
    click.echo(f"wrote {out}: {len(names)} files; {week} graded with {cases}")
