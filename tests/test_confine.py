"""What a confined child may and may not do, tried from inside one (Linux).

The refusals that matter for a score are in tests/hostile/ (graded end to end); these tests pin
the layers themselves: what a child can still do to itself, what it cannot do to anyone else,
what it can read, and that nothing it makes outlives it.
"""

from __future__ import annotations

import os
import site
import sys
import sysconfig
from pathlib import Path

import pytest
from conftest import loaded_child

from grader.sandbox import Call, Sandbox

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only")


def run(sandbox: Sandbox, source: str, *args: object) -> object:
    child = loaded_child(sandbox, source)
    try:
        outcome = child.calls("f", [Call(args)])[0]
    finally:
        child.close()
    assert outcome.ok, outcome
    return outcome.value


def test_a_child_may_still_limit_renice_and_signal_itself(sandbox: Sandbox) -> None:
    source = (
        "import os, resource, signal\n"
        "def f():\n"
        "    soft, hard = resource.prlimit(0, resource.RLIMIT_NOFILE)\n"
        "    resource.prlimit(os.getpid(), resource.RLIMIT_NOFILE, (soft - 1, hard))\n"
        "    os.setpriority(os.PRIO_PROCESS, 0, 5)\n"
        "    os.sched_setaffinity(0, os.sched_getaffinity(0))\n"
        "    signal.signal(signal.SIGUSR1, lambda *a: None)\n"
        "    os.kill(os.getpid(), signal.SIGUSR1)\n"
        "    return resource.getrlimit(resource.RLIMIT_NOFILE)[0] == soft - 1\n")
    assert run(sandbox, source) is True


def test_a_child_lives_apart_from_the_grader(sandbox: Sandbox) -> None:
    child = sandbox.open()
    protections = child.protections
    child.close()
    source = "import os\ndef f():\n    return os.getppid(), os.getuid(), os.getpid()\n"
    parent, uid, pid = run(sandbox, source)  # type: ignore[misc]
    if "pid namespace" in protections:
        assert parent == 0  # the zygote is outside the child's namespace: it has no pid there
        assert pid != os.getpid()
    if "throw-away uid" in protections:
        assert uid >= 0x60000000
    assert "ipc namespace" in protections or os.geteuid() != 0


def test_two_children_have_different_uids(sandbox: Sandbox) -> None:
    source = "import os\ndef f():\n    return os.getuid()\n"
    first, second = run(sandbox, source), run(sandbox, source)
    if os.geteuid() == 0:
        assert first != second


def _site_packages_files() -> list[Path]:
    """A few readable files of installed packages other than numpy, in every site-packages."""
    roots = {*site.getsitepackages(), sysconfig.get_path("purelib")}
    found = []
    for root in sorted(roots):
        for package in ("click", "nbformat", "h5py", "grader", "pip", "setuptools"):
            candidate = Path(root) / package / "__init__.py"
            if candidate.is_file():
                found.append(candidate)
    return found


def test_installed_packages_other_than_numpy_cannot_be_read(sandbox: Sandbox) -> None:
    """References installed anywhere (site-packages by a non-editable install, say) are out of
    reach: only the standard library and numpy are readable."""
    files = _site_packages_files()
    assert files, "no installed package to try"
    source = (
        "import numpy\n"
        "def f(paths):\n"
        "    seen = []\n"
        "    for path in paths:\n"
        "        try:\n"
        "            open(path, 'rb').close()\n"
        "            seen.append(path)\n"
        "        except OSError:\n"
        "            pass\n"
        "    open(numpy.__file__, 'rb').close()\n"
        "    import json, fractions\n"
        "    return seen\n")
    assert run(sandbox, source, [str(p) for p in files]) == []


def test_an_installed_package_outside_the_allow_list_cannot_be_imported(sandbox: Sandbox) -> None:
    source = ("def f():\n    try:\n        import click\n    except ImportError:\n"
              "        return 'refused'\n    return 'imported'\n")
    assert run(sandbox, source) == "refused"


def test_nothing_a_child_makes_outlives_it(sandbox: Sandbox) -> None:
    """No SysV object, message queue or file in /dev/shm is left on the host by a child."""
    def host_ipc() -> set[str]:
        found = set()
        for table in ("msg", "shm", "sem"):
            path = Path(f"/proc/sysvipc/{table}")
            if path.exists():
                found.update(f"{table}:{line.split()[1]}" for line in
                             path.read_text().splitlines()[1:])
        shm = Path("/dev/shm")
        found.update(f"file:{p.name}" for p in shm.iterdir()) if shm.is_dir() else None
        mqueue = Path("/dev/mqueue")
        found.update(f"mq:{p.name}" for p in mqueue.iterdir()) if mqueue.is_dir() else None
        return found

    before = host_ipc()
    source = (
        "import ctypes, os\n"
        "def f():\n"
        "    libc = ctypes.CDLL(None, use_errno=True)\n"
        "    made = [libc.msgget(0, 0o1600), libc.shmget(0, 1 << 20, 0o1600),\n"
        "            libc.semget(0, 1, 0o1600),\n"
        "            libc.mq_open(b'/grade-left', os.O_CREAT | os.O_RDWR, 0o600, None)]\n"
        "    try:\n"
        "        open('/dev/shm/grade-left', 'wb').close()\n"
        "        made.append(0)\n"
        "    except OSError:\n"
        "        made.append(-1)\n"
        "    return made\n")
    assert run(sandbox, source) == [-1, -1, -1, -1, -1]
    assert host_ipc() == before
