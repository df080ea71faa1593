"""A worker's context: a broken sandbox is replaced, and closed once no job still uses it."""

from __future__ import annotations

from typing import Any

import pytest

from grader.batch import job
from grader.batch.job import WorkerContext
from grader.errors import SandboxError
from grader.sandbox import SandboxLimits


class FakeSandbox:
    """Stands for `Sandbox`: `FakeSandbox(zygote, limits)`, `start()`, `close()`."""

    def __init__(self, zygote: str, limits: SandboxLimits | None = None) -> None:
        self.zygote, self.limits, self.closed = zygote, limits, False

    @classmethod
    def start(cls, *, fork: bool | None = None) -> FakeSandbox:
        return cls("fresh zygote")

    def close(self) -> None:
        self.closed = True


def test_a_broken_sandbox_is_replaced_and_closed_when_idle(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(job, "Sandbox", FakeSandbox)
    first = FakeSandbox("first zygote")
    context = WorkerContext(first, references=None)  # type: ignore[arg-type]
    running: Any = context.sandbox_for(SandboxLimits())
    assert running.__enter__().zygote == "first zygote"  # another thread's job, still running
    with pytest.raises(SandboxError):
        with context.sandbox_for(SandboxLimits()):
            raise SandboxError("the sandbox zygote did not answer")
    assert context.sandbox.zygote == "fresh zygote" and not first.closed
    running.__exit__(None, None, None)
    assert first.closed and not context.sandbox.closed
    with context.sandbox_for(SandboxLimits(seconds_per_call=2.0)) as sandbox:
        assert sandbox.zygote == "fresh zygote" and sandbox.limits.seconds_per_call == 2.0
