"""What the course's releases share, for the week specs to declare each part's releases.

The current release (2021 on) marks the learner's code `# YOUR CODE STARTS HERE`, imports
`public_tests` and carries nbgrader metadata in its graded cells; the older ones mark it
`### START CODE HERE ###`, import `testCases_v*` and never `public_tests`, and are saved under
names ending in their version (`…_v8a.ipynb`).
"""

from __future__ import annotations

from grader.variants import (
    NEW_MARKERS,
    OLD_MARKERS,
    FileName,
    Imports,
    Nbgrader,
    Release,
    Sign,
    Variant,
)

CURRENT = Release(
    "2021", "the 2021 release (# YOUR CODE STARTS HERE, public_tests)",
    (Imports(("public_tests",)), NEW_MARKERS, Nbgrader()),
)


def older(name: str, title: str, versions: str, *signs: Sign,
          variants: tuple[Variant, ...] = ()) -> Release:
    """An older release: the old markers, a file name ending in one of `versions` (a regex
    of version numbers, `[6-8]`), and its own `signs`."""
    saved_as = FileName(rf"(?i)(?:^|[^a-z0-9])v{versions}[a-z]?\.(?:ipynb|py)$")
    return Release(name, title, (OLD_MARKERS, saved_as, *signs), variants)
