"""Where generated datasets live, and how a file gets there without ever being half written.

The cache folder is `$GRADE_CACHE_DIR` when set, else `$XDG_CACHE_HOME/grade`, else
`~/.cache/grade`. Files are written under a temporary name in the same folder and renamed into
place, so a reader sees either no file or a whole one, even when two processes race.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from grader.errors import DataError

ENVIRONMENT = "GRADE_CACHE_DIR"


def cache_root(override: Path | None = None) -> Path:
    """Return the grader's cache folder: `override`, `$GRADE_CACHE_DIR`, or the user's."""
    if override is not None:
        return override
    configured = os.environ.get(ENVIRONMENT)
    if configured:
        return Path(configured)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "grade"


def write_atomically(path: Path, write: Callable[[Path], None]) -> None:
    """Have `write` fill a temporary file beside `path`, then rename it to `path`."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                             dir=path.parent)
        os.close(handle)
    except OSError as error:
        raise DataError(f"cannot write the dataset here: {error.strerror}", path=path) from error
    try:
        write(Path(temporary))
        os.replace(temporary, path)
    except OSError as error:  # a full disk, a read-only folder: the user's to fix
        raise DataError(f"cannot write the dataset: {error}", path=path) from error
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
