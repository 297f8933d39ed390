"""File-system side of the pipeline: find and read editor content, write pages.

The build reads only from ``content/`` and writes only below ``docs/texts/``.
Writes are atomic (temp file + rename) and skipped when the bytes are equal,
so ``mkdocs serve`` does not loop on its own output.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .atomic import replace_file
from .encoding import decode
from .errors import DubenError, Problem
from .glossary import Glossary, build_glossary
from .meta import parse_meta
from .model import Document
from .sources import parse_document
from .translation import Credit, Entry, load_translations

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def texts(self) -> Path:
        return self.content / "texts"

    @property
    def glossary(self) -> Path:
        return self.content / "glossary"

    @property
    def docs(self) -> Path:
        return self.root / "docs"


MANAGED = ("texts", "glossary")  # folders of docs/ that the generator owns entirely


def document_dirs(project: Project) -> list[Path]:
    if not project.texts.is_dir():
        return []
    return sorted(p for p in project.texts.iterdir() if p.is_dir() and not p.name.startswith("."))


@dataclass(frozen=True)
class LoadedDocument:
    """A document with its translations, and the warnings found loading them."""

    document: Document
    translations: dict[str, dict[str, Entry]]
    warnings: tuple[Problem, ...] = ()
    credits: dict[str, Credit] = field(default_factory=dict)  # who made each article's translation


def _rel(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def load_document(folder: Path, root: Path) -> LoadedDocument:
    """Read one document folder; raise DubenError with every error found."""
    rel = _rel(folder, root)
    if not _SLUG.match(folder.name):
        raise DubenError(Problem(rel, None, "folder name must be a slug: lower-case letters, "
                                 "digits and hyphens"))
    source = folder / "source.txt"
    if not source.is_file():
        raise DubenError(Problem(rel, None, "no source.txt in this document folder; add the "
                                 "document's text as source.txt"))
    meta_path = folder / "meta.yml"
    meta_text = read_text(meta_path, root) if meta_path.is_file() else None
    meta = parse_meta(meta_text, _rel(meta_path, root))
    text, notes = decode(source.read_bytes(), _rel(source, root))
    document = parse_document(folder.name, text, meta, _rel(source, root))
    slugs = {a.slug for a in document.articles}
    notes += [Problem(_rel(source, root), None, note, severity="info") for note in document.reading_notes]
    problems = notes + [
        Problem(_rel(path, root), None, f"no article '{path.name.removesuffix('.en.yml')}' in this "
                f"document (articles: {', '.join(sorted(slugs))}); rename the file")
        for path in sorted(folder.glob("*.en.yml")) if path.name.removesuffix(".en.yml") not in slugs
    ]
    paths = {a.slug: folder / f"{a.slug}.en.yml" for a in document.articles}
    texts = {slug: read_text(p, root) if p.is_file() else None for slug, p in paths.items()}
    translations, found, credits = load_translations(texts, {s: _rel(p, root) for s, p in paths.items()},
                                            document.articles)
    problems.extend(found)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise DubenError(errors)
    return LoadedDocument(document, translations, tuple(p for p in problems if p.severity != "error"), credits)


def read_text(path: Path, root: Path) -> str:
    """An editor's YAML file as text; bad UTF-8 is an error naming the file and line."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DubenError(Problem(_rel(path, root), line, "not valid UTF-8; save the file as UTF-8")) from exc


def _load_each(project: Project) -> tuple[list[LoadedDocument], list[Problem]]:
    """Every document that loads, and the errors of those that do not."""
    documents, problems = [], []
    for folder in document_dirs(project):
        try:
            documents.append(load_document(folder, project.root))
        except DubenError as exc:
            problems.extend(exc.problems)
    return documents, problems


def load_documents(project: Project) -> list[LoadedDocument]:
    """Every document; all problems from all documents are raised together."""
    documents, problems = _load_each(project)
    if problems:
        raise DubenError(problems)
    return documents


def load_content(project: Project) -> tuple[Glossary | None, list[LoadedDocument], list[Problem]]:
    """The glossary and every document that load, and every error found anywhere (nothing raised).

    The one place that reads all editor content: the build refuses on any error,
    ``duben check`` reports them alongside the warnings.
    """
    problems: list[Problem] = []
    glossary: Glossary | None = None
    try:
        glossary = load_glossary(project)
    except DubenError as exc:
        problems.extend(exc.problems)
    documents, found = _load_each(project)
    return glossary, documents, problems + found


def load_glossary(project: Project) -> Glossary:
    files, problems = [], []
    for path in sorted(project.glossary.glob("*.yml")) if project.glossary.is_dir() else []:
        try:
            files.append((path.stem, read_text(path, project.root), _rel(path, project.root)))
        except DubenError as exc:
            problems.extend(exc.problems)
    try:
        glossary = build_glossary(files)
    except DubenError as exc:
        problems.extend(exc.problems)
    if problems:
        raise DubenError(problems)
    return glossary


def write_atomic(path: Path, text: str) -> bool:
    """Write text if it differs from what is there; return True when written."""
    data = text.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return False
    replace_file(path, data)
    return True


def sync_tree(out: Path, pages: dict[str, str], managed: tuple[str, ...] = MANAGED) -> list[str]:
    """Make the managed folders of ``out`` hold exactly ``pages``.

    Changed files are written, stale ones deleted; nothing outside ``managed``
    is touched (hand-written pages live beside them).
    """
    written = [rel for rel, text in sorted(pages.items()) if write_atomic(out / rel, text)]
    for folder in managed:
        top = out / folder
        if not top.is_dir():
            continue
        for path in sorted(top.rglob("*"), reverse=True):
            rel = path.relative_to(out).as_posix()
            if path.is_file() and rel not in pages:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return written
