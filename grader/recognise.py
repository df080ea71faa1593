"""Which release of the course a learner's notebook is, from the signs each release declares.

Each release of a part (`Part.releases`, the current one first) lists its signs: the modules
its notebook imports, its code markers, its file name, nbgrader metadata, a function's
signature, a line of a function's template. The release with the most signs present wins; a
tie goes to the release listed first, so a submission that shows no sign at all (a `.py` file
of the learner's own) is held to the current release. What was found is kept as evidence, for
the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from grader.results import CourseRelease
from grader.spec import Part
from grader.submission import FunctionSource, Submission
from grader.submission.extract import template_lines
from grader.variants import FileName, Imports, Markers, Nbgrader, Release, Sign, Signature, Template


@dataclass(frozen=True)
class Recognised:
    """The release a part's notebook was recognised as (None: the part declares none), the
    signs that were found, and whether it is the part's current release."""

    release: Release | None
    evidence: tuple[str, ...] = ()
    current: bool = True

    def named(self) -> CourseRelease | None:
        """The release as reports name it."""
        release = self.release
        if release is None:
            return None
        return CourseRelease(release.name, release.title, self.evidence, self.current)


def recognise(part: Part, submission: Submission) -> Recognised:
    """The release of `part` that `submission` (the files that serve that part) belongs to."""
    if not part.releases:
        return Recognised(None)
    facts = _Facts(part, submission)
    found = [[words for sign in release.signs if (words := facts.shows(sign)) is not None]
             for release in part.releases]
    best = max(range(len(found)), key=lambda i: (len(found[i]), -i))
    return Recognised(part.releases[best], tuple(found[best]), current=best == 0)


def template_line(found: FunctionSource, pattern: str) -> tuple[int, str] | None:
    """The first line of a function's template (outside the learner's code regions) that
    matches `pattern`: its line number in the learner's file or cell, and its text."""
    lines = found.source.splitlines()
    first = found.end_line - len(lines) + 1
    regex = re.compile(pattern)
    for index, text in template_lines(lines):
        if regex.search(text):
            return first + index, text.strip()
    return None


class _Facts:
    """What the signs are checked against: the part's own functions and the files that
    define them, read once."""

    def __init__(self, part: Part, submission: Submission) -> None:
        self.part, self.submission = part, submission
        self.units = [unit for unit in submission.units
                      if any(f.name in part.names for f in unit.functions)]

    def shows(self, sign: Sign) -> str | None:
        """The words for `sign` when the submission shows it, else None."""
        if isinstance(sign, Imports):
            module = next((m for m in sign.modules if m in self.imports), None)
            return None if module is None else f"imports {module}"
        if isinstance(sign, Markers):
            return sign.words if sign.start in self.markers else None
        if isinstance(sign, FileName):
            name = next((n for n in self.file_names if re.search(sign.pattern, n)), None)
            return None if name is None else f"file name {name}"
        if isinstance(sign, Nbgrader):
            return "nbgrader cell metadata" if any(u.nbgrader for u in self.units) else None
        if isinstance(sign, Signature):
            found = self.submission.find((sign.function,))
            shown = found is not None and _required(found) == sign.parameters
            return f"{sign.function}({', '.join(sign.parameters)})" if shown else None
        return self._template(sign)

    def _template(self, sign: Template) -> str | None:
        found = self.submission.find((sign.function,))
        if found is None or template_line(found, sign.pattern) is None:
            return None
        return sign.words

    @cached_property
    def imports(self) -> set[str]:
        """Every module imported by the submission, by its last name (`utils.testCases_v2`
        counts as `testCases_v2`)."""
        names: set[str] = set()
        for unit in self.submission.units:
            for statement in unit.statements:
                names.update(statement.imports)
        return names

    @cached_property
    def file_names(self) -> list[str]:
        return sorted({unit.file.name for unit in self.units})

    @cached_property
    def markers(self) -> set[str]:
        """The marker styles (start regexes) used by the most graded functions."""
        styles = {sign.start for release in self.part.releases for sign in release.signs
                  if isinstance(sign, Markers)}
        counts = dict.fromkeys(styles, 0)
        for name in self.part.names:
            found = self.submission.find((name,))
            for style in styles:
                if found is not None and re.search(style, found.source):
                    counts[style] += 1
        most = max(counts.values(), default=0)
        return {style for style, count in counts.items() if most and count == most}


def _required(found: FunctionSource) -> tuple[str, ...]:
    """The names of a function's required parameters (without a default), as its outline
    says (read when the file was parsed)."""
    return tuple(name for name, kind, has_default in found.outline.parameters
                 if not has_default and kind not in ("VAR_POSITIONAL", "VAR_KEYWORD"))
