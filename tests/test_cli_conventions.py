"""The command line behaves as command lines do: the threshold says it was missed, a closed
pipe is quiet, bad values are usage errors, Ctrl-C is 130, a wrong week is named, `grade auto`
looks only at what a learner would submit. Real processes, as a user runs them."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, SOLUTIONS

from grader.courses.registry import built_in

WEEK_NAMES = built_in().assignments


def grade(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None
          ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "grader", *args], check=False, cwd=cwd, text=True,
                          capture_output=True, timeout=120, env=env)


def test_a_missed_threshold_says_so_in_one_line() -> None:
    done = grade("week4", str(FIXTURES / "week4" / "learner.ipynb"), "--fail-under", "90")
    assert done.returncode == 1
    assert done.stderr.strip() == "grade: the score, 58.3%, is below --fail-under 90%"
    met = grade("week4", str(FIXTURES / "week4" / "learner.ipynb"), "--fail-under", "50")
    assert met.returncode == 0 and "below" not in met.stderr


def test_a_closed_pipe_ends_quietly_with_141() -> None:
    process = subprocess.Popen([sys.executable, "-m", "grader", "list"], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader is gone before the first line: every write fails
    code = process.wait(timeout=60)
    error = process.stderr.read().decode()
    process.stderr.close()
    assert code == 141, error
    assert error == ""


@pytest.mark.parametrize("args,env,message", [
    (("--seed", "-5"), {}, "Invalid value for '--seed': -5 is not in the range x>=0"),
    ((), {"GRADE_SEED": "twelve"}, "Invalid value for '--seed'"),
    (("--jobs", "0"), {}, "Invalid value for '--jobs'"),
    (("--timeout", "-1"), {}, "Invalid value for '--timeout'"),
])
def test_bad_values_are_usage_errors(args: tuple[str, ...], env: dict[str, str],
                                     message: str) -> None:
    import os

    done = grade("week4", "solutions/week4", *args, env={**os.environ, **env})
    assert done.returncode == 2, done.stderr
    assert message in done.stderr
    assert "internal error" not in done.stderr


def test_ctrl_c_exits_130_and_leaves_no_child(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "grader", "week4", str(ROOT / "tests" / "hostile" /
                                                      "infinite_loop.py"), "--timeout", "60"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(3)  # the sandbox is up and a learner's function is looping
    started = _descendants(process.pid)
    assert started  # the zygote and a child at least
    process.send_signal(signal.SIGINT)
    interrupted = time.monotonic()
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    # well before the learner's call would reach its 60-second limit (a loaded machine too)
    assert time.monotonic() - interrupted < 40
    assert err.strip().endswith("grade: interrupted")
    assert "Traceback" not in err and "internal error" not in err
    deadline = time.monotonic() + 10
    while (alive := [pid for pid in started if _running(pid)]) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert alive == []


def _descendants(root: int) -> list[int]:
    """Every process below `root`, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # not a process, or one that just ended
            continue
        if fields[0] != "Z":
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        below = children.get(todo.pop(), [])
        found += below
        todo += below
    return found


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_an_unknown_week_lists_the_weeks() -> None:
    done = grade("week5")
    assert done.returncode == 2
    assert f"the assignments are {', '.join(WEEK_NAMES)}" in done.stderr


def test_the_exit_codes_are_in_the_help() -> None:
    done = grade("--help")
    for line in ("130  interrupted (Ctrl-C)",
                 "141  standard output was closed early (grade list | head -1)"):
        assert line in done.stdout


def test_a_file_of_another_week_is_named() -> None:
    done = grade("week4", str(SOLUTIONS / "week3" / "planar.py"))
    assert done.returncode == 0, done.stderr
    assert "week4 total: 10/120" in done.stdout  # compute_cost is a week-4 function too
    assert "it looks like week3 (it defines layer_sizes, initialize_parameters" in done.stdout
    assert f"try `grade week3 {SOLUTIONS / 'week3' / 'planar.py'}`" in done.stdout


def test_a_complete_week_gets_no_such_note() -> None:
    done = grade("week4", "solutions/week4")
    assert "looks like" not in done.stdout


def test_grade_auto_at_a_repository_root_never_walks_into_tests() -> None:
    done = grade("auto")  # this repository: assignments/ of every week, and tests/
    assert done.returncode == 2
    assert "holds the assignments of several weeks" in done.stderr
    assert "`grade all`" in done.stderr and "tests" not in done.stderr


def test_grade_auto_in_a_learners_repository_grades_its_week(tmp_path: Path) -> None:
    (tmp_path / "tests").mkdir()  # a fixture of another week must not count
    shutil.copy(SOLUTIONS / "week3" / "planar.py", tmp_path / "tests" / "planar.py")
    shutil.copytree(ROOT / "assignments" / "week4", tmp_path / "assignments" / "week4")
    done = grade("auto", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "looks like week4" in done.stderr
    assert "week4 total: 0/120" in done.stdout
