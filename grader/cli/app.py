"""The `grade` command group: options parsing lives in the verbs, outcomes map to exit codes
(`grader.cli.exits`: 0 graded; 1 score below --fail-under, or a check that found a
difference; 2 usage error or unreadable submission; 3 internal error).

Exit codes 130 (interrupted, Ctrl-C) and 141 (the reader of standard output went away,
`grade list | head -1`, as a shell reports SIGPIPE) are the ecosystem's. The verbs import
nothing from here but the verb list: this module imports them by name, on demand, so no import
goes both ways.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from typing import Any

import click

from grader import __version__
from grader.cli.courses import AUTO, catalog_of
from grader.cli.early import drop_early, start_early
from grader.cli.exits import (
    EPILOG,
    EXIT_BELOW,
    EXIT_CLOSED_PIPE,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
)
from grader.errors import GraderError

__all__ = ["AUTO", "EPILOG", "EXIT_BELOW", "EXIT_INTERNAL", "EXIT_OK", "EXIT_USAGE", "VERBS",
           "catalog_of", "cli", "main"]


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
    "new": ("grader.cli.new", "new"),
}


class _ClosedPipe(Exception):
    """Standard output was closed by its reader while the command wrote to it."""


class _Commands(click.Group):
    """Assignment names (`week4`, `regularization`, `improving:regularization`) are commands
    too, each grading that assignment, and so is `auto`; the verbs load on demand and win a
    name they share with an assignment."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        try:
            names = list(catalog_of(ctx).names())
        except GraderError:  # told when a command needs the courses, not in --help
            names = []
        return [*names, AUTO, *VERBS]

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in VERBS:
            module, attribute = VERBS[name]
            command: click.Command = getattr(importlib.import_module(module), attribute)
            return command
        if name == AUTO or ":" in name or catalog_of(ctx).has(name):
            from grader.cli.grade import grade_command

            return grade_command(name)
        return None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError as error:  # click would exit 1, our "below the threshold"
            raise _ClosedPipe() from error
        finally:
            drop_early(ctx)

    def resolve_command(self, ctx: click.Context,
                        args: list[str]) -> tuple[str | None, click.Command | None, list[str]]:
        name = click.utils.make_str(args[0])
        if name not in VERBS and not name.startswith("-") or name == "all":
            start_early(ctx)  # a grading command: its zygote warms up while the rest loads
        if self.get_command(ctx, name) is None and not name.startswith("-"):
            try:
                weeks = ", ".join(catalog_of(ctx).names())
            except GraderError:
                weeks = "(none found)"
            raise click.UsageError(
                f"no command or assignment named {name!r}; the assignments are {weeks} "
                f"(or {AUTO}), the other commands {', '.join(VERBS)}", ctx)
        return super().resolve_command(ctx, args)


@click.group(cls=_Commands, epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="grade")
@click.option("--course", type=click.Path(path_type=Path), metavar="DIR",
              help="The course folder (its grade.toml, or a pyproject.toml with [tool.grade]); "
                   "default: $GRADE_COURSE, else the nearest one from this folder upward. "
                   "The installed courses and the built-in one are always there too.")
def cli(course: Path | None) -> None:
    """Grade numpy assignments: `grade week4 [SUBMISSION]`, or `grade all`.

    SUBMISSION is a .py file, a notebook or a folder; without one, the learner's working copy
    ./assignments/<week>/ is graded. `grade auto SUBMISSION` grades the assignment it looks
    like. Every assignment of every course is a command (`grade list` shows them).
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
    except Exception as error:  # noqa: BLE001 - a bug of the grader: one line, exit 3
        click.secho(f"grade: internal error: {type(error).__name__}: {error}", err=True, fg="red")
        raise SystemExit(EXIT_INTERNAL) from None


def _quiet_stdout() -> None:
    """Point standard output at /dev/null, so that flushing it at exit raises nothing more."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no file descriptor behind it (a test's capture)
        pass
