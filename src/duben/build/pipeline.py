"""One call that turns ``content/`` into generated pages under ``docs/``: used by the hook and the CLI."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from duben.build.cache import PageCache, code_fingerprint, document_key
from duben.build.project import (
    LoadedDocument,
    Project,
    digest,
    document_dirs,
    load_content,
    load_document,
    read_folder,
    sync_tree,
)
from duben.build.workers import Pool
from duben.content.glossary import Glossary
from duben.errors import DubenError, Problem
from duben.model import Occurrence
from duben.site.library import library_list


@dataclass(frozen=True)
class BuildResult:
    documents: list[LoadedDocument]
    glossary: Glossary
    written: list[str]
    regenerated: list[str] = field(default_factory=list)  # slugs generated anew (not from the cache)

    @property
    def warnings(self) -> list[Problem]:
        return [w for d in self.documents for w in d.warnings]


def _generate_part(loaded: LoadedDocument, glossary: Glossary, sandhi: str, articles: list[str],
                   index: bool) -> tuple[dict[str, str], list[Occurrence]]:
    from duben.site.generate import document_pages  # imported on demand: a build served from the cache never loads it

    return document_pages(loaded.document, sandhi=sandhi, translations=loaded.translations, glossary=glossary,
                          articles=articles, index=index, credits=loaded.credits)


def _glossary_pages(glossary: Glossary, occurrences: list[Occurrence], part: tuple[int, int] = (0, 1)
                    ) -> dict[str, str]:
    from duben.site.generate import glossary_pages

    return glossary_pages(glossary, occurrences, part)


def _warm_up() -> None:
    """Load in a worker everything generation needs but jieba (which the parent answers for)."""
    from duben.language import (
        dictionary,
        g2p,
        numbers,  # noqa: F401 - imported to be loaded
    )

    dictionary.lookup("发展")
    dictionary.hsk_level("发展")
    g2p.model()


#: Workers outlive one build: under ``mkdocs serve`` they keep the engine loaded.
_pool = Pool(_warm_up)


def generate_all(documents: list[LoadedDocument], glossary: Glossary, *, sandhi: str = "citation",
                 cache: PageCache | None = None, keys: dict[str, str] | None = None,
                 jobs: int = 1, regenerated: list[str] | None = None) -> dict[str, str]:
    """Every generated page, keyed by path relative to ``docs/``.

    Documents found in ``cache`` under their ``keys`` are not generated again.
    With ``jobs`` > 1 the rest are generated in that many worker processes
    (see :mod:`duben.build.workers`), started before jieba loads here.
    """
    results: dict[str, tuple[dict[str, str], list[Occurrence]]] = {}
    todo = []
    for loaded in documents:
        slug = loaded.document.slug
        hit = cache.get(slug, keys[slug]) if cache and keys else None
        if hit is not None:
            results[slug] = hit
        else:
            todo.append(loaded)
    # One call per article, so that even one document keeps every worker busy
    # (every document has one: a source without text is refused).
    calls = [(loaded, glossary, sandhi, [article.slug], n == 0)
             for loaded in todo for n, article in enumerate(loaded.document.articles)]
    pool = _pool if jobs > 1 and todo else None
    if pool is not None:
        pool.grow(min(jobs, len(calls)))
    # Terms become jieba words: they are matched on word boundaries, and Material's
    # search (same jieba, same process) then indexes them whole.
    from duben.language.segment import add_words  # here: importing jieba's module is 0.1 s prestart need not wait for

    add_words(glossary.form_index())
    done = pool.map(_generate_part, calls) if pool is not None else [_generate_part(*call) for call in calls]
    parts: dict[str, list[tuple[dict[str, str], list[Occurrence]]]] = {}
    for call, part in zip(calls, done, strict=True):
        parts.setdefault(call[0].document.slug, []).append(part)
    for loaded in todo:
        slug = loaded.document.slug
        found_pages: dict[str, str] = {}
        found: list[Occurrence] = []
        for part_pages, part_found in parts[slug]:  # in article order
            found_pages.update(part_pages)
            found.extend(part_found)
        results[slug] = (found_pages, found)
        if cache and keys:
            cache.put(slug, keys[slug], found_pages, found)
        if regenerated is not None:
            regenerated.append(slug)
    pages: dict[str, str] = {}
    occurrences: list[Occurrence] = []
    for loaded in documents:  # document order, whatever came from where
        found_pages, found = results[loaded.document.slug]
        pages.update(found_pages)
        occurrences.extend(found)
    glossary_key = _glossary_key(glossary, occurrences, sandhi) if cache else ""
    hit = cache.get("_glossary", glossary_key) if cache else None
    if hit is None:
        glossary_pages: dict[str, str] = {}
        if pool is not None:
            for share in pool.map(_glossary_pages, [(glossary, occurrences, (i, len(pool))) for i in range(len(pool))]):
                glossary_pages.update(share)
        else:
            glossary_pages = _glossary_pages(glossary, occurrences)
        hit = (glossary_pages, [])
        if cache:
            cache.put("_glossary", glossary_key, *hit)
    pages.update(hit[0])
    return pages


def _glossary_key(glossary: Glossary, occurrences: list[Occurrence], sandhi: str) -> str:
    """The glossary pages depend on the terms, where they occur, and duben itself."""
    data = json.dumps([[asdict(t) for t in glossary.terms], [asdict(o) for o in occurrences], sandhi],
                      ensure_ascii=False, sort_keys=True)
    return hashlib.sha256((code_fingerprint() + data).encode()).hexdigest()[:32]


def _guess_keys(project: Project, sandhi: str) -> dict[str, str]:
    """Cache key of every document folder, by slug, from the files as they are now (for :func:`prestart`).

    Only a guess of which documents will be generated: :func:`build` keys
    each document by the bytes it actually read.
    """
    glossary = {n: b for n, b in read_folder(project.glossary).items() if n.endswith(".yml")} \
        if project.glossary.is_dir() else {}
    return {folder.name: document_key(digest(read_folder(folder)), digest(glossary), sandhi)
            for folder in document_dirs(project)}


def _cache(project: Project) -> PageCache:
    return PageCache(project.root / "build" / "cache")


def prestart(root: Path, sandhi: str = "citation") -> None:
    """Start the workers now if pages will have to be generated.

    The hook calls this as MkDocs imports it, before MkDocs has finished
    loading its configuration: the workers load the engine meanwhile. Only
    cache keys are computed (hashes of files) and only documents missing from
    the cache are read, so a build with nothing to generate pays next to
    nothing for asking. A wrong guess
    costs an idle worker at most (say, a project whose mkdocs.yml sets the
    other tone policy); :func:`build` starts what is still missing.
    """
    jobs = os.cpu_count() or 1
    if jobs < 2:
        return
    project = Project(root)
    try:
        cache = _cache(project)
        missing = [slug for slug, key in _guess_keys(project, sandhi).items() if not cache.has(slug, key)]
        # Only documents to generate are read, to count their articles (one worker each).
        articles = sum(len(load_document(project.texts / slug, project.root).document.articles) for slug in missing)
    except Exception:  # only a guess: build() meets the same problem and reports it
        return
    if articles:
        _pool.grow(min(jobs, articles))


def build(root: Path, *, sandhi: str = "citation") -> BuildResult:
    """Generate every page. Nothing is written unless all content loads."""
    project = Project(root)
    glossary, documents, problems = load_content(project)
    if problems or glossary is None:
        raise DubenError(problems)
    keys = {d.document.slug: document_key(d.digest, glossary.digest, sandhi) for d in documents}
    regenerated: list[str] = []
    pages = generate_all(documents, glossary, sandhi=sandhi, cache=_cache(project),
                         keys=keys, jobs=os.cpu_count() or 1, regenerated=regenerated)
    return BuildResult(documents, glossary, sync_tree(project.docs, pages), regenerated)


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
