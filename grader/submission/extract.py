"""Keep what grading needs from a piece of Python source, and nothing that runs on its own.

Kept: top-level `import` and `from` statements, `def` and `class` definitions, assignments of
constants (`n_h = 4`, `layers_dims = [12288, 20, 7, 5, 1]`), and `try` blocks holding only
imports. Everything else (calls, prints, plots, loops, test invocations) is ignored, because in
a notebook those are the learner's experiments, not their answers; so are imports of the grader
itself (`from grader import check`, with or without a `try`).

A syntax error costs only the top-level block it is in: the source is then cut at each line
that starts a new top-level statement, and each block is parsed on its own.
"""

from __future__ import annotations

import ast
import hashlib
import marshal
import re
import textwrap
import types
from pathlib import Path

from grader import properties
from grader.memo import Memo
from grader.submission.source import FunctionSource, Outline, Parameter, Statement, Unit

HEADER = re.compile(r"#\s*GRADED FUNCTION:\s*(\w+)")
REGIONS = (
    (re.compile(r"#\s*YOUR CODE STARTS HERE"), re.compile(r"#\s*YOUR CODE ENDS HERE")),
    (re.compile(r"###\s*START CODE HERE"), re.compile(r"###\s*END CODE HERE")),
)
_BLOCK_START = re.compile(r"^(?:def |class |async def |@|import |from |[A-Za-z_]\w*\s*=)")


def extract(text: str, file: Path, label: str, cell: int | None = None) -> Unit:
    """Parse `text` and keep its gradeable statements (see the module docstring).

    A `# GRADED FUNCTION: name` header marks the function `name` of its notebook cell; in a
    `.py` file, the definition of `name` that comes next.
    """
    in_cell = set(HEADER.findall(text)) if cell is not None else set()
    lines = text.splitlines()
    blocks, problems, broken = _parse_blocks(text, label)
    statements: list[Statement] = []
    functions: list[FunctionSource] = []
    ignored: list[str] = []
    previous_end = 0
    sharing = _sharing_a_line(blocks)
    for index, node in enumerate(blocks):
        first = min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", []))])
        above = "\n".join(lines[previous_end : first - 1])
        previous_end = node.end_lineno or node.lineno
        last = node.end_lineno or node.lineno
        source = "\n".join(lines[first - 1 : last])
        kind = _kind(node)
        if kind is None:
            ignored.append(f"{label}, line {node.lineno}: {lines[node.lineno - 1].strip()[:60]}")
            continue
        if index in sharing:
            source = _segment(lines, node) or source
            first = node.lineno
        try:
            code = compiled(node, source, first, label)
        except (SyntaxError, ValueError, RecursionError, MemoryError) as error:
            message = getattr(error, "msg", None) or str(error)
            problems.append(f"{label}, line {first}: {type(error).__name__}: {message}")
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                broken.append((node.name, problems[-1]))
            continue
        defines = node.name if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) else ""
        statements.append(Statement(first, source, kind, code, defines,
                                    _imports(node) if kind == "import" else ()))
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            functions.append(
                FunctionSource(
                    name=node.name, file=file, label=label, line=node.lineno, end_line=last,
                    source=source, cell=cell,
                    headed=node.name in in_cell or node.name in HEADER.findall(above),
                    habits=_habits(node, source, first),
                    stub=is_stub(lines[node.lineno - 1 : last]),
                    outline=_outline(node, first),
                )
            )
    return Unit(file, label, tuple(statements), tuple(functions), cell, tuple(ignored),
                tuple(problems), tuple(broken))


# A class's submissions share most of their statements (imports, the notebook's own cells,
# untouched stubs, the same right answer): each distinct statement is compiled, and each
# distinct function searched for habits, once per process. Both tables are bounded.
_CODE: Memo[tuple[int, str], types.CodeType] = Memo(1024)
_HABITS: Memo[tuple[int, str], tuple[properties.Habit, ...]] = Memo(1024)


def compiled(node: ast.stmt, source: str, first: int, label: str) -> bytes:
    """The statement `node` (whose text is `source`, starting on line `first` of `label`),
    compiled from its syntax tree (so that its line numbers cost nothing) and marshalled with
    `label` as its file name."""
    code = _CODE.kept((first, source), lambda: compile(
        ast.Module(body=[node], type_ignores=[]), label, "exec", dont_inherit=True))
    return marshal.dumps(_named(code, label))


def _named(code: types.CodeType, filename: str) -> types.CodeType:
    if code.co_filename == filename:
        return code
    return code.replace(co_filename=filename, co_consts=tuple(
        _named(c, filename) if isinstance(c, types.CodeType) else c for c in code.co_consts))


def _habits(node: ast.AST, source: str, first: int) -> tuple[properties.Habit, ...]:
    return _HABITS.kept((first, source), lambda: properties.habits(node, source=source))


def _outline(node: ast.FunctionDef | ast.AsyncFunctionDef, first: int) -> Outline:
    """The function's parameters, where its body starts and the plain calls it makes."""
    arguments = node.args
    positional = [*arguments.posonlyargs, *arguments.args]
    defaulted = len(positional) - len(arguments.defaults)
    parameters: list[Parameter] = [
        (a.arg, "POSITIONAL_ONLY" if i < len(arguments.posonlyargs) else "POSITIONAL_OR_KEYWORD",
         i >= defaulted) for i, a in enumerate(positional)]
    if arguments.vararg:
        parameters.append((arguments.vararg.arg, "VAR_POSITIONAL", False))
    parameters += [(a.arg, "KEYWORD_ONLY", d is not None)
                   for a, d in zip(arguments.kwonlyargs, arguments.kw_defaults)]
    if arguments.kwarg:
        parameters.append((arguments.kwarg.arg, "VAR_KEYWORD", False))
    calls = [(call.func.id, len(call.args), tuple(str(k.arg) for k in call.keywords))
             for call in ast.walk(node) if isinstance(call, ast.Call)
             and isinstance(call.func, ast.Name)
             and not any(isinstance(a, ast.Starred) for a in call.args)
             and all(k.arg is not None for k in call.keywords)]
    return Outline(node.body[0].lineno - first if node.body else 0, tuple(parameters),
                   bool(node.decorator_list), tuple(calls), tree_digest(node))


def tree_digest(node: ast.AST) -> str:
    """A digest of a syntax tree without its positions and comments: two functions with the
    same digest are the same code, however laid out (a released stub left as it was)."""
    dump = ast.dump(node, annotate_fields=False, include_attributes=False)
    return hashlib.blake2b(dump.encode(), digest_size=12).hexdigest()


def _imports(node: ast.stmt) -> tuple[str, ...]:
    """The modules an import statement (or a `try` of imports) names, by their last name."""
    names: list[str] = []
    for child in ast.walk(node):
        if isinstance(child, ast.Import):
            names += [alias.name.rpartition(".")[2] for alias in child.names]
        elif isinstance(child, ast.ImportFrom) and child.module:
            names.append(child.module.rpartition(".")[2])
    return tuple(dict.fromkeys(names))


def _parse_blocks(
    text: str, label: str
) -> tuple[list[ast.stmt], list[str], list[tuple[str, str]]]:
    try:
        return list(ast.parse(text).body), [], []
    except SyntaxError:
        pass
    except ValueError as error:  # null bytes
        return [], [f"{label}: cannot be parsed ({error})"], []
    nodes: list[ast.stmt] = []
    problems: list[str] = []
    broken: list[tuple[str, str]] = []
    lines = text.splitlines()
    starts = [
        i for i, line in enumerate(lines)
        if _BLOCK_START.match(line) and not (i and lines[i - 1].startswith("@"))
    ] or [0]
    if starts[0] != 0:
        starts.insert(0, 0)
    for begin, end in zip(starts, [*starts[1:], len(lines)]):
        try:
            chunk = ast.parse("\n".join(lines[begin:end]))
        except SyntaxError as error:
            where = (error.lineno or 1) + begin
            problem = f"{label}, line {where}: SyntaxError: {error.msg}"
            problems.append(problem)
            name = re.match(r"(?:async )?def (\w+)", lines[begin])
            if name:
                broken.append((name.group(1), problem))
            continue
        nodes.extend(ast.increment_lineno(node, begin) for node in chunk.body)
    return nodes, problems, broken


def _kind(node: ast.stmt) -> str | None:
    if _imports_the_grader(node):  # `from grader import check`: a tool, never an answer
        return None
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return "import"
    if isinstance(node, ast.Try):  # `try: import x / except ImportError: pass`, nothing more
        return "import" if _imports_only(node) else None
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and _runs_nothing(node):
        return "def"
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return "code"
    value = node.value if isinstance(node, (ast.Assign, ast.AnnAssign)) else None
    if value is None or not _constant(value):
        return None
    if isinstance(node, ast.Assign) and not all(isinstance(t, ast.Name) for t in node.targets):
        return None
    if isinstance(node, ast.AnnAssign) and not isinstance(node.target, ast.Name):
        return None
    # Arithmetic on constants runs when loaded (2 ** 10 ** 10 never ends); a literal does not.
    return "code" if any(isinstance(n, ast.BinOp) for n in ast.walk(value)) else "def"


def _imports_the_grader(node: ast.stmt) -> bool:
    """An import of the grader's own tools (`grader`, `grader.checker`), or a `try` block
    holding one (a released notebook's `try: from grader import check` with its fallback);
    an import of any other module of the grader loads as imports do."""
    body = node.body if isinstance(node, ast.Try) else [node]
    names = [alias.name for n in body if isinstance(n, ast.Import) for alias in n.names]
    names += [n.module or "" for n in body if isinstance(n, ast.ImportFrom) and not n.level]
    return any(name in ("grader", "grader.checker") for name in names)


def _imports_only(node: ast.Try) -> bool:
    """A `try` whose every block (body, handlers, else, finally) only imports or passes, and
    whose handlers name exception types plainly: loading it runs no learner code."""
    blocks = [node.body, node.orelse, node.finalbody, *(h.body for h in node.handlers)]
    plain = all(h.type is None or all(isinstance(n, (ast.Name, ast.Attribute, ast.Tuple,
                                                     ast.Load)) for n in ast.walk(h.type))
                for h in node.handlers)
    return plain and all(isinstance(n, (ast.Import, ast.ImportFrom, ast.Pass))
                         for block in blocks for n in block)


def _runs_nothing(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """A definition that runs no learner code when defined: no decorator, constant defaults,
    constant or no annotations. (Loading such a statement cannot hang or crash.)"""
    arguments = node.args
    annotations = [a.annotation for a in (*arguments.posonlyargs, *arguments.args,
                                          *arguments.kwonlyargs, arguments.vararg,
                                          arguments.kwarg) if a is not None]
    defaults = [*arguments.defaults, *(d for d in arguments.kw_defaults if d is not None)]
    return (not node.decorator_list and node.returns is None
            and all(a is None or _constant(a) for a in annotations)
            and all(_constant(d) for d in defaults))


def _constant(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return all(_constant(e) for e in node.elts)
    if isinstance(node, ast.Dict):
        return all(k is not None and _constant(k) for k in node.keys) and all(
            _constant(v) for v in node.values
        )
    if isinstance(node, ast.UnaryOp):
        return _constant(node.operand)
    if isinstance(node, ast.BinOp):
        return _constant(node.left) and _constant(node.right)
    return False


def _sharing_a_line(nodes: list[ast.stmt]) -> set[int]:
    """The positions of the statements that share a line with another (`a = 1; b = 2`): only
    neighbours can, as top-level statements follow each other."""
    sharing: set[int] = set()
    for index in range(1, len(nodes)):
        before, node = nodes[index - 1], nodes[index]
        if (before.end_lineno or before.lineno) >= node.lineno:
            sharing.update((index - 1, index))
    return sharing


def _segment(lines: list[str], node: ast.stmt) -> str | None:
    """The exact text of `node` (a statement that shares a line with another)."""
    if node.end_lineno is None or node.end_col_offset is None:
        return None
    first, last = node.lineno - 1, node.end_lineno - 1
    if first == last:
        return lines[first].encode()[node.col_offset:node.end_col_offset].decode()
    head = lines[first].encode()[node.col_offset:].decode()
    tail = lines[last].encode()[:node.end_col_offset].decode()
    return "\n".join([head, *lines[first + 1:last], tail])


def is_stub(lines: list[str]) -> bool:
    """True when every marked code region of a function holds no real statement (code
    written on a marker's own line counts as inside its region). A stub is still run: only
    what it does tells whether code elsewhere in the function does the work (see
    `grader.unfinished`)."""
    found = regions(lines)
    return bool(found) and all(_placeholder_only([text for _, text in region])
                               for region in found)


def regions(lines: list[str]) -> list[list[tuple[int, str]]]:
    """The learner's code regions of a function, as (line index, text) pairs: the lines
    between each pair of markers, and the code written before a marker on the marker's own
    line (`dZ = relu_backward(dA, cache) ### END CODE HERE ###`)."""
    found = []
    for start, end in REGIONS:
        inside: list[tuple[int, str]] | None = None
        for index, line in enumerate(lines):
            opening = start.search(line) if inside is None else None
            closing = end.search(line) if inside is not None else None
            if opening is not None:
                inside = _code_before(index, line, opening.start())
            elif closing is not None and inside is not None:
                found.append(inside + _code_before(index, line, closing.start()))
                inside = None
            elif inside is not None:
                inside.append((index, line))
    return found


def template_lines(lines: list[str]) -> list[tuple[int, str]]:
    """The lines of a function that are the course's template, not the learner's: outside
    every code region, markers excluded. Without markers, nothing tells the template from the
    learner's code: then there is none."""
    found = regions(lines)
    if not found:
        return []
    inside = {index for region in found for index, _ in region}
    return [(index, line) for index, line in enumerate(lines)
            if index not in inside
            and not any(start.search(line) or end.search(line) for start, end in REGIONS)]


def _code_before(index: int, line: str, marker: int) -> list[tuple[int, str]]:
    before = line[:marker]
    return [(index, before)] if before.strip() and not before.strip().startswith("#") else []


def _placeholder_only(region: list[str]) -> bool:
    try:
        body = ast.parse(textwrap.dedent("\n".join(region))).body
    except SyntaxError:
        return False
    return all(_placeholder(statement) for statement in body)


def _placeholder(node: ast.stmt) -> bool:
    if isinstance(node, ast.Pass):
        return True
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
        return True
    if isinstance(node, ast.Assign):
        return isinstance(node.value, ast.Constant) and node.value.value is None
    if isinstance(node, ast.Raise) and node.exc is not None:
        target = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
        return isinstance(target, ast.Name) and target.id == "NotImplementedError"
    return False
