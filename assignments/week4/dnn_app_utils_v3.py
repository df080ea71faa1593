"""The course helper module `dnn_app_utils_v3`: the grader's version of it."""

from grader.course.dnn_app_utils_v3 import *  # noqa: F401,F403
