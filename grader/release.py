"""Make the learners' notebooks from the instructor's sources: one source of truth.

For each part, `solutions/<week>/<part>.md` holds the prose and the example cells, and
`solutions/<week>/<part>.py` the reference functions. The notebook is the prose, split into
markdown cells; each fenced ```python block becomes a code cell; each `<!-- graded: name -->`
line becomes a graded cell: `# GRADED FUNCTION: name` and the reference function with the code
between the markers taken out (the comments there stay, as hints), followed by a cell that
checks it in the notebook (`check(name, week=...)`, see `grader.checker`); a cell before the
first graded one imports `check`, or, where the grader is not installed, defines a `check` that
says how to install it, so that the notebook runs either way. Outputs are empty and cell ids are
fixed, so the same sources always give the same bytes. The course's helper modules go beside
the notebooks as the course folder has them (`released_modules`).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from grader.courses.folder import MODULES
from grader.courses.modules import course_modules
from grader.errors import ConfigError
from grader.plain_modules import plain_source
from grader.spec import Part, Week

MARKERS = (("# YOUR CODE STARTS HERE", "# YOUR CODE ENDS HERE"),
           ("### START CODE HERE", "### END CODE HERE"))
_GRADED = re.compile(r"^<!--\s*graded:\s*(\w+)\s*-->\s*$")
INSTALL = "pip install grade-dl"  # how a learner gets the grader
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


def with_checks(cells: list[tuple[str, str, str]], part: Part, week: str,
                shared: frozenset[str] = frozenset()) -> list[tuple[str, str, str]]:
    """The cells with a `check(...)` cell after each graded one, and the cell that imports
    `check` before the first of them. The part is named only for a function that another
    part of the week grades too (`shared`: week 2's `sigmoid`)."""
    checked: list[tuple[str, str, str]] = []
    for kind, source, graded in cells:
        if graded and not any(c[2] for c in checked):
            checked.append(("code", CHECK_SETUP.format(week=week), ""))
        checked.append((kind, source, graded))
        if graded:
            where = f'week="{week}"' + (f', part="{part.name}"' if graded in shared else "")
            checked.append(("code", f"check({graded}, {where})", ""))
    return checked


def build_notebook(part: Part, solutions: Path, week: str,
                   shared: frozenset[str] = frozenset()) -> str:
    """The learner's notebook of one part, as nbformat 4 JSON text (`shared`: the names
    another part of the week grades too)."""
    import nbformat
    from nbformat import v4

    template = solutions / week / f"{part.reference}.md"
    reference = solutions / week / f"{part.reference}.py"
    for path in (template, reference):
        if not path.is_file():
            raise ConfigError(f"release needs {path}, which does not exist")
    cells = with_checks(notebook_cells(template.read_text(encoding="utf-8"),
                                       function_sources(reference)), part, week, shared)
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
    text: str = nbformat.writes(notebook)
    return text + "\n"


def released_modules(week: Week) -> dict[str, Path]:
    """The course's helper modules that go beside the notebooks of `week`: those its parts
    name in `ships` (or, when none does, every module of the assignment's own `modules/`),
    with every course module they import."""
    if week.course is None:
        return {}
    available = week.course.helper_modules(week.name)
    named = [name for part in week.parts for name in part.ships]
    if not named:
        own = week.course.root / week.name / MODULES
        named = sorted(path.stem for path in own.glob("*.py")) if own.is_dir() else []
    missing = [name for name in named if name not in available]
    if missing:
        raise ConfigError(f"{week.name} ships {missing[0]}, which is not one of its helper "
                          "modules", path=week.course.root / week.name)
    shipped = course_modules(week.course, week.name, named)
    return {name: available[name] for module in shipped for name in module.names
            if name in available}


def release(week: Week, solutions: Path, assignments: Path) -> dict[Path, str]:
    """Every file of the learners' copy of `week`, by path, with its text (nothing written):
    a notebook per part, and the course's helper modules beside them, as plain Python that
    runs without `grade` (`grader.plain_modules`)."""
    files = {}
    folder = assignments / week.name
    for part in week.parts:
        shared = frozenset().union(*(other.names for other in week.parts if other is not part))
        files[folder / f"{part.reference}.ipynb"] = build_notebook(part, solutions, week.name,
                                                                   shared)
    for name, path in released_modules(week).items():
        files[folder / f"{name}.py"] = plain_source(name, path)
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
