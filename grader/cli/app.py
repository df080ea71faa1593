"""The `grade` command group: options parsing lives in the verbs, outcomes map to exit codes.

Exit codes: 0 graded; 1 score below --fail-under (or a check that found a difference);
2 usage error or unreadable submission; 3 internal error; 130 interrupted (Ctrl-C); 141 the
reader of standard output went away (`grade list | head -1`), as a shell reports SIGPIPE.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import click

from grader import __version__
from grader.errors import GraderError
from grader.weeks import NAMES as WEEK_NAMES

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


AUTO = "auto"  # the pseudo-week: grade the week the submission looks like


# Each verb is a module, imported only when its command runs (or help lists it), so that
# grading a week does not pay for the gradebook, the bundle or the batch machinery.
VERBS = {
    "all": ("grader.cli.all_weeks", "grade_all"),
    "list": ("grader.cli.listing", "list_weeks"),
    "release": ("grader.cli.release", "release"),
    "bundle": ("grader.cli.bundle", "bundle"),
    "cases": ("grader.cli.cases", "cases"),
    "selfcheck": ("grader.cli.selfcheck", "selfcheck"),
    "data": ("grader.cli.data", "data"),
    "export": ("grader.cli.export", "export"),
    "gradescope": ("grader.cli.gradescope", "gradescope"),
    "summary": ("grader.cli.summary", "summary"),
}


class _ClosedPipe(Exception):
    """Standard output was closed by its reader while the command wrote to it."""


class _Commands(click.Group):
    """Week names (`week4`) are commands too, each grading that week, and so is `auto`; the
    verbs load on demand."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [*WEEK_NAMES, AUTO, *VERBS]

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in WEEK_NAMES or name == AUTO:
            from grader.cli.grade import grade_command

            return grade_command(name)
        if name in VERBS:
            module, attribute = VERBS[name]
            command: click.Command = getattr(importlib.import_module(module), attribute)
            return command
        return None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError as error:  # click would exit 1, our "below the threshold"
            raise _ClosedPipe() from error

    def resolve_command(self, ctx: click.Context,
                        args: list[str]) -> tuple[str | None, click.Command | None, list[str]]:
        name = click.utils.make_str(args[0])
        if self.get_command(ctx, name) is None and not name.startswith("-"):
            raise click.UsageError(
                f"no command or week named {name!r}; the weeks are {', '.join(WEEK_NAMES)} "
                f"(or {AUTO}), the other commands {', '.join(VERBS)}", ctx)
        return super().resolve_command(ctx, args)


@click.group(cls=_Commands, epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="grade")
def cli() -> None:
    """Grade the course's numpy assignments: `grade week4 [SUBMISSION]`, or `grade all`.

    SUBMISSION is a .py file, a notebook or a folder; without one, the learner's working copy
    ./assignments/<week>/ is graded. `grade auto SUBMISSION` grades the week it looks like.
    """


def main(argv: list[str] | None = None) -> Any:
    """Run the CLI; turn a `GraderError` into one line and its exit code."""
    try:
        return cli.main(args=argv, prog_name="grade", standalone_mode=False)
    except click.exceptions.Exit as done:
        raise SystemExit(done.exit_code) from None
    except click.ClickException as error:
        error.show()
        raise SystemExit(EXIT_USAGE) from None
    except (click.exceptions.Abort, KeyboardInterrupt):
        click.echo("grade: interrupted", err=True)
        raise SystemExit(EXIT_INTERRUPTED) from None
    except (_ClosedPipe, BrokenPipeError):
        _quiet_stdout()
        raise SystemExit(EXIT_CLOSED_PIPE) from None
    except GraderError as error:
        click.secho(f"grade: error: {error}", err=True, fg="red")
        raise SystemExit(error.exit_code) from None
    except SystemExit:
        raise
    except Exception as error:  # a bug in the grader: say so, with the one line that matters
        click.secho(f"grade: internal error: {type(error).__name__}: {error}", err=True, fg="red")
        raise SystemExit(EXIT_INTERNAL) from None


def _quiet_stdout() -> None:
    """Point standard output at /dev/null, so that flushing it at exit raises nothing more."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no file descriptor behind it (a test's capture)
        pass
