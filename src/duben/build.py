"""One call that turns ``content/`` into ``docs/texts/``: used by the hook and the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import Problem
from .generate import document_pages, library_list
from .project import LoadedDocument, Project, load_documents, sync_tree


@dataclass(frozen=True)
class BuildResult:
    documents: list[LoadedDocument]
    written: list[str]

    @property
    def warnings(self) -> list[Problem]:
        return [w for d in self.documents for w in d.warnings]


def generate_all(documents: list[LoadedDocument], *, sandhi: str = "citation") -> dict[str, str]:
    pages: dict[str, str] = {}
    for loaded in documents:
        pages.update(document_pages(loaded.document, sandhi=sandhi, translations=loaded.translations))
    return pages


def build(root: Path, *, sandhi: str = "citation") -> BuildResult:
    """Generate every page. Nothing is written unless every document loads."""
    project = Project(root)
    documents = load_documents(project)
    pages = generate_all(documents, sandhi=sandhi)
    return BuildResult(documents, sync_tree(project.output, pages))


__all__ = ["BuildResult", "build", "generate_all", "library_list"]
