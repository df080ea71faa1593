"""Read a learner's files as the grader must: regular files only, never through a link, within
size limits, and parsed in a bounded child (`Parser`), never in the grader's own process.

- A submission's files are found without following links: a link (to `solutions/`, to
  `/proc/self/mem`, to another learner) and a special file (a pipe, a device, a socket) is not
  read, and is named among the submission's problems (`scan`).
- A file is opened without following a link and checked to be regular before a byte is read
  (`read_regular`), so that swapping a file for a link between the two cannot fool it.
- Its bytes are parsed by a parse child (`grader.submission.parsing`), under the learner's
  memory limit and a time limit: a file that would take gigabytes or minutes to parse is
  unreadable, and costs the grader nothing.
"""

from __future__ import annotations

import hashlib
import os
import stat
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from grader.errors import SubmissionError
from grader.memo import Memo
from grader.sandbox import wire
from grader.sandbox.helpers import ServiceChild, ServiceFailed, start_service
from grader.submission.notebook import MAX_NOTEBOOK_BYTES
from grader.submission.parsing import MAX_SOURCE_BYTES, units_from_wire
from grader.submission.source import Unit

if TYPE_CHECKING:
    from grader.sandbox.helpers import Spawner
    from grader.sandbox.limits import SandboxLimits

CODE_SUFFIXES = (".py", ".ipynb")
SKIPPED_FOLDERS = frozenset({"__pycache__", ".ipynb_checkpoints", ".git", "node_modules"})
MAX_FILES = 2000  # files of one submission, read in turn: more is not a learner's work


def is_ignored(name: str) -> bool:
    """Whether a file or folder name is left out of a submission (hidden, caches, VCS)."""
    return name in SKIPPED_FOLDERS or name.startswith(".")


@dataclass(frozen=True)
class Scan:
    """A submission folder's files to read, and the entries refused, each with why."""

    files: tuple[Path, ...]
    refused: tuple[str, ...]


def scan(folder: Path) -> Scan:
    """The `.py` files and notebooks of a submission folder, sorted, found without following
    any link; hidden and cache folders left out, links and special files refused."""
    files: list[Path] = []
    refused: list[str] = []
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            found = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError as error:
            refused.append(f"{current}: cannot be listed ({error.strerror})")
            continue
        for entry in found:
            if is_ignored(entry.name):
                continue
            path = Path(entry.path)
            if entry.is_symlink():
                if path.suffix in CODE_SUFFIXES or _is_dir_link(path):
                    refused.append(f"{path}: a link ({_where(path, folder)}): only regular "
                                   "files are read")
            elif entry.is_dir(follow_symlinks=False):
                pending.append(path)
            elif path.suffix in CODE_SUFFIXES:
                if entry.is_file(follow_symlinks=False):
                    files.append(path)
                else:
                    refused.append(f"{path}: not a regular file (a pipe, a device or a "
                                   "socket): not read")
    return Scan(tuple(sorted(files)[:MAX_FILES]), tuple(sorted(refused)))


def _is_dir_link(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def _where(link: Path, root: Path) -> str:
    """Where a link points, relative to the submission: inside it, or out of it."""
    try:
        target = Path(os.path.realpath(link))
        inside = target.is_relative_to(Path(os.path.realpath(root)))
    except (OSError, ValueError):
        return "to somewhere it cannot be followed"
    return "to a file inside the submission" if inside else "to a file outside the submission"


def refuse_link(path: Path) -> None:
    """Raise `SubmissionError` when the path given to grade is itself a link."""
    if path.is_symlink():
        raise SubmissionError("is a symbolic link: give the file or folder it points to "
                              "(links are never followed)", path=path)


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of a regular file, opened without following a link, at most `limit` bytes;
    `SubmissionError` for anything else."""
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as error:
        raise SubmissionError(f"cannot be read ({error.strerror or error})", path=path) from None
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise SubmissionError("not a regular file: not read", path=path)
        if status.st_size > limit:
            raise SubmissionError(f"file is {status.st_size / 2**20:.0f} MiB, over the "
                                  f"{limit // 2**20} MiB limit", path=path)
        chunks, size = [], 0
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise SubmissionError(f"file is over the {limit // 2**20} MiB limit", path=path)
        return b"".join(chunks)
    except OSError as error:
        raise SubmissionError(f"cannot be read ({error.strerror or error})", path=path) from None
    finally:
        os.close(fd)


class Parser:
    """Parses learners' files in a parse child of a zygote, one file at a time (any thread).

    The child is kept from file to file, and replaced when it fails or the limits change; each
    file is parsed under the memory limit of the limits it is given, in at most `seconds`.
    """

    def __init__(self, zygote: Spawner, seconds: float = 20.0) -> None:
        self.zygote, self.seconds = zygote, seconds
        self._child: ServiceChild | None = None
        self._limits: SandboxLimits | None = None
        self._parsed: Memo[tuple[str, bytes], tuple[Unit, ...]] = Memo(256)
        self._lock = threading.Lock()

    def units(self, path: Path, limits: SandboxLimits) -> list[Unit]:
        """The units of the file at `path`: read here, parsed in the child (once for the same
        bytes at the same path: a class's discovery and its grading read each file twice)."""
        notebook = path.suffix == ".ipynb"
        data = read_regular(path, MAX_NOTEBOOK_BYTES + 1 if notebook else MAX_SOURCE_BYTES + 1)
        return self.parse(path, "notebook" if notebook else "py", data, limits)

    def parse(self, path: Path, kind: str, data: bytes, limits: SandboxLimits) -> list[Unit]:
        """The units of `data`, the text of a `.py` file (`kind` "py") or a notebook
        ("notebook") named `path`, parsed in the child, once for the same bytes at the same
        path (a kernel's cell is a "py" named "In [7]")."""
        key = (str(path), hashlib.blake2b(data, digest_size=16).digest())
        with self._lock:
            if limits != self._limits:
                self._drop()
                self._limits = limits
            return list(self._parsed.kept(key, lambda: tuple(
                self._parse(path, kind, data, limits))))

    def _parse(self, path: Path, kind: str, data: bytes, limits: SandboxLimits) -> list[Unit]:
        for attempt in (1, 2):  # a kept child found dead is replaced once
            fresh = self._child is None
            try:
                child = self._child or start_service(
                    self.zygote, limits, {"op": "serve_parsing", "memory_mib": limits.memory_mib},
                    [], "reading submissions")
                self._child = child
                child.channel.send({"op": "parse", "path": str(path), "kind": kind}, [data])
                reply, blobs = child.channel.recv(
                    deadline=time.monotonic() + self.seconds,
                    max_bytes=limits.max_message_mib * 1024 * 1024)
            except ServiceFailed as error:
                raise SubmissionError(f"cannot be read: {error}", path=path) from None
            except wire.WireTimeout:
                self._drop()
                raise SubmissionError(f"took more than {self.seconds:g} s to read: too large "
                                      "or too complex to grade", path=path) from None
            except wire.WireError as error:
                self._drop()
                if attempt == 1 and not fresh:
                    continue
                raise SubmissionError(f"cannot be read within the memory limit of "
                                      f"{limits.memory_mib} MiB ({error}): too large or too "
                                      "complex to grade", path=path) from None
            return self._units(path, reply, blobs)
        raise AssertionError("unreachable")

    def _units(self, path: Path, reply: dict[str, object], blobs: list[bytes]) -> list[Unit]:
        if reply.get("op") == "unreadable":
            raise SubmissionError(str(reply.get("message", ""))[:300], path=path)
        try:
            if reply.get("op") != "parsed":
                raise wire.WireError("unexpected reply")
            return units_from_wire(reply.get("units"), blobs)
        except wire.WireError as error:
            self._drop()
            raise SubmissionError(f"cannot be read ({error})", path=path) from None

    def _drop(self) -> None:
        if self._child is not None:
            child, self._child = self._child, None
            child.close()

    def close(self) -> None:
        with self._lock:
            self._drop()
