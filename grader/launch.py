"""Start the sandbox's zygote: a fresh interpreter, started as early as a command knows it will
grade, so that it warms up (numpy, the sandbox) while the grader loads.

Standard library only, so that the command line can call it before it imports numpy. The
zygote gets a scrubbed environment and a command line that holds only its socket's number and
where the grader's own package is: nothing the grader was told (a hidden seed, where the
references are) ever reaches it, nor the children forked from it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from dataclasses import dataclass

# What a zygote's environment keeps of the grader's: how to run this interpreter, nothing else.
KEPT_VARIABLES = ("PATH", "LD_LIBRARY_PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ")
_PACKAGE_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@dataclass
class Launched:
    """A zygote process just started, and the grader's end of its control socket."""

    control: socket.socket
    process: subprocess.Popen[bytes]


def scrubbed_environment() -> dict[str, str]:
    """The zygote's environment: the few variables that say how to run Python, and numpy's
    libraries held to one thread each (children are many; each gets one core's share)."""
    kept = {name: os.environ[name] for name in KEPT_VARIABLES if name in os.environ}
    return {**kept, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1",
            "MKL_NUM_THREADS": "1"}


def _import_paths() -> list[str]:
    """Where the zygote imports from, given outright so that it skips `site` (its .pth files
    cost a fresh interpreter tens of milliseconds): the grader's own package, and numpy's
    folder (found without importing it)."""
    import importlib.util

    spec = importlib.util.find_spec("numpy")
    origin = spec.origin if spec is not None else None
    numpy_home = os.path.dirname(os.path.dirname(origin)) if origin else None
    return [_PACKAGE_ROOT, *([numpy_home] if numpy_home else [])]


def launch() -> Launched:
    """Start a zygote in isolated mode, without `site`; return at once (it warms up
    meanwhile)."""
    ours, theirs = socket.socketpair()
    try:
        process = subprocess.Popen(
            [sys.executable, "-I", "-S", "-c", "import sys; sys.path[:0] = sys.argv[2:]; "
             "from grader.sandbox import zygote; zygote.main(int(sys.argv[1]))",
             str(theirs.fileno()), *_import_paths()],
            pass_fds=[theirs.fileno()], env=scrubbed_environment(), cwd="/",
            stdin=subprocess.DEVNULL,
        )
    except OSError:
        ours.close()
        raise
    finally:
        theirs.close()
    return Launched(ours, process)
