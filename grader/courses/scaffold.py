"""`grade new NAME`: a new assignment that the self-check passes at once, ready to be made yours.

    <course>/grade.toml                    made when there is no course yet (named for its folder)
    <course>/NAME/spec.py                  one part, one graded function, three mistakes
    <solutions>/NAME/NAME.py               the reference, its code between the markers
    <solutions>/NAME/NAME_mistakes.py      the catalogued mistakes, one function each
    <solutions>/NAME/NAME.md               the notebook's source: prose and an example cell
    <course>/tests/test_NAME.py            the published example and the self-check, for pytest

The graded function is a mean squared error: small enough to read at a glance, with mistakes
learners really make (no square, a sum for the mean, an absolute value), so that the self-check
has something to catch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from grader.courses.folder import CONFIG, CourseFolder, read_course
from grader.errors import ConfigError

_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class Scaffold:
    """What `grade new` made: the course (and whether it made it), and the files written."""

    course: CourseFolder
    created_course: bool
    files: tuple[Path, ...]


def new_assignment(name: str, folder: Path, course: CourseFolder | None, *,
                   title: str | None = None, reserved: tuple[str, ...] = ()) -> Scaffold:
    """Write the assignment `name` into `course`, or into a new course in `folder` when there
    is none; `ConfigError` when the name is taken or not a valid one (`reserved`: the names of
    commands it would be confused with)."""
    if not _NAME.match(name) or name in reserved:
        raise ConfigError(f"{name!r} cannot name an assignment: use letters, digits and '_', "
                          "starting with a letter" + (", and not a command's name"
                                                      if name in reserved else ""))
    made = course is None
    if course is None:
        course = _new_course(folder)
    taken = [path for path in (course.root / name, course.solutions / name) if path.exists()]
    if taken:
        raise ConfigError("already exists: choose another name for the assignment",
                          path=taken[0])
    title = title or name.replace("_", " ").capitalize()
    published = _published_example()
    files = {
        course.root / name / "spec.py": _SPEC.format(name=name, title=title),
        course.solutions / name / f"{name}.py": _REFERENCE.format(name=name),
        course.solutions / name / f"{name}_mistakes.py": _MISTAKES.format(name=name),
        course.solutions / name / f"{name}.md": _NOTEBOOK.format(name=name, title=title),
        course.root / "tests" / f"test_{name}.py": _TEST.format(name=name,
                                                                published=published),
    }
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return Scaffold(course, made, tuple(files))


def _new_course(folder: Path) -> CourseFolder:
    """A course folder in `folder`, named after it."""
    name = re.sub(r"[^A-Za-z0-9_-]", "-", folder.resolve().name).strip("-_") or "course"
    if not name[0].isalpha():
        name = f"course-{name}"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / CONFIG).write_text(
        f"# A course folder of `grade`: each assignment is a folder beside this file.\n"
        f'[course]\nname = "{name}"\ntitle = "{name.replace("-", " ").capitalize()}"\n'
        f'solutions = "solutions"\n', encoding="utf-8")
    return read_course(folder, "created by grade new")


def _published_example() -> str:
    """The example's value, as the notebook prints it (the test checks the reference on it)."""
    example = np.random.RandomState(1)
    Y_hat, Y = example.randn(1, 4), example.randn(1, 4)
    return repr(float(np.mean((Y_hat - Y) ** 2)))


_SPEC = '''"""{name}: {title}. Made by `grade new`: make it yours.

One part (one notebook), one graded function. Its cases are the published example (the numbers
the notebook shows), then cases drawn from `rng` whose shapes differ on purpose (one value,
several rows), so that code written for the example alone fails. Each catalogued mistake is a
function `<graded name>__<mistake>` of the mistakes module beside the reference: when a
learner's outputs equal a mistake's on every case, the report gives its hint.
"""

from __future__ import annotations

from types import ModuleType

import numpy as np

from grader.spec import Case, GradedFunction, Mistake, Part, Week, seeded


def mean_squared_error_cases(rng: np.random.Generator, ref: ModuleType) -> list[Case]:
    example = seeded(1)  # the notebook's np.random.seed(1)
    cases = [Case("published example", (example.randn(1, 4), example.randn(1, 4)))]
    rows, columns = int(rng.integers(2, 5)), int(rng.integers(3, 9))
    for label, shape in (("one value", (1, 1)), (f"{{rows}} rows", (rows, columns))):
        cases.append(Case(label, (rng.standard_normal(shape), rng.standard_normal(shape))))
    return cases


PART = Part(
    name="{name}",
    title="{title}",
    reference="{name}",
    functions=(
        GradedFunction(
            "mean_squared_error", 10, mean_squared_error_cases, output="cost",
            mistakes=(
                Mistake("no_square", "the differences are not squared: average (Y_hat - Y) ** 2."),
                Mistake("sum_not_mean", "the cost is a sum: divide it by the number of values "
                                        "(np.mean does both)."),
                Mistake("absolute", "that is the mean absolute error: square the differences "
                                    "instead of taking their absolute value."),
            ),
        ),
    ),
)

ASSIGNMENT = Week("{name}", "{title}", (PART,))
'''

_REFERENCE = '''"""Reference solution of {name}: the code between the markers is what learners write."""

import numpy as np


# GRADED FUNCTION: mean_squared_error
def mean_squared_error(Y_hat, Y):
    """The mean of the squared differences between the predictions Y_hat and the labels Y."""
    # YOUR CODE STARTS HERE
    # cost = ...  the mean over every value of (Y_hat - Y) squared, as a float
    cost = float(np.mean((Y_hat - Y) ** 2))
    # YOUR CODE ENDS HERE
    return cost
'''

_MISTAKES = '''"""Catalogued mistakes of {name}: `<function>__<mistake>`, as learners write them."""

import numpy as np


def mean_squared_error__no_square(Y_hat, Y):
    return float(np.mean(Y_hat - Y))


def mean_squared_error__sum_not_mean(Y_hat, Y):
    return float(np.sum((Y_hat - Y) ** 2))


def mean_squared_error__absolute(Y_hat, Y):
    return float(np.mean(np.abs(Y_hat - Y)))
'''

_NOTEBOOK = '''# {title}

Write the function below between `# YOUR CODE STARTS HERE` and `# YOUR CODE ENDS HERE`, then
run `grade {name}` in a terminal, from the folder that holds `assignments/`.

```python
import numpy as np
```

## The mean squared error

How far predictions are from the labels, on average: the mean, over every value, of the
squared difference.

<!-- graded: mean_squared_error -->

```python
np.random.seed(1)
print(mean_squared_error(np.random.randn(1, 4), np.random.randn(1, 4)))
```
'''

_TEST = '''"""{name}: the reference reproduces the published example, and the self-check passes
(every catalogued mistake caught and named). Run with pytest."""

from pathlib import Path

import numpy as np

from grader.courses.folder import read_course
from grader.courses.registry import load_week
from grader.references import References
from grader.sandbox import Sandbox
from grader.selfcheck import check_week, table

COURSE = read_course(Path(__file__).resolve().parent.parent)
PUBLISHED = {published}  # what the notebook prints for the published example


def test_the_self_check_passes() -> None:
    with Sandbox.start() as sandbox:  # before any reference loads
        week = load_week(COURSE, "{name}")
        check = check_week(week, sandbox, References(COURSE.solutions, COURSE))
    assert check.ok, table(check)


def test_the_reference_reproduces_the_published_example() -> None:
    week = load_week(COURSE, "{name}")
    reference = References(COURSE.solutions, COURSE).module("{name}", week.parts[0])
    example = np.random.RandomState(1)
    Y_hat, Y = example.randn(1, 4), example.randn(1, 4)
    assert np.isclose(reference.mean_squared_error(Y_hat, Y), PUBLISHED)
'''
