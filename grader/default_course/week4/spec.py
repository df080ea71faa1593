"""Week 4: deep neural networks, built step by step, then applied to cat pictures."""

from __future__ import annotations

from grader.spec import Week

from . import application, step_by_step

ASSIGNMENT = Week("week4", "Week 4: deep neural networks", (step_by_step.PART, application.PART))
