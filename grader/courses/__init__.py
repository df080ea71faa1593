"""Courses as data: course folders, how they are found, and how their code is loaded.

    folder     a course folder: grade.toml (or [tool.grade]), assignments, helper modules
    registry   the courses found (--course, upward from here, installed, built-in), and which
               assignment a name means: `Catalog`, `get_week`
    imports    a course's code under namespaced module names, helper modules by plain names
    modules    helper modules as compiled code, for the sandbox's children
    infer      which assignment a submission is for
    scaffold   `grade new`: a new assignment that passes the self-check at once

Course 1 is the built-in course, `grader/default_course/`. No module outside a course folder
names a course's function.
"""
