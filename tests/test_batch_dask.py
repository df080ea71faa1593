"""Scale-out: the same class graded on a Dask cluster (a LocalCluster started by the test),
through the same executor interface, gives the same gradebook as the local pool."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from grader.batch.discover import Learner
from grader.batch.job import OutcomeStatus, grade_job
from grader.batch.run import BatchSettings, prepare
from grader.gradebook import Gradebook

from classroom import REFERENCE, WRONG, grade, incomplete, scores
from conftest import FIXTURES, replace_function

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")


@pytest.fixture(scope="module")
def cluster() -> Iterator[object]:
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as local:
        yield local


def _small_class(folder: Path) -> dict[str, float | None]:
    folder.mkdir()
    shutil.copy(REFERENCE, folder / "ada.py")
    (folder / "ben.py").write_text(replace_function(REFERENCE, WRONG / "linear_backward.py"))
    shutil.copy(FIXTURES / "week4" / "learner.ipynb", folder / "cleo.ipynb")
    (folder / "ivy.ipynb").write_text("{ not a notebook")
    return {"ada": 100.0, "ben": 90.0, "cleo": 70.0, "ivy": None}


def test_the_grade_command_runs_a_class_on_a_dask_cluster(cluster, tmp_path: Path) -> None:
    expected = _small_class(tmp_path / "submissions")
    address = cluster.scheduler_address  # type: ignore[attr-defined]
    done = grade("week4", "submissions", "--dask", address, "--gradebook", "dask.db",
                 cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert f"on the Dask cluster at {address}" in done.stderr
    assert "4 learners: 3 graded, 0 already in the gradebook, 1 unreadable" in done.stdout
    assert scores(tmp_path / "dask.db") == expected and incomplete(tmp_path / "dask.db") == []

    local = grade("week4", "submissions", "--jobs", "1", "--gradebook", "local.db",
                  cwd=tmp_path)
    assert local.returncode == 0, local.stderr

    def rows(name: str) -> list[tuple[object, ...]]:
        with sqlite3.connect(tmp_path / name) as db:
            return db.execute("SELECT l.name, f.name, f.status, f.score, f.mistake FROM "
                              "function_results f JOIN submissions s ON s.id = f.submission_id "
                              "JOIN learners l ON l.id = s.learner_id ORDER BY 1, 2").fetchall()

    assert rows("dask.db") == rows("local.db")
    with sqlite3.connect(tmp_path / "dask.db") as db:
        workers = {w for (w,) in db.execute("SELECT worker FROM submissions")}
    assert workers.isdisjoint(
        {w for (w,) in sqlite3.connect(tmp_path / "local.db").execute(
            "SELECT worker FROM submissions")})


def test_the_dask_pool_is_a_concurrent_futures_executor(cluster, tmp_path: Path) -> None:
    from grader.batch.cluster import DaskPool

    _small_class(tmp_path / "submissions")
    with Gradebook.open(tmp_path / "grades.db") as book:
        todo = prepare([Learner("ada", tmp_path / "submissions" / "ada.py"),
                        Learner("ivy", tmp_path / "submissions" / "ivy.ipynb")],
                       BatchSettings("week4"), book)
    pool = DaskPool(cluster.scheduler_address)  # type: ignore[attr-defined]
    with pool:
        assert pool.workers == 2
        outcomes = list(pool.map(grade_job, todo.jobs))
    assert [(o.job.learner, o.status) for o in outcomes] == [
        ("ada", OutcomeStatus.GRADED), ("ivy", OutcomeStatus.UNREADABLE)]
    assert outcomes[0].report is not None and outcomes[0].report.score == 100.0
