"""``duben check``: load every editor file and collect all problems in one run."""

from __future__ import annotations

from pathlib import Path

from duben.build.project import Project, load_content
from duben.content.consistency import term_mismatches
from duben.errors import Problem


def check(root: Path) -> list[Problem]:
    glossary, documents, problems = load_content(Project(root))
    problems.extend(w for loaded in documents for w in loaded.warnings)
    if glossary is not None:
        problems.extend(term_mismatches(documents, glossary))
    return problems
