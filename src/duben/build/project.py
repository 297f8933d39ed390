"""File-system side of the pipeline: find and read editor content, write pages.

The build reads only from ``content/`` and writes only below ``docs/texts/``.
Writes are atomic (temp file + rename) and skipped when the bytes are equal,
so ``mkdocs serve`` does not loop on its own output.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path

from duben import paths
from duben.atomic import replace_file
from duben.content.encoding import decode
from duben.content.glossary import Glossary, build_glossary
from duben.content.meta import parse_meta, reading_problems
from duben.content.schema import SLUG, SLUG_RULE
from duben.content.sources import parse_document
from duben.content.translation import Credit, Entry, load_translations
from duben.errors import DubenError, Problem, Severity
from duben.limits import LINK_MESSAGE, link_problems, size_problem
from duben.model import Document


class _Folder:
    """A folder of the project: its root joined with a path from :mod:`duben.paths`."""

    def __init__(self, rel: str) -> None:
        self.rel = rel

    def __get__(self, project: Project, owner: type | None = None) -> Path:
        return project.root / self.rel


@dataclass(frozen=True)
class Project:
    root: Path

    content = _Folder(paths.CONTENT)
    texts = _Folder(paths.TEXTS)
    glossary = _Folder(paths.GLOSSARY)
    docs = _Folder(paths.DOCS)
    cache = _Folder(paths.CACHE)
    second_reader = _Folder(paths.SECOND_READER)


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
    digest: str = ""  # of the folder's bytes as read: the document's part of its cache key


def _rel(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def read_folder(folder: Path, rel: str) -> dict[str, bytes]:
    """Every file of a folder (not below it), by name, read once; ``rel`` names the folder in problems.

    Everything the build knows of a folder comes from these bytes: the parsed
    content and its cache key (:func:`digest`), so a save during a build can
    never file old pages under the new text's key. A link, or a file larger than its kind allows, is refused before it is
    read (:mod:`duben.limits`).
    """
    problems = []
    for path in sorted(folder.iterdir()):
        if path.is_symlink():
            problems.append(Problem(f"{rel}/{path.name}", None, LINK_MESSAGE))
        elif path.is_file() and (too_big := size_problem(path, f"{rel}/{path.name}")):
            problems.append(too_big)
    if problems:
        raise DubenError(problems)
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def digest(files: dict[str, bytes]) -> str:
    """A hash of a folder's files as read (names and bytes)."""
    h = hashlib.sha256()
    for name in sorted(files):
        h.update(name.encode() + b"\0" + files[name] + b"\0")
    return h.hexdigest()


def load_document(folder: Path, root: Path, parsed: dict[str, LoadedDocument] | None = None) -> LoadedDocument:
    """Read one document folder; raise DubenError with every error found.

    ``parsed``: documents read before in this process (``mkdocs serve``), by folder; one whose
    files hash the same is not parsed again (parsing a library's YAML is most of a preview's wait).
    """
    rel = _rel(folder, root)
    if not SLUG.match(folder.name):
        raise DubenError(Problem(rel, None, f"folder name must be a slug: {SLUG_RULE}"))
    files = read_folder(folder, rel)
    if parsed is not None:
        before = parsed.get(rel)
        if before is not None and before.digest == digest(files):
            return before
        parsed[rel] = loaded = _parse_document(folder, rel, files)
        return loaded
    return _parse_document(folder, rel, files)


def _parse_document(folder: Path, rel: str, files: dict[str, bytes]) -> LoadedDocument:
    if "source.txt" not in files:
        raise DubenError(Problem(rel, None, "no source.txt in this document folder; add the "
                                 "document's text as source.txt"))

    def rel_of(name: str) -> str:
        return f"{rel}/{name}"

    meta_text = yaml_text(files["meta.yml"], rel_of("meta.yml")) if "meta.yml" in files else None
    meta = parse_meta(meta_text, rel_of("meta.yml"))
    text, notes = decode(files["source.txt"], rel_of("source.txt"))
    document = parse_document(folder.name, text, meta, rel_of("source.txt"))
    if meta.readings:
        found = reading_problems(meta, (b.text for a in document.articles for b in a.blocks), rel_of("meta.yml"))
        if found:
            raise DubenError(found)
    slugs = {a.slug for a in document.articles}
    notes += [Problem(rel_of("source.txt"), None, note, severity=Severity.INFO) for note in document.reading_notes]
    problems = notes + [
        Problem(rel_of(name), None, f"no article '{name.removesuffix('.en.yml')}' in this "
                f"document (articles: {', '.join(sorted(slugs))}); rename the file")
        for name in sorted(files) if name.endswith(".en.yml") and name.removesuffix(".en.yml") not in slugs
    ]
    names = {a.slug: f"{a.slug}.en.yml" for a in document.articles}
    texts = {slug: yaml_text(files[name], rel_of(name)) if name in files else None for slug, name in names.items()}
    translations, found, credits = load_translations(texts, {s: rel_of(n) for s, n in names.items()},
                                                     document.articles)
    problems.extend(found)
    errors = [p for p in problems if p.severity == Severity.ERROR]
    if errors:
        raise DubenError(errors)
    return LoadedDocument(document, translations, tuple(p for p in problems if p.severity != Severity.ERROR), credits,
                          digest(files))


def yaml_text(data: bytes, rel: str) -> str:
    """An editor's YAML file as text; bad UTF-8 is an error naming the file and line."""
    try:
        return data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DubenError(Problem(rel, line, "not valid UTF-8; save the file as UTF-8")) from exc


def _load_each(project: Project, parsed: dict[str, LoadedDocument] | None = None
               ) -> tuple[list[LoadedDocument], list[Problem]]:
    """Every document that loads, and the errors of those that do not."""
    documents, problems = [], []
    for folder in document_dirs(project):
        try:
            documents.append(load_document(folder, project.root, parsed))
        except DubenError as exc:
            problems.extend(exc.problems)
    return documents, problems


def load_documents(project: Project) -> list[LoadedDocument]:
    """Every document; all problems from all documents are raised together."""
    documents, problems = _load_each(project)
    if problems:
        raise DubenError(problems)
    return documents


def load_content(project: Project, parsed: dict[str, LoadedDocument] | None = None,
                 glossaries: dict[str, Glossary] | None = None
                 ) -> tuple[Glossary | None, list[LoadedDocument], list[Problem]]:
    """The glossary and every document that load, and every error found anywhere (nothing raised).

    The one place that reads all editor content: the build refuses on any error,
    ``duben check`` reports them alongside the warnings.
    """
    # Nothing is read while a link is anywhere an editor's file could be: it could point anywhere.
    linked = link_problems(project.root)
    if linked:
        return None, [], linked
    problems: list[Problem] = []
    glossary: Glossary | None = None
    try:
        glossary = load_glossary(project, glossaries)
    except DubenError as exc:
        problems.extend(exc.problems)
    documents, found = _load_each(project, parsed)
    return glossary, documents, problems + found


def load_glossary(project: Project, parsed: dict[str, Glossary] | None = None) -> Glossary:
    """The glossary from ``content/glossary/*.yml``, each file read once; its digest is of those bytes.

    ``parsed`` (``mkdocs serve``): the glossary read before, by digest; the same bytes are not parsed again.
    """
    folder = project.glossary
    rel = _rel(folder, project.root)
    files = {n: b for n, b in read_folder(folder, rel).items() if n.endswith(".yml")} if folder.is_dir() else {}
    made_from = digest(files)
    if parsed is not None and made_from in parsed:
        return parsed[made_from]
    texts, problems = [], []
    for name, data in files.items():
        try:
            texts.append((name.removesuffix(".yml"), yaml_text(data, f"{rel}/{name}"), f"{rel}/{name}"))
        except DubenError as exc:
            problems.extend(exc.problems)
    try:
        glossary = build_glossary(texts)
    except DubenError as exc:
        problems.extend(exc.problems)
    if problems:
        raise DubenError(problems)
    glossary = replace(glossary, digest=made_from)
    if parsed is not None:
        parsed.clear()  # the last one only
        parsed[glossary.digest] = glossary
    return glossary


def write_atomic(path: Path, text: str) -> bool:
    """Write text if it differs from what is there; return True when written."""
    data = text.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return False
    replace_file(path, data)
    return True


def sync_tree(out: Path, pages: dict[str, str], managed: tuple[str, ...] = paths.GENERATED,
              keep: set[str] | frozenset[str] = frozenset(), synced: dict[str, int] | None = None) -> list[str]:
    """Make the managed folders of ``out`` hold exactly ``pages`` (and the files in ``keep``, known
    to be up to date already).

    Changed files are written, stale ones deleted; nothing outside ``managed``
    is touched (hand-written pages live beside them). ``synced`` (``mkdocs serve``):
    the ``hash()`` of every file this process last left in the managed folders, by path;
    a page whose text hashes the same is not read back, and the stale files are known
    without listing the folders (a library's thousands of files: a third of an edit's wait).
    It is brought up to date.
    """
    if synced:
        written = []
        for rel, text in sorted(pages.items()):
            if synced.get(rel) != (made := hash(text)):
                if write_atomic(out / rel, text):
                    written.append(rel)
                synced[rel] = made
        for rel in sorted(set(synced) - set(pages) - set(keep)):
            _remove(out, rel)
            del synced[rel]
        return written
    written = [rel for rel, text in sorted(pages.items()) if write_atomic(out / rel, text)]
    for folder in managed:
        top = out / folder
        if not top.is_dir():
            continue
        for path in sorted(top.rglob("*"), reverse=True):
            rel = path.relative_to(out).as_posix()
            if path.is_file() and rel not in pages and rel not in keep:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    if synced is not None:  # the first build of a serve: every file there now is one of these
        synced.update((rel, hash(text)) for rel, text in pages.items())
    return written


def _remove(out: Path, rel: str) -> None:
    """Delete ``out/rel`` and the folders it leaves empty (up to, not including, its managed folder)."""
    path = out / rel
    path.unlink(missing_ok=True)
    for parent in path.parents:
        if parent == out or parent.parent == out or any(parent.iterdir()):
            break
        parent.rmdir()
