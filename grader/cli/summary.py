"""`grade summary WEEK`: the class at a glance, as text (and as an HTML page with --html)."""

from __future__ import annotations

from pathlib import Path

import click


from grader.cli.grade import DEFAULT_GRADEBOOK
from grader.errors import ConfigError
from grader.gradebook import Gradebook, SubmissionRow
from grader.spec import Week


@click.command()
@click.argument("week")
@click.option("--gradebook", type=click.Path(dir_okay=False, path_type=Path),
              default=DEFAULT_GRADEBOOK, show_default=True, help="The gradebook to read.")
@click.option("--html", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the summary as an HTML page (with a bar chart) to FILE.")
@click.option("--top", type=click.IntRange(1, 20), default=3, show_default=True,
              help="Mistakes shown per function.")
def summary(week: str, gradebook: Path, html: Path | None, top: int) -> None:
    """Per function of WEEK: the share of learners with full marks, the frequent mistakes."""
    from grader.batch.summary import render_text, summarize
    from grader.batch.summary_html import render_html
    from grader.cli.courses import catalog_of

    spec = catalog_of().week(week)
    result = summarize(latest_rows(gradebook, spec), spec, top)
    click.echo(render_text(result), nl=False)
    if html is not None:
        html.write_text(render_html(result), encoding="utf-8")


def latest_rows(gradebook: Path, week: Week) -> list[SubmissionRow]:
    """Each learner's latest grading of `week`; `ConfigError` when there is none."""
    with Gradebook.open(gradebook, create=False) as book:
        rows = book.latest(week.name)
    if not rows:
        raise ConfigError(f"holds no grading of {week.name}", path=gradebook)
    return rows
