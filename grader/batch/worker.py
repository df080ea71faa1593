"""A local grading worker: a process that keeps a warm sandbox and runs one job at a time.

`pool.LocalPool` starts it as `python -m grader.batch.worker FD`, FD being its end of a socket
pair. It starts its sandbox first (a fresh interpreter with a scrubbed environment,
warming up while the worker loads the rest), says `("ready", pid)`, then answers each `(function, args, kwargs)` with
`("ok", value)` or `("error", exception)`, calling `function(context, *args, **kwargs)`.

Frames are `u64 length │ pickle`. Pickle is safe here because both ends are the grader's own
code: a learner's code runs only in the sandbox's children, whose data the worker decodes
without pickle before anything reaches this channel.
"""

from __future__ import annotations

import os
import pickle
import signal
import socket
import struct
import sys
import time
from typing import Any

FRAME = struct.Struct(">Q")
_CHUNK = 1 << 20


def send(sock: socket.socket, message: Any) -> None:
    """Send one pickled message."""
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    sock.settimeout(None)
    sock.sendall(FRAME.pack(len(data)) + data)


def recv(sock: socket.socket, deadline: float | None = None) -> Any:
    """Receive one message; `EOFError` when the other end is gone, `TimeoutError` past the
    `deadline` (a `time.monotonic()` instant)."""
    (size,) = FRAME.unpack(_read(sock, FRAME.size, deadline))
    return pickle.loads(_read(sock, size, deadline))  # our own process: see the docstring


def _read(sock: socket.socket, size: int, deadline: float | None) -> bytes:
    parts: list[bytes] = []
    while size:
        if deadline is None:
            sock.settimeout(None)
        else:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no answer in time")
            sock.settimeout(left)
        part = sock.recv(min(size, _CHUNK))
        if not part:
            raise EOFError("the other end closed the connection")
        parts.append(part)
        size -= len(part)
    return b"".join(parts)


def serve(sock: socket.socket) -> None:
    """Start the worker's context, then run jobs until the pool closes the socket."""
    from grader.batch.job import WorkerContext

    context = WorkerContext.start()
    try:
        send(sock, ("ready", os.getpid()))
        while True:
            try:
                function, args, kwargs = recv(sock)
            except EOFError:
                break
            try:
                reply: tuple[str, Any] = ("ok", function(context, *args, **kwargs))
            except Exception as error:  # noqa: BLE001 - re-raised in the job's future
                reply = ("error", error)
            try:
                send(sock, reply)
            except (pickle.PicklingError, TypeError, AttributeError) as error:
                send(sock, ("error", RuntimeError(f"the worker could not send its answer: "
                                                  f"{type(error).__name__}: {error}")))
    except OSError:  # the pool is gone: nobody is left to answer
        pass
    finally:
        context.close()


def main() -> None:
    """Entry point: `python -m grader.batch.worker FD`."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the pool decides when workers stop
    serve(socket.socket(fileno=int(sys.argv[1])))


if __name__ == "__main__":
    main()
