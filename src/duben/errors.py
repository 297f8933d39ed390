"""Domain errors. Every problem names the file (and line, when there is one)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, printable as ``path:line: message``."""

    path: str
    line: int | None
    message: str
    severity: str = "error"  # "error", "warning" (fails --strict) or "info" (only reported)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        prefix = {"error": "", "warning": "warning: "}.get(self.severity, "note: ")
        return f"{where}: {prefix}{self.message}"


class DubenError(Exception):
    """Raised for bad input. Carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def fail(path: str | Path, line: int | None, message: str) -> DubenError:
    """Build a single-problem error; ``raise fail(...)`` reads well at call sites."""
    return DubenError(Problem(str(path), line, message))
