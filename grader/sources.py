"""Where a course's answers come from: its references when they are here, else its cases files.

Kept apart from `grader.answers` (what an answer is), which both sources import.
"""

from __future__ import annotations

from pathlib import Path

from grader.answers import Source
from grader.courses.folder import CourseFolder
from grader.courses.registry import CASES_VARIABLE, SOLUTIONS_VARIABLE, built_in, with_overrides
from grader.errors import ConfigError


def default_source(course: CourseFolder | None = None) -> Source:
    """The course's reference solutions when its solutions folder is here, else the cases files
    of a learners' bundle (its cases folder), else, for the built-in course, the public cases
    inside the package; the built-in course by default, with $GRADE_SOLUTIONS and $GRADE_CASES
    applied."""
    course = course or with_overrides(built_in())
    if course.solutions.is_dir():
        from grader.references import References

        return References(course.solutions, course)
    # An installed grader has no solutions/ and no bundle's cases/: the built-in course's
    # public cases travel inside the package (`grader.packaged_cases`).
    packaged = (Path(__file__).resolve().parent / "cases",) if course.root == built_in().root else ()
    for folder in (course.cases, *packaged):
        if folder.is_dir():
            from grader.casebook import CaseBooks

            return CaseBooks(folder)
    raise ConfigError(f"neither reference solutions ({course.solutions}) nor cases files "
                      f"({course.cases}) are here for the course {course.name}: set "
                      f"{SOLUTIONS_VARIABLE} or {CASES_VARIABLE}")
