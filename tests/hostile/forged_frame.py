# Threat: writing a forged result frame, with a pickled object array, straight to the socket
# the grader reads. Expected: refused as unreadable (`error`); nothing is unpickled.
import io
import json
import os
import stat
import struct

import numpy as np


class Payload:
    def __reduce__(self):
        return (os.system, ("echo pwned > /tmp/grade-pwned",))


def linear_forward(A, W, b):
    buffer = io.BytesIO()
    np.save(buffer, np.array([Payload()], dtype=object), allow_pickle=True)
    blob = buffer.getvalue()
    message = {"op": "result", "index": 0, "ok": True, "output": "", "printed": 0,
               "seconds": 0.0, "mutated": [], "value": {"$array": 0}}
    header = json.dumps({"msg": message, "blobs": [len(blob)]}).encode()
    frame = struct.pack(">I", len(header)) + header + blob
    for fd in range(3, 64):
        try:
            if stat.S_ISSOCK(os.fstat(fd).st_mode):
                os.write(fd, frame)
        except OSError:
            pass
    while True:
        pass
