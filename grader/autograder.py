"""A Gradescope autograder for one week: the package `grade gradescope` builds, and the run
its `run_autograder` starts for each submission.

    autograder.zip              Gradescope unpacks it into /autograder/source/
        setup.sh                run once, when Gradescope builds the image: installs grade
        run_autograder          run per submission: `python3 -m grader.autograder ROOT WEEK`,
                                then makes sure a results.json exists whatever happened
        grade/                  the grader's source (pyproject.toml, README.md, grader/)
        solutions/<week>/       the references: hidden cases, helpers served by reference
        seed                    the secret seed, when one was given (hidden cases)

A run always writes ROOT/results/results.json: the report of a graded submission; for one that
cannot be graded (empty, unreadable, not this week's), every function at 0 and the reason; for
a failure of the grader itself, the same with "internal error". ROOT is /autograder, or
$AUTOGRADER_ROOT (tests simulate the tree in a temporary folder).
"""

from __future__ import annotations

import os
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from grader.errors import ConfigError, GraderError

if TYPE_CHECKING:
    from grader.results import Report
    from grader.courses.registry import Catalog

ROOT_VARIABLE = "AUTOGRADER_ROOT"

SETUP = """#!/usr/bin/env bash
# Gradescope runs this once, when it builds the autograder: install grade from its source.
set -euo pipefail
cd "$(dirname "$0")"
if ! python3 -m pip --version >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 python3-pip
fi
python3 -m pip install --quiet ./grade \\
  || python3 -m pip install --quiet --break-system-packages ./grade
"""

RUN = """#!/usr/bin/env bash
# Gradescope runs this for each submission: grade {week} in $ROOT/submission and write
# $ROOT/results/results.json. There is always a results.json, even when grade cannot start.
root="${{{variable}:-/autograder}}"
results="$root/results/results.json"
mkdir -p "$root/results"
python3 -m grader.autograder "$root" {week}
if ! python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$results" 2>/dev/null; then
  said="The autograder could not start, so your submission was not graded: tell your instructor."
  printf '{{"score": 0, "output": "%s", "visibility": "visible", "tests": []}}\\n' "$said" \\
    > "$results"
fi
"""


def build(week: str, solutions: Path, out: Path, seed: int | None = None) -> list[str]:
    """Write the autograder package of `week` to the zip file `out`; return its names."""
    package = Path(__file__).resolve().parent
    project = package.parent
    if not (project / "pyproject.toml").is_file():
        raise ConfigError("the autograder package needs the project's source (pyproject.toml "
                          "beside the grader package): run it from a checkout", path=project)
    if not (solutions / week).is_dir():
        raise ConfigError(f"no references for {week} here", path=solutions / week)
    files: dict[str, Path | str] = {"setup.sh": SETUP,
                                    "run_autograder": RUN.format(week=week,
                                                                 variable=ROOT_VARIABLE)}
    for name in ("pyproject.toml", "README.md"):
        files[f"grade/{name}"] = project / name
    files.update(_tree(package, "grade/grader"))
    files.update(_tree(solutions / week, f"solutions/{week}"))
    if seed is not None:
        files["seed"] = f"{seed}\n"
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in sorted(files.items()):
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            executable = name in ("setup.sh", "run_autograder")
            info.external_attr = (0o100755 if executable else 0o100644) << 16
            data = content.read_bytes() if isinstance(content, Path) else content.encode()
            archive.writestr(info, data)
    return sorted(files)


def _tree(folder: Path, prefix: str) -> dict[str, Path]:
    return {f"{prefix}/{path.relative_to(folder).as_posix()}": path
            for path in sorted(folder.rglob("*"))
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"}


def run(root: Path, week: str) -> Path:
    """Grade ROOT/submission as `week` into ROOT/results/results.json; return that path."""
    from grader.courses.registry import BUILT_IN, Catalog
    from grader.grading import not_graded
    from grader.render import render
    from grader.results import Report

    # The course the package was built for, never one found from the current folder: a
    # grade.toml uploaded with a submission would have its own specs run by the grader.
    catalog = Catalog.discover(course=BUILT_IN)
    results = root / "results" / "results.json"
    submission = _submission(root / "submission", week)
    try:
        report = _grade(root, submission, week, catalog)
    except GraderError as error:
        report = Report((not_graded(catalog.week(week), submission, str(error)),))
    except Exception as error:  # noqa: BLE001 - a learner must get a results.json regardless
        reason = f"internal error of the grader ({type(error).__name__}: {error}); tell your " \
                 "instructor"
        report = Report((not_graded(catalog.week(week), submission, reason),))
    _write(results, render(report, "gradescope"))
    return results


def _submission(folder: Path, week: str) -> Path:
    """The learner's week folder inside the upload when it has one (a whole repository
    uploaded), else the upload itself."""
    for candidate in (folder / week, folder / "assignments" / week):
        if candidate.is_dir():
            return candidate
    return folder


def _grade(root: Path, submission: Path, week: str, catalog: Catalog) -> Report:
    from grader.grading import grade
    from grader.references import References

    source = root / "source"
    seed_file = source / "seed"
    seed = int(seed_file.read_text().strip()) if seed_file.is_file() else None
    solutions = source / "solutions"
    references = References(solutions) if (solutions / week).is_dir() else None
    return grade(submission, (week,), seed=seed, references=references, catalog=catalog)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".results-")
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.write(text)
    os.replace(temporary, path)


def main(argv: list[str]) -> int:
    """`python -m grader.autograder ROOT WEEK`: what run_autograder starts."""
    if len(argv) != 2:
        print("usage: python -m grader.autograder ROOT WEEK", file=sys.stderr)
        return 2
    root, week = Path(argv[0]), argv[1]
    print(run(root, week).read_text(encoding="utf-8"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

