"""Week 2: numpy basics, and logistic regression as a neural network."""

from __future__ import annotations

from grader.spec import Week

from . import logistic_regression, numpy_basics

ASSIGNMENT = Week("week2", "Week 2: numpy basics and logistic regression",
            (numpy_basics.PART, logistic_regression.PART))
