"""The limits every sandbox child runs under (learner, helper and parse children alike)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SandboxLimits:
    """Limits on each child; the defaults suit every function of the course."""

    seconds_per_call: float = 10.0
    memory_mib: int = 1024
    output_kib: int = 64
    max_message_mib: int = 256

    @property
    def cpu_seconds(self) -> int:
        """A backstop on a child's whole CPU time; the wall-clock limit per call comes first."""
        return int(self.seconds_per_call * 64) + 10
