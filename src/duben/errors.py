"""Domain errors. Every problem names the file (and line, when there is one)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"  # the build refuses
    WARNING = "warning"  # work in progress: shown on the page; fails ``duben check --strict``
    INFO = "info"  # only reported


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, printable as ``path:line: message``."""

    path: str
    line: int | None
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        prefix = {Severity.ERROR: "", Severity.WARNING: "warning: "}.get(self.severity, "note: ")
        return f"{where}: {prefix}{self.message}"


    def github(self) -> str:
        """The problem as a GitHub workflow command, so that it shows on its line of a pull request:
        ``::error file=…,line=…,title=duben check::message`` (info as a notice)."""
        kind = {Severity.ERROR: "error", Severity.WARNING: "warning"}.get(self.severity, "notice")
        where = f"file={_property(self.path)}" + (f",line={self.line}" if self.line else "")
        return f"::{kind} {where},title=duben check::{_data(self.message)}"


def _data(text: str) -> str:
    # GitHub's escaping for a workflow command's message (actions/toolkit, command.ts).
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


class DubenError(Exception):
    """Raised for bad input. Carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def fail(path: str | Path, line: int | None, message: str) -> DubenError:
    """Build a single-problem error; ``raise fail(...)`` reads well at call sites."""
    return DubenError(Problem(str(path), line, message))
