"""How every format names the course release a part was graded against."""

from __future__ import annotations

from grader.results import PartReport


def graded_as(part: PartReport) -> str | None:
    """The words `graded as the v8a release (…), recognised by: imports testCases_v4a, …`, or
    None for a part whose week declares no releases."""
    release = part.release
    if release is None:
        return None
    found = f", recognised by: {', '.join(release.evidence)}" if release.evidence else ""
    return f"graded as {release.title}{found}"
