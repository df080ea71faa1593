"""`grade data`: generate the project's datasets into the cache, or check the course's files."""

from __future__ import annotations

import shutil
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
@click.option("--into", type=click.Path(file_okay=False, path_type=Path),
              help="Also copy the two files into DIR (e.g. assignments/week4/datasets/), as "
                   "the course ships them beside the notebook: a learner without grade needs "
                   "them there.")
def data(cats_from: Path | None, cache: Path | None, into: Path | None) -> None:
    """Generate the datasets the assignments load (or check the course's own files)."""
    from grader.datasets import cats

    found = cats.prepare(cats_from, cache)
    click.echo(f"cat / non-cat pictures: {_SAY[found.origin]} {found.folder}")
    for split, (images, positives) in ((cats.TRAIN, found.train), (cats.TEST, found.test)):
        click.echo(f"  {split.file}: {images} pictures ({positives} cats)")
    if into is not None:
        into.mkdir(parents=True, exist_ok=True)
        for split in (cats.TRAIN, cats.TEST):
            shutil.copy2(found.folder / split.file, into / split.file)
        click.echo(f"copied both files into {into}")
