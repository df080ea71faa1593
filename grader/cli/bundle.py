"""`grade bundle`: the learners' copy to check their work without the references."""

from __future__ import annotations

from pathlib import Path

import click


from grader.weeks import NAMES as WEEK_NAMES


@click.command()
@click.argument("weeks", nargs=-1)
@click.option("-o", "--output", "out", type=click.Path(file_okay=False, path_type=Path),
              required=True, help="The folder to write the bundle into (must not exist).")
def bundle(weeks: tuple[str, ...], out: Path) -> None:
    """Write a learners' bundle of WEEKS (default: all): the assignments, the grader and the
    public cases with their expected answers, without any reference solution."""
    from grader.bundle import make_bundle
    from grader.references import References
    from grader.weeks import check, get_week

    check(list(weeks))
    written = make_bundle([get_week(name) for name in weeks or WEEK_NAMES], References(), out)
    click.echo(f"wrote {len(written)} files into {out}")
