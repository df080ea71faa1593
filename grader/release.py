"""Make the learners' notebooks from the instructor's sources: one source of truth.

For each part, `solutions/<week>/<part>.md` holds the prose and the example cells, and
`solutions/<week>/<part>.py` the reference functions. The notebook is the prose, split into
markdown cells; each fenced ```python block becomes a code cell; each `<!-- graded: name -->`
line becomes a graded cell: `# GRADED FUNCTION: name` and the reference function with the code
between the markers taken out (the comments there stay, as hints), followed by a cell that
checks it in the notebook (`check(name, week=...)`, see `grader.checker`); a cell before the
first graded one imports `check`, or, where the grader is not installed, defines a `check` that
says how to install it, so that the notebook runs either way. Outputs are empty and cell ids are
fixed, so the same sources always give the same bytes.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from grader.errors import ConfigError
from grader.spec import Part, Week

MARKERS = (("# YOUR CODE STARTS HERE", "# YOUR CODE ENDS HERE"),
           ("### START CODE HERE", "### END CODE HERE"))
_GRADED = re.compile(r"^<!--\s*graded:\s*(\w+)\s*-->\s*$")
INSTALL = "pip install grade"  # how a learner gets the grader
CHECK_SETUP = f"""# `check(f)` grades the function f right here, as `grade {{week}}` does: run the cell
# under each function you write.
try:
    from grader import check
except ImportError:  # without the grader, each check cell says how to get it
    def check(*functions, **where):
        print("To check your work here, install the grader ({INSTALL}), "
              "then restart the kernel.")"""
_FENCE = re.compile(r"^```(\w*)\s*$")


def stub(source: str) -> str:
    """The function with the code between its markers removed and the comments kept."""
    lines, inside = [], False
    for line in source.splitlines():
        stripped = line.strip()
        if any(stripped.startswith(start) for start, _ in MARKERS):
            inside = True
            lines.append(line)
        elif any(stripped.startswith(end) for _, end in MARKERS):
            inside = False
            lines.append(line)
        elif not inside or stripped.startswith("#") or not stripped:
            lines.append(line)
    return "\n".join(lines)


def function_sources(path: Path) -> dict[str, str]:
    """The source of each top-level function of a module, by name."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    sources = {}
    for node in ast.parse(text).body:
        if isinstance(node, ast.FunctionDef):
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            sources[node.name] = "\n".join(lines[first - 1 : node.end_lineno])
    return sources


def notebook_cells(template: str, functions: dict[str, str]) -> list[tuple[str, str, str]]:
    """Cells as (kind, source, graded function name or "") from a template's text."""
    cells: list[tuple[str, str, str]] = []
    prose: list[str] = []
    code: list[str] | None = None

    def flush_prose() -> None:
        text = "\n".join(prose).strip()
        if text:
            cells.append(("markdown", text, ""))
        prose.clear()

    for line in template.splitlines():
        fence = _FENCE.match(line)
        if code is not None:
            if fence:
                cells.append(("code", "\n".join(code).strip("\n"), ""))
                code = None
            else:
                code.append(line)
        elif fence and fence.group(1) == "python":
            flush_prose()
            code = []
        elif graded := _GRADED.match(line):
            flush_prose()
            name = graded.group(1)
            if name not in functions:
                raise ConfigError(f"the template asks for {name}, which the reference lacks")
            cells.append(("code", f"# GRADED FUNCTION: {name}\n\n{stub(functions[name])}", name))
        else:
            prose.append(line)
    flush_prose()
    return cells


def with_checks(cells: list[tuple[str, str, str]], part: Part,
                week: str) -> list[tuple[str, str, str]]:
    """The cells with a `check(...)` cell after each graded one, and the cell that imports
    `check` before the first of them. The part is named only for a function that another
    part of the week grades too (week 2's `sigmoid`)."""
    from grader.weeks import get_week

    shared = {name for other in get_week(week).parts if other.name != part.name
              for name in other.names}
    checked: list[tuple[str, str, str]] = []
    for kind, source, graded in cells:
        if graded and not any(c[2] for c in checked):
            checked.append(("code", CHECK_SETUP.format(week=week), ""))
        checked.append((kind, source, graded))
        if graded:
            where = f'week="{week}"' + (f', part="{part.name}"' if graded in shared else "")
            checked.append(("code", f"check({graded}, {where})", ""))
    return checked


def build_notebook(part: Part, solutions: Path, week: str) -> str:
    """The learner's notebook of one part, as nbformat 4 JSON text."""
    import nbformat
    from nbformat import v4

    template = solutions / week / f"{part.reference}.md"
    reference = solutions / week / f"{part.reference}.py"
    for path in (template, reference):
        if not path.is_file():
            raise ConfigError(f"release needs {path}, which does not exist")
    cells = with_checks(notebook_cells(template.read_text(encoding="utf-8"),
                                       function_sources(reference)), part, week)
    notebook = v4.new_notebook(metadata={
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
        "grade": {"week": week, "part": part.name},
    })
    for index, (kind, source, graded) in enumerate(cells):
        cell_id = f"{part.name}-{index:03d}"
        if kind == "markdown":
            notebook.cells.append(v4.new_markdown_cell(source, id=cell_id))
            continue
        cell = v4.new_code_cell(source, id=cell_id)
        if graded:
            cell.metadata = {"tags": ["graded"], "nbgrader": {
                "grade": False, "grade_id": graded, "locked": False, "schema_version": 3,
                "solution": True, "task": False}}
        notebook.cells.append(cell)
    return nbformat.writes(notebook) + "\n"


def shipped_module(alias: str, target: str) -> str:
    """A helper module shipped beside the notebook: the grader's own version, re-exported."""
    return (f'"""The course helper module `{alias}`: the grader\'s version of it."""\n\n'
            f"from {target} import *  # noqa: F401,F403\n")


def release(week: Week, solutions: Path, assignments: Path) -> dict[Path, str]:
    """Every file of the learners' copy of `week`, by path, with its text (nothing written)."""
    from grader.course import ALIASES

    files = {}
    for part in week.parts:
        folder = assignments / week.name
        files[folder / f"{part.reference}.ipynb"] = build_notebook(part, solutions, week.name)
        for alias in part.ships:
            files[folder / f"{alias}.py"] = shipped_module(alias, ALIASES[alias])
    return files


def stale(files: dict[Path, str]) -> list[Path]:
    """The files whose text on disk is not `files`' text."""
    return [path for path, text in sorted(files.items())
            if not path.is_file() or path.read_text(encoding="utf-8") != text]


def write(files: dict[Path, str]) -> list[Path]:
    """Write the files that differ from what is on disk; return those."""
    changed = stale(files)
    for path in changed:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(files[path], encoding="utf-8")
    return changed
