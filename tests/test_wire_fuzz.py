"""Whatever a child sends, the grader never raises: a property-based test of the grader's side
of the wire (`Child.load`, `Child.calls`, `Child.reset`) against a fake child that sends random,
mistyped, lying and mutated frames, then hangs up.

The fake child is the other end of a socket pair; its sandbox is a stand-in whose zygote
starts nothing, so the test runs no process at all.
"""

from __future__ import annotations

import json
import socket
import struct
import threading
from typing import Any

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grader.sandbox import Call, CallOutcome, Child, LoadOutcome, SandboxLimits, Served, wire
from grader.sandbox.helpers import HelperPool

LIMITS = SandboxLimits(seconds_per_call=0.2, memory_mib=64, output_kib=1, max_message_mib=1)
OPS = ["ready", "loading", "loaded", "result", "helper", "helper_result", "helper_error",
       "callback", "callback_result", "callback_error", "reset", "serving", "bogus"]


class _Zygote:
    """Starts nothing: every helper child asked for fails to start."""

    def __init__(self) -> None:
        self.helpers = HelperPool()

    def reap(self, pid: int, grace: float = 0.0) -> int:
        return 0

    def discard(self, pid: int) -> None:
        pass

    def spawn_child(self, setup: dict[str, Any]) -> tuple[int, socket.socket]:
        raise OSError("no zygote in this test")


class _Sandbox:
    def __init__(self) -> None:
        self.zygote = _Zygote()
        self.limits = LIMITS


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner,
                                                                 max_size=4),
    max_leaves=12)
tags = st.sampled_from(["$array", "$scalar", "$tuple", "$dict", "$float", "$opaque"])
tagged = st.builds(lambda tag, value: {tag: value}, tags, json_values)
fields = st.sampled_from(["op", "index", "ok", "value", "error", "output", "printed",
                          "mutated", "seconds", "unit", "statement", "failed", "skipped",
                          "stood_in", "name", "args", "kwargs", "rng", "clean", "why",
                          "protections", "type", "message", "traceback"])
messages = st.builds(
    lambda op, extra: {"op": op, **extra},
    st.sampled_from(OPS),
    st.dictionaries(fields, json_values | tagged, max_size=6))


def frame(message: Any, blobs: list[bytes], sizes: list[int] | None = None) -> bytes:
    header = json.dumps({"msg": message, "blobs": sizes if sizes is not None
                         else [len(b) for b in blobs]}).encode()
    return struct.pack(">I", len(header)) + header + b"".join(blobs)


def _good_result(index: int) -> bytes:
    message, blobs = wire.pack({"op": "result", "index": index, "ok": True, "output": "",
                                "printed": 0, "mutated": [], "seconds": 0.0},
                               value=(np.arange(6.0).reshape(2, 3), {"k": [1, 2.5]}))
    return frame(message, blobs)


frames = st.one_of(
    st.builds(frame, messages, st.lists(st.binary(max_size=64), max_size=3)),
    st.builds(frame, messages, st.lists(st.binary(max_size=8), max_size=2),
              st.lists(st.integers(-5, 1 << 40), max_size=3)),  # sizes that lie
    st.binary(max_size=80),  # not a frame at all
    st.builds(lambda i, cut: _good_result(i)[:cut], st.integers(0, 2), st.integers(0, 400)),
    st.builds(lambda i, at, byte: _flip(_good_result(i), at, byte), st.integers(0, 2),
              st.integers(0, 400), st.integers(0, 255)),
)


def _flip(data: bytes, at: int, byte: int) -> bytes:
    at %= len(data)
    return data[:at] + bytes([byte]) + data[at + 1:]


def _fake_child(sock: socket.socket, sent: list[bytes], leave: str) -> None:
    """Send `sent`, then leave: stop writing but read all the grader writes ("quiet"), close the
    socket at once ("gone": the grader's next write fails), or stay silent ("stay": the
    grader's deadline ends it)."""
    try:
        sock.sendall(b"".join(sent))
        if leave == "gone":
            return
        if leave == "quiet":
            sock.shutdown(socket.SHUT_WR)
        sock.settimeout(2.0)
        while sock.recv(65536):
            pass
    except OSError:
        pass
    finally:
        sock.close()


def against(sent: list[bytes], leave: str) -> Child:
    ours, theirs = socket.socketpair()
    threading.Thread(target=_fake_child, args=(theirs, sent, leave), daemon=True).start()
    return Child(_Sandbox(), 1, wire.Channel(ours))  # type: ignore[arg-type]


UNITS = [{"file": "learner.py", "statements": [
    {"line": 1, "source": "x = 1", "kind": "code", "code": 0},
    {"line": 2, "source": "y = 2", "kind": "code", "code": 0}]}]
SETTINGS = settings(max_examples=100, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
leaving = st.sampled_from(["quiet", "quiet", "gone", "stay"])


@SETTINGS
@given(st.lists(frames, max_size=5), leaving)
def test_loading_never_raises(sent: list[bytes], leave: str) -> None:
    child = against(sent, leave)
    outcome = child.load(UNITS, [b"\x00"], [])
    child.close()
    assert isinstance(outcome, LoadOutcome)
    if outcome.culprit is not None:  # any culprit named is a statement that was sent
        unit, statement = outcome.culprit
        assert 0 <= unit < len(UNITS) and 0 <= statement < len(UNITS[unit]["statements"])


@SETTINGS
@given(st.lists(frames, max_size=6), leaving)
def test_calls_never_raise(sent: list[bytes], leave: str) -> None:
    child = against(sent, leave)
    outcomes = child.calls("f", [Call((1,)), Call((2,)), Call((3,))],
                           isolate={"g": "reference"}, served=Served.of(()))
    child.close()
    assert len(outcomes) == 3 and all(isinstance(o, CallOutcome) for o in outcomes)


@SETTINGS
@given(st.lists(frames, max_size=3), leaving)
def test_reset_never_raises(sent: list[bytes], leave: str) -> None:
    child = against(sent, leave)
    why = child.reset()
    child.close()
    assert why is None or isinstance(why, str)


def test_a_loading_frame_out_of_range_is_unreadable_not_an_internal_error() -> None:
    child = against([frame({"op": "loading", "unit": 0, "statement": 1}, []),
                     frame({"op": "loading", "unit": 7, "statement": 10**9}, [])], "stay")
    outcome = child.load(UNITS, [b"\x00"], [])
    assert outcome.crash is not None and "cannot read" in outcome.crash
    assert outcome.culprit == (0, 1)  # the last statement that truly was running


def test_a_child_that_asks_for_a_helper_and_leaves_is_an_outcome() -> None:
    message, blobs = wire.pack({"op": "helper", "name": "g"}, args=[1], kwargs={}, rng=None)
    ours, theirs = socket.socketpair()
    theirs.sendall(frame(message, blobs))
    theirs.close()  # gone before the answer: the grader's reply meets a closed socket
    child = Child(_Sandbox(), 1, wire.Channel(ours))  # type: ignore[arg-type]
    outcomes = child.calls("f", [Call(())], isolate={"g": "reference"}, served=Served.of(()))
    assert outcomes[0].crash is not None and "exited with code 0" in outcomes[0].crash
