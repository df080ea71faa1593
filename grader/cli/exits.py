"""The exit codes of `grade`, and the epilog that lists them in every command's --help."""

from __future__ import annotations

EXIT_OK, EXIT_BELOW, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_INTERRUPTED, EXIT_CLOSED_PIPE = 130, 141  # 128 + SIGINT, 128 + SIGPIPE, as shells say

EPILOG = """\b
Exit codes:
    0  graded (whatever the score)
    1  the score is below --fail-under
    2  usage error, or a submission that cannot be read
    3  internal error of the grader
  130  interrupted (Ctrl-C)
  141  standard output was closed early (grade list | head -1)
"""
