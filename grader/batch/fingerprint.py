"""What a gradebook result depends on, as short strings: resume compares them, nothing else.

A result is reused only when all of these are equal: the learner, the week, the submission's
content hash (names and bytes of every file grading reads), the grader's version, the
references' hash, the seed's label and the limits' label.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from grader import __version__
from grader.errors import ConfigError
from grader.gradebook import Settings
from grader.sandbox import SandboxLimits
from grader.submission import submission_files

_CHUNK = 1 << 20
_SEED_ROUNDS = 200_000


def settings(references_root: Path, week: str, seed: int | None,
             limits: SandboxLimits) -> Settings:
    """The settings of a batch: this grader, these references, this seed, these limits."""
    return Settings(__version__, references_hash(references_root, week), seed_label(seed),
                    limits_label(limits))


def content_hash(path: Path) -> str:
    """A digest of the names and bytes of every file grading reads from a submission."""
    digest = hashlib.sha256()
    if path.is_dir():
        root, files = path, submission_files(path)
    else:
        root, files = path.parent, [path] if path.is_file() else []
    for file in files:
        digest.update(file.relative_to(root).as_posix().encode("utf-8", "surrogateescape"))
        try:
            digest.update(b"\0%d\0" % file.stat().st_size)
            with file.open("rb") as stream:
                while chunk := stream.read(_CHUNK):
                    digest.update(chunk)
        except OSError as error:  # graded as unreadable; the hash only has to be stable
            digest.update(f"\0unreadable: {error.strerror}\0".encode())
    return digest.hexdigest()


def references_hash(root: Path, week: str) -> str:
    """A digest of a week's reference folder; `ConfigError` when there is none."""
    folder = root / week
    if not folder.is_dir():
        raise ConfigError(f"no reference solutions at {folder} (set GRADE_SOLUTIONS to the "
                          "folder that holds them)")
    return content_hash(folder)[:16]


def seed_label(seed: int | None) -> str:
    """`public`, or `hidden:` and a slow digest of the seed: the secret itself is never kept,
    and cannot be found again by trying seeds quickly."""
    if seed is None:
        return "public"
    digest = hashlib.pbkdf2_hmac("sha256", str(seed).encode(), b"grade seed label",
                                 _SEED_ROUNDS)
    return f"hidden:{digest.hex()[:16]}"


def limits_label(limits: SandboxLimits) -> str:
    """The sandbox limits, which can change a verdict (a timeout), as one short string."""
    return f"{limits.seconds_per_call:g}s/{limits.memory_mib}MiB/{limits.output_kib}KiB"
