"""The wire carries plain values both ways and refuses everything else, without pickle."""

from __future__ import annotations

import io
import json
import pickle
import socket
import struct

import numpy as np
import pytest

from grader.sandbox import wire


def roundtrip(value: object) -> object:
    blobs: list[bytes] = []
    return wire.decode(wire.encode(value, blobs), blobs)


@pytest.mark.parametrize("value", [
    None, True, 3, 2.5, "text", [1, 2.0], (1, (2, 3)), {"W1": 1, 2: "two"},
    float("inf"), np.float64(0.25), np.int64(7), np.bool_(True),
])
def test_plain_values_come_back_with_their_types(value: object) -> None:
    back = roundtrip(value)
    assert type(back) is type(value)
    assert back == value


@pytest.mark.parametrize("array", [
    np.arange(6.0).reshape(2, 3), np.array(3.5), np.zeros((0, 4)), np.array([True, False]),
    np.asfortranarray(np.arange(6).reshape(3, 2)), np.arange(8.0)[::3], np.array(["a", "bc"]),
])
def test_arrays_keep_dtype_shape_and_values(array: np.ndarray) -> None:
    back = roundtrip(array)
    assert type(back) is np.ndarray and back.dtype == array.dtype and back.shape == array.shape
    assert np.array_equal(back, array)
    back[...] = array  # writable


def test_blobs_are_real_npy_files() -> None:
    blobs: list[bytes] = []
    wire.encode(np.arange(6.0).reshape(2, 3), blobs)
    assert np.array_equal(np.load(io.BytesIO(blobs[0]), allow_pickle=False),
                          np.arange(6.0).reshape(2, 3))


def test_nan_survives() -> None:
    assert np.isnan(roundtrip(float("nan")))


class LyingArray(np.ndarray):
    def __eq__(self, other):  # type: ignore[override]
        return True


class LyingFloat(float):
    def __eq__(self, other: object) -> bool:
        return True


@pytest.mark.parametrize("value", [
    np.zeros(3).view(LyingArray), LyingFloat(1.0), object(), np.array([object()]),
    np.zeros((2, 2)).view(np.recarray), lambda: 1,
])
def test_anything_else_arrives_as_an_opaque_type_name(value: object) -> None:
    back = roundtrip(value)
    assert isinstance(back, wire.Opaque)
    assert back.type_name


def test_a_pickled_object_array_is_refused_not_unpickled() -> None:
    buffer = io.BytesIO()
    np.save(buffer, np.array([{"evil": 1}], dtype=object), allow_pickle=True)
    with pytest.raises(wire.WireError):
        wire.decode({"$array": 0}, [buffer.getvalue()])


def test_a_raw_pickle_payload_is_refused() -> None:
    with pytest.raises(wire.WireError):
        wire.decode({"$array": 0}, [pickle.dumps([1, 2, 3])])


@pytest.mark.parametrize("tree", [
    {"$array": 5}, {"$array": True}, {"$unknown": 1}, {"$tuple": 3}, {"$dict": [[1]]},
    {"$dict": [[[1], 2]]}, {"$float": "1e400x"}, {"a": 1, "b": 2, "c": 3},
])
def test_malformed_trees_are_wire_errors(tree: object) -> None:
    with pytest.raises(wire.WireError):
        wire.decode(tree, [])


def test_a_header_lying_about_the_data_size_is_refused() -> None:
    blobs: list[bytes] = []
    wire.encode(np.arange(4.0), blobs)
    with pytest.raises(wire.WireError):
        wire.decode({"$array": 0}, [blobs[0][:-8]])


def test_deep_nesting_is_refused() -> None:
    value: list[object] = []
    for _ in range(100):
        value = [value]
    with pytest.raises(wire.WireError):
        wire.encode(value, [])


def frame(header: bytes) -> bytes:
    return struct.pack(">I", len(header)) + header


@pytest.mark.parametrize("raw", [
    frame(b"not json"), frame(b"[1, 2]"), frame(json.dumps({"msg": {}, "blobs": [-1]}).encode()),
    struct.pack(">I", 1 << 30),
])
def test_a_channel_refuses_malformed_frames(raw: bytes) -> None:
    ours, theirs = socket.socketpair()
    with ours, theirs:
        theirs.sendall(raw)
        with pytest.raises(wire.WireError):
            wire.Channel(ours).recv(max_bytes=1 << 20)


def test_a_channel_times_out_and_notices_a_closed_peer() -> None:
    import time

    ours, theirs = socket.socketpair()
    channel = wire.Channel(ours)
    with pytest.raises(wire.WireTimeout):
        channel.recv(deadline=time.monotonic() + 0.05)
    theirs.close()
    with pytest.raises(wire.WireClosed):
        channel.recv()
    ours.close()


def test_a_channel_carries_frames_back_to_back() -> None:
    ours, theirs = socket.socketpair()
    with ours, theirs:
        sender, receiver = wire.Channel(theirs), wire.Channel(ours)
        for n in range(3):
            message, blobs = wire.pack({"op": "x", "n": n}, value=np.full((2, 2), n))
            sender.send(message, blobs)
        for n in range(3):
            message, blobs = receiver.recv()
            assert message["n"] == n
            assert np.array_equal(wire.decode(message["value"], blobs), np.full((2, 2), n))
