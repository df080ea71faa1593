"""`grade export WEEK`: a class's results out of the gradebook (CSV, JSON or Gradescope)."""

from __future__ import annotations

from pathlib import Path

import click


from grader.cli.grade import DEFAULT_GRADEBOOK


@click.command()
@click.argument("week")
@click.option("--csv", "kind", flag_value="csv", default=True,
              help="One row per learner, a column per function, the total (the default).")
@click.option("--json", "kind", flag_value="json",
              help="One JSON report per learner: OUTPUT/<learner>.json.")
@click.option("--gradescope", "kind", flag_value="gradescope",
              help="Gradescope's results.json per learner: OUTPUT/<learner>/results.json.")
@click.option("--gradebook", type=click.Path(dir_okay=False, path_type=Path),
              default=DEFAULT_GRADEBOOK, show_default=True, help="The gradebook to read.")
@click.option("--output", type=click.Path(path_type=Path),
              help="The CSV file (default: standard output), or the folder of per-learner "
                   "files (default: ./<week>-<format>/).")
def export(week: str, kind: str, gradebook: Path, output: Path | None) -> None:
    """Export each learner's latest grading of WEEK from the gradebook."""
    from grader.batch import export as exporting
    from grader.cli.summary import latest_rows
    from grader.cli.courses import catalog_of

    spec = catalog_of().week(week)
    rows = latest_rows(gradebook, spec)
    if kind == "csv":
        text = exporting.csv_text(rows, spec)
        if output is None:
            click.echo(text, nl=False)
        else:
            output.write_text(text, encoding="utf-8")
        return
    folder = output or Path(f"{spec.name}-{kind}")
    written = exporting.write_files(rows, spec, kind, folder)
    click.echo(f"wrote {len(written)} files into {folder}")
