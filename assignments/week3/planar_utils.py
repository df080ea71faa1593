"""The course helper module `planar_utils`: the grader's version of it."""

from grader.course.planar_utils import *  # noqa: F401,F403
