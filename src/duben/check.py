"""``duben check``: load every editor file and collect all problems in one run."""

from __future__ import annotations

from pathlib import Path

from .errors import DubenError, Problem
from .project import Project, document_dirs, load_document, load_glossary


def check(root: Path) -> list[Problem]:
    project = Project(root)
    problems: list[Problem] = []
    try:
        load_glossary(project)
    except DubenError as exc:
        problems.extend(exc.problems)
    for folder in document_dirs(project):
        try:
            problems.extend(load_document(folder, project.root).warnings)
        except DubenError as exc:
            problems.extend(exc.problems)
    return problems
