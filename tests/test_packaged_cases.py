"""The public cases inside the package: up to date with the references, compared by content,
and what an installed grader (no solutions/ beside it) grades from."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import h5py
import pytest

from conftest import ROOT
from grader import packaged_cases
from grader.casebook import CaseBooks
from grader.references import References
from grader.courses.registry import built_in, get_week

WEEK_NAMES = built_in().assignments


def test_the_packaged_cases_are_what_the_references_give() -> None:
    done = subprocess.run([sys.executable, "-m", "grader", "cases", "--check"], cwd=ROOT,
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr + "\n(run `grade cases`)"
    assert f"up to date: {len(WEEK_NAMES)} cases files" in done.stdout


def test_a_changed_answer_makes_a_file_stale_and_a_new_version_does_not(tmp_path: Path) -> None:
    week = get_week("week3")
    shutil.copy(packaged_cases.path_of("week3"), tmp_path / "week3.h5")
    assert packaged_cases.build([week], References(), tmp_path, write=False) == []
    with h5py.File(tmp_path / "week3.h5", "r+") as file:
        file.attrs["grader_version"] = "99.0"  # another version wrote the same cases
    assert packaged_cases.build([week], References(), tmp_path, write=False) == []
    with h5py.File(tmp_path / "week3.h5", "r+") as file:
        value = file["planar/compute_cost/0/expected/value"]
        value[()] = value[()] + 1e-9  # one answer, off in the ninth decimal
    stale = packaged_cases.build([week], References(), tmp_path, write=False)
    assert stale == [tmp_path / "week3.h5"]
    assert packaged_cases.build([week], References(), tmp_path) == stale  # rewritten
    assert packaged_cases.build([week], References(), tmp_path, write=False) == []


def test_without_solutions_the_package_cases_answer(tmp_path: Path) -> None:
    """The built-in course, installed without its solutions/ and without a bundle's cases/:
    its public cases inside the package answer."""
    import dataclasses

    from grader.sources import default_source

    installed = dataclasses.replace(built_in(), solutions=tmp_path / "no-solutions",
                                    cases=tmp_path / "no-cases")
    source = default_source(installed)
    assert isinstance(source, CaseBooks) and source.folder == packaged_cases.FOLDER
    assert not source.live
