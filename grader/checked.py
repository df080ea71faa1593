"""What `check` returns: the results of the functions checked, for a person and for a script.

In Jupyter it shows as the HTML report's block of each function (hints and mismatch figures
included); elsewhere, `str()` and `repr()` give the text report. A script reads `status`,
`score`, `checks`, or one function's result by name.
"""

from __future__ import annotations

from dataclasses import dataclass

from grader.results import CheckResult, FunctionResult, Report, Status, WeekReport


@dataclass(frozen=True, repr=False)
class Checked:
    """The grading of the functions one `check` call asked for (one week)."""

    report: WeekReport

    @property
    def functions(self) -> tuple[FunctionResult, ...]:
        return self.report.functions

    @property
    def status(self) -> Status:
        """PASS when every function passed; else the status of the first one that did not."""
        return next((f.status for f in self.functions if f.status is not Status.PASS),
                    Status.PASS)

    @property
    def passed(self) -> bool:
        return self.status is Status.PASS

    @property
    def score(self) -> float:
        return self.report.score

    @property
    def max_score(self) -> float:
        return self.report.max_score

    @property
    def checks(self) -> tuple[CheckResult, ...]:
        """Every check of every function, in order."""
        return tuple(c for f in self.functions for c in f.checks)

    def __getitem__(self, name: str) -> FunctionResult:
        """One function's result, by name."""
        for function in self.functions:
            if function.name == name:
                return function
        raise KeyError(name)

    def __str__(self) -> str:
        from grader.render import text

        return text.render(Report((self.report,))).rstrip("\n")

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        from grader.render import html

        return html.fragment(self.report)
