"""One call that turns ``content/`` into ``docs/texts/``: used by the hook and the CLI."""

from __future__ import annotations

from pathlib import Path

from .generate import document_pages, library_list
from .model import Document
from .project import Project, load_documents, sync_tree


def generate_all(documents: list[Document], *, sandhi: str = "citation") -> dict[str, str]:
    pages: dict[str, str] = {}
    for document in documents:
        pages.update(document_pages(document, sandhi=sandhi))
    return pages


def build(root: Path, *, sandhi: str = "citation") -> tuple[list[Document], list[str]]:
    """Generate every page. Nothing is written unless every document loads."""
    project = Project(root)
    documents = load_documents(project)
    pages = generate_all(documents, sandhi=sandhi)
    written = sync_tree(project.output, pages)
    return documents, written


__all__ = ["build", "generate_all", "library_list"]
