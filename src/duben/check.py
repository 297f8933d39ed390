"""``duben check``: load every editor file and collect all problems in one run."""

from __future__ import annotations

from pathlib import Path

from .consistency import term_mismatches
from .errors import DubenError, Problem
from .glossary import Glossary
from .project import LoadedDocument, Project, document_dirs, load_document, load_glossary


def check(root: Path) -> list[Problem]:
    project = Project(root)
    problems: list[Problem] = []
    glossary: Glossary | None = None
    try:
        glossary = load_glossary(project)
    except DubenError as exc:
        problems.extend(exc.problems)
    documents: list[LoadedDocument] = []
    for folder in document_dirs(project):
        try:
            loaded = load_document(folder, project.root)
        except DubenError as exc:
            problems.extend(exc.problems)
        else:
            documents.append(loaded)
            problems.extend(loaded.warnings)
    if glossary is not None:
        problems.extend(term_mismatches(documents, glossary))
    return problems
