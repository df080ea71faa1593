"""The course helper module `dnn_utils`: the grader's version of it."""

from grader.course.dnn_utils import *  # noqa: F401,F403
