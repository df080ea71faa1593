"""Renderers: a report in each format. Each returns text; only the CLI prints it."""

from __future__ import annotations

import importlib

from grader.results import Report

# format name → module of `grader.render` with `render(report, *, colour, unicode) -> str`
_MODULES = {"text": "text", "json": "json_report", "gradescope": "gradescope"}
FORMATS = tuple(_MODULES)


def render(report: Report, name: str, *, colour: bool = False, unicode: bool = True) -> str:
    """The report in format `name`."""
    module = importlib.import_module(f"grader.render.{_MODULES[name]}")
    text: str = module.render(report, colour=colour, unicode=unicode)
    return text
