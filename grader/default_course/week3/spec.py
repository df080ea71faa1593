"""Week 3: a planar classifier with one hidden layer."""

from __future__ import annotations

from grader.spec import Week

from . import planar

ASSIGNMENT = Week("week3", "Week 3: a neural network with one hidden layer", (planar.PART,))
