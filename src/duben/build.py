"""One call that turns ``content/`` into generated pages under ``docs/``: used by the hook and the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import DubenError, Problem
from .generate import Occurrence, document_pages, glossary_pages, library_list
from .glossary import Glossary
from .project import LoadedDocument, Project, load_documents, load_glossary, sync_tree
from .segment import add_words


@dataclass(frozen=True)
class BuildResult:
    documents: list[LoadedDocument]
    glossary: Glossary
    written: list[str]

    @property
    def warnings(self) -> list[Problem]:
        return [w for d in self.documents for w in d.warnings]


def generate_all(documents: list[LoadedDocument], glossary: Glossary, *,
                 sandhi: str = "citation") -> dict[str, str]:
    """Every generated page, keyed by path relative to ``docs/``."""
    # Terms become jieba words: they are matched on word boundaries, and Material's
    # search (same jieba, same process) then indexes them whole.
    add_words(glossary.form_index())
    pages: dict[str, str] = {}
    occurrences: list[Occurrence] = []
    for loaded in documents:
        found_pages, found = document_pages(loaded.document, sandhi=sandhi,
                                            translations=loaded.translations, glossary=glossary)
        pages.update(found_pages)
        occurrences.extend(found)
    pages.update(glossary_pages(glossary, occurrences))
    return pages


def build(root: Path, *, sandhi: str = "citation") -> BuildResult:
    """Generate every page. Nothing is written unless all content loads."""
    project = Project(root)
    problems: list[Problem] = []
    glossary = Glossary()
    documents: list[LoadedDocument] = []
    try:
        glossary = load_glossary(project)
    except DubenError as exc:
        problems.extend(exc.problems)
    try:
        documents = load_documents(project)
    except DubenError as exc:
        problems.extend(exc.problems)
    if problems:
        raise DubenError(problems)
    pages = generate_all(documents, glossary, sandhi=sandhi)
    return BuildResult(documents, glossary, sync_tree(project.docs, pages))


def content_source(page_path: str) -> str | None:
    """The editor-owned file behind a generated page (for the edit button), if any."""
    parts = page_path.split("/")
    if len(parts) == 3 and parts[0] == "texts" and parts[2] != "index.md":
        return f"content/texts/{parts[1]}/{parts[2].removesuffix('.md')}.en.yml"
    if len(parts) == 3 and parts[0] == "texts":
        return f"content/texts/{parts[1]}/meta.yml"
    if len(parts) == 2 and parts[0] == "glossary" and parts[1] != "index.md":
        return f"content/glossary/{parts[1].removesuffix('.md')}.yml"
    return None


__all__ = ["BuildResult", "build", "content_source", "generate_all", "library_list"]
