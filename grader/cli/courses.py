"""The courses of one command line: found once, from the group's --course, shared by its verbs."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from grader.courses.registry import Catalog

AUTO = "auto"  # the pseudo-assignment: grade the one the submission looks like
_CATALOG = "grade.catalog"


def catalog_of(ctx: click.Context | None = None) -> Catalog:
    """The courses of this command line (found once, from the group's --course)."""
    root = (ctx or click.get_current_context()).find_root()
    catalog: Catalog | None = root.meta.get(_CATALOG)
    if catalog is None:
        from grader.courses.registry import Catalog

        catalog = root.meta[_CATALOG] = Catalog.discover(root.params.get("course"))
    return catalog
