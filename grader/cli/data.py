"""`grade data`: generate the project's datasets into the cache, or check the course's files."""

from __future__ import annotations

from pathlib import Path

import click

from grader.cli.exits import EPILOG

_SAY = {
    "generated": "generated in",
    "cached": "already there, and readable, in",
    "course files": "the course's files are readable in",
}


@click.command(epilog=EPILOG)
@click.option("--cats-from", type=click.Path(file_okay=False, path_type=Path),
              help="Check the course's train_catvnoncat.h5 and test_catvnoncat.h5 in DIR "
                   "instead (or set $GRADE_CAT_DATA); learners' notebooks then load those.")
@click.option("--cache", type=click.Path(file_okay=False, path_type=Path),
              help="Where generated datasets go (default: $GRADE_CACHE_DIR, else "
                   "$XDG_CACHE_HOME/grade or ~/.cache/grade).")
def data(cats_from: Path | None, cache: Path | None) -> None:
    """Generate the datasets the assignments load (or check the course's own files)."""
    from grader.datasets import cats

    found = cats.prepare(cats_from, cache)
    click.echo(f"cat / non-cat pictures: {_SAY[found.origin]} {found.folder}")
    for split, (images, positives) in ((cats.TRAIN, found.train), (cats.TEST, found.test)):
        click.echo(f"  {split.file}: {images} pictures ({positives} cats)")
