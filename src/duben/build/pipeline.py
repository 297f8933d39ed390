"""The build: ``content/`` in, generated pages under ``docs/`` out (used by the hook and the CLI).

:func:`build` runs the stages the package map in :mod:`duben` lists: load
every editor file (:mod:`duben.build.project`), split the documents into
cached and to-generate (:mod:`duben.build.cache`), generate the rest one
article per call, in workers or in this process (:mod:`duben.build.workers`),
then the glossary pages from every term occurrence, and write the result.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from duben import paths
from duben.build.cache import PageCache, code_fingerprint, document_key
from duben.build.project import (
    LoadedDocument,
    Project,
    digest,
    document_dirs,
    load_content,
    load_document,
    load_glossary,
    read_folder,
    sync_tree,
)
from duben.build.workers import Pool
from duben.content.consistency import term_mismatches
from duben.content.glossary import Glossary, attribution_warnings
from duben.errors import DubenError, Problem, Severity
from duben.model import Occurrence, Sandhi, by_term
from duben.site.search import SearchMemo

if TYPE_CHECKING:  # jieba's module costs 0.1 s to import, which a build served from the cache skips
    from duben.language.segment import Segmenter

Pages = dict[str, str]
Part = tuple[Pages, list[Occurrence]]


@dataclass(frozen=True)
class BuildResult:
    documents: list[LoadedDocument]
    glossary: Glossary
    written: list[str]
    regenerated: list[str] = field(default_factory=list)  # slugs generated anew (not from the cache)

    @property
    def warnings(self) -> list[Problem]:
        return [w for d in self.documents for w in d.warnings]


class Call(NamedTuple):
    """One unit of generation: one article of a document (and, for its first, the document's index)."""

    loaded: LoadedDocument
    glossary: Glossary
    sandhi: Sandhi
    articles: list[str]
    with_index: bool


#: A worker's paragraph readings, kept between its calls (see ``duben.site.generate.ReadingsMemo``).
_READINGS: dict[tuple[str, str], tuple[list[str], list[list[Any]]]] = {}


def _generate_call(segmenter: Segmenter, call: Call) -> Part:
    from duben.site.generate import document_pages  # on demand: a build served from the cache never loads it

    return document_pages(call.loaded.document, sandhi=call.sandhi, translations=call.loaded.translations,
                          glossary=call.glossary, articles=call.articles, index=call.with_index,
                          credits=call.loaded.credits, segmenter=segmenter, memo=_READINGS)


def _glossary_share(segmenter: Segmenter, glossary: Glossary, occurrences: list[Occurrence],
                    part: tuple[int, int], only: frozenset[str] | None = None, index: bool = True) -> Pages:
    from duben.site.generate import glossary_pages

    return glossary_pages(glossary, occurrences, part, segmenter, only, index)


def warm_up() -> None:
    """Load in a worker everything generation needs but jieba (which the build process answers for)."""
    from duben.language import dictionary, g2p

    dictionary.lookup("发展")
    dictionary.hsk_level("发展")
    g2p.model()


def new_pool() -> Pool:
    """Workers that load the engine once and then serve every build of a process (``mkdocs serve``)."""
    return Pool(warm_up)


class Runner:
    """Runs ``function(segmenter, *args)`` for each call: in ``pool``'s workers, or here without one."""

    def __init__(self, segmenter: Segmenter, pool: Pool | None) -> None:
        self.segmenter, self.pool = segmenter, pool

    def map(self, function: Callable[..., Any], calls: Sequence[tuple[Any, ...]]) -> list[Any]:
        if self.pool is None:
            return [function(self.segmenter, *args) for args in calls]
        self.pool.grow(min(os.cpu_count() or 1, len(calls)))
        return self.pool.map(function, calls, self.segmenter)

    @property
    def shares(self) -> int:
        return len(self.pool) if self.pool is not None else 1


@dataclass(frozen=True)
class Synced:
    """A document as the last build of this process left it in ``docs/``: under ``mkdocs serve``,
    a document whose key is unchanged is neither read from the cache nor written again."""

    key: str
    occurrences: list[Occurrence]
    paths: tuple[str, ...]


@dataclass
class GlossaryMemo:
    """The glossary pages ``mkdocs serve`` made last, with what they were made from: an edit that
    changes where a few terms occur makes those terms' pages again, not all of them."""

    made_from: tuple[str, str] = ("", "")  # the glossary's digest and the tone policy
    by_term: dict[str, list[Occurrence]] = field(default_factory=dict)
    pages: Pages = field(default_factory=dict)


@dataclass
class Memo:
    """What ``mkdocs serve`` keeps between builds: documents as parsed (by folder, with the digest of
    their files) and as synced to ``docs/`` (by slug, with their cache key). Both are keyed by
    what they were made from, so a build with a memo gives what one without would."""

    parsed: dict[str, LoadedDocument] = field(default_factory=dict)
    glossary: dict[str, Glossary] = field(default_factory=dict)  # by digest
    synced: dict[str, Synced] = field(default_factory=dict)
    files: dict[str, int] = field(default_factory=dict)  # the generated files in docs/ (see sync_tree)
    cache: dict[str, tuple[str, Part]] = field(default_factory=dict)  # PageCache's memory
    search: SearchMemo = field(default_factory=SearchMemo)
    terms: GlossaryMemo = field(default_factory=GlossaryMemo)


def _split_cached(documents: Sequence[LoadedDocument], cache: PageCache | None,
                  keys: dict[str, str], memo: dict[str, Synced] | None = None
                  ) -> tuple[dict[str, Part], list[LoadedDocument]]:
    found: dict[str, Part] = {}
    todo = []
    for loaded in documents:
        slug = loaded.document.slug
        if memo is not None and slug in memo and memo[slug].key == keys.get(slug):
            found[slug] = ({}, memo[slug].occurrences)  # its pages are in docs/ already
            continue
        hit = cache.get(slug, keys[slug]) if cache else None
        if hit is None:
            todo.append(loaded)
        else:
            found[slug] = hit
    return found, todo


def _generate(todo: Sequence[LoadedDocument], glossary: Glossary, sandhi: Sandhi, runner: Runner) -> dict[str, Part]:
    # One call per article, so that even one document keeps every worker busy
    # (every document has one: a source without text is refused).
    calls = [Call(loaded, glossary, sandhi, [article.slug], n == 0)
             for loaded in todo for n, article in enumerate(loaded.document.articles)]
    results: dict[str, Part] = {loaded.document.slug: ({}, []) for loaded in todo}
    for call, (pages, occurrences) in zip(calls, runner.map(_generate_call, [(c,) for c in calls]), strict=True):
        slug_pages, slug_found = results[call.loaded.document.slug]  # calls are in article order
        slug_pages.update(pages)
        slug_found.extend(occurrences)
    return results


def _glossary_pages(glossary: Glossary, occurrences: list[Occurrence], sandhi: Sandhi, cache: PageCache | None,
                    runner: Runner, memo: GlossaryMemo | None = None) -> Pages:
    key = _glossary_key(glossary, occurrences, sandhi)
    hit = cache.get("_glossary", key) if cache else None
    grouped = by_term(occurrences) if memo is not None else {}
    shares = runner.shares
    if hit is not None:
        pages = hit[0]
    elif memo is not None and memo.made_from == (glossary.digest, sandhi):
        changed = frozenset(t.id for t in glossary.terms if grouped.get(t.id, []) != memo.by_term.get(t.id, []))
        counts = any(len(grouped.get(t, [])) != len(memo.by_term.get(t, [])) for t in changed)
        pages = dict(memo.pages)
        # A few terms: one call, given only their occurrences unless the index's counts changed.
        mine = occurrences if counts else [o for o in occurrences if o.term_id in changed]
        if changed:
            pages.update(runner.map(_glossary_share, [(glossary, mine, (0, 1), changed, counts)])[0])
    else:
        pages = {}
        for share in runner.map(_glossary_share, [(glossary, occurrences, (i, shares)) for i in range(shares)]):
            pages.update(share)
    if cache and hit is None:
        cache.put("_glossary", key, pages, [])
    if memo is not None:
        memo.made_from, memo.by_term, memo.pages = (glossary.digest, sandhi), grouped, pages
    return pages


def generate_all(documents: list[LoadedDocument], glossary: Glossary, *, sandhi: Sandhi = Sandhi.CITATION,
                 cache: PageCache | None = None, keys: dict[str, str] | None = None,
                 pool: Pool | None = None, memo: dict[str, Synced] | None = None,
                 search: SearchMemo | None = None, terms: GlossaryMemo | None = None) -> tuple[Pages, list[str]]:
    """Every generated page, keyed by path relative to ``docs/``, and the slugs generated anew.

    Documents found in ``cache`` under their ``keys`` are not generated again;
    the rest are generated in ``pool``'s workers, or in this process without one.
    With a ``memo`` (see :class:`Synced`), documents it holds under the same key
    are left out of the pages (they are in ``docs/`` already); the memo is
    brought up to date for the others; ``search``: see :class:`~duben.site.search.SearchMemo`;
    ``terms``: see :class:`GlossaryMemo`.
    """
    from duben.language.segment import knowing

    keys = keys or {}
    memo = memo if keys else None
    found, todo = _split_cached(documents, cache if keys else None, keys, memo)
    runner = Runner(knowing(glossary.form_index()), pool if todo else None)
    generated = _generate(todo, glossary, sandhi, runner)
    if cache and keys:
        for slug, (new_pages, new_found) in generated.items():
            cache.put(slug, keys[slug], new_pages, new_found)
    found.update(generated)
    pages: Pages = {}
    occurrences: list[Occurrence] = []
    for loaded in documents:  # document order, whatever came from where
        slug = loaded.document.slug
        part_pages, part_found = found[slug]
        pages.update(part_pages)
        occurrences.extend(part_found)
        if memo is not None and part_pages:
            memo[slug] = Synced(keys[slug], part_found, tuple(part_pages))
    pages.update(_glossary_pages(glossary, occurrences, sandhi, cache if keys else None, runner, terms))
    pages.update(_search_files(documents, cache if keys else None, search))
    pages.update(_shared_words(cache if keys else None))
    return pages, list(generated)


def _shared_words(cache: PageCache | None) -> Pages:
    """The HSK words' data, shared by every page: depends on duben (and its dictionaries) alone."""
    from duben.site.generate import shared_words

    hit = cache.get("_words", code_fingerprint()[:32]) if cache else None
    if hit is not None:
        return hit[0]
    files = shared_words()
    if cache:
        cache.put("_words", code_fingerprint()[:32], files, [])
    return files


def _search_files(documents: list[LoadedDocument], cache: PageCache | None, memo: SearchMemo | None) -> Pages:
    """The library's search index, in two cached parts: the Chinese shards (made again only when a
    Chinese text changed: they are most of the work) and the rest (when the English or the
    library's shape changed). A note's edit changes neither."""
    from duben.site.search import index_keys, library_paragraphs, other_files, zh_files

    docs, pages, paragraphs = library_paragraphs([(d.document, d.translations) for d in documents])
    zh_key, every_key = (hashlib.sha256(f"{code_fingerprint()} {k}".encode()).hexdigest()[:32]
                         for k in index_keys(docs, pages, paragraphs))
    hit = cache.get("_search_zh", zh_key) if cache else None
    chinese = hit[0] if hit is not None else zh_files(paragraphs, memo)
    if cache and hit is None:
        cache.put("_search_zh", zh_key, chinese, [])
    rest = cache.get("_search", every_key) if cache else None
    if rest is not None:
        return {**chinese, **rest[0]}
    files = other_files(docs, pages, paragraphs, chinese, memo)
    if cache:
        cache.put("_search", every_key, files, [])
    return {**chinese, **files}


def _glossary_key(glossary: Glossary, occurrences: list[Occurrence], sandhi: Sandhi) -> str:
    """The glossary pages depend on the terms, where they occur, and duben itself."""
    digest = hashlib.sha256(f"{code_fingerprint()} {glossary.digest} {sandhi}".encode())
    for o in occurrences:  # field by field: asdict() of tens of thousands took seconds
        digest.update("\0".join((o.term_id, o.doc, o.article, o.article_title, o.block_id, o.snippet_html,
                                  o.official_en, o.doc_title, "")).encode())
    return digest.hexdigest()[:32]


def _guess_keys(project: Project, sandhi: Sandhi) -> dict[str, str]:
    """Cache key of every document folder, by slug, from the files as they are now (for :func:`prestart`).

    Only a guess of which documents will be generated: :func:`build` keys
    each document by the bytes it actually read.
    """
    glossary = {n: b for n, b in read_folder(project.glossary, paths.GLOSSARY).items() if n.endswith(".yml")} \
        if project.glossary.is_dir() else {}
    return {folder.name: document_key(digest(read_folder(folder, f"{paths.TEXTS}/{folder.name}")),
                                      digest(glossary), sandhi)
            for folder in document_dirs(project)}


def prestart(root: Path, pool: Pool, sandhi: Sandhi = Sandhi.CITATION) -> None:
    """Start ``pool``'s workers now if pages will have to be generated.

    The hook calls this at MkDocs' startup: the workers load the engine while
    MkDocs loads its plugins and the build loads jieba. Only cache keys are
    computed (hashes of files) and only documents missing from the cache are
    read, so a build with nothing to generate pays next to nothing for asking.
    A wrong guess costs an idle worker at most; :func:`build` starts what is
    still missing.
    """
    jobs = os.cpu_count() or 1
    if jobs < 2:
        return
    project = Project(root)
    try:
        cache = PageCache(project.cache)
        missing = [slug for slug, key in _guess_keys(project, sandhi).items() if not cache.has(slug, key)]
        # Only documents to generate are read, to count their articles (one worker each).
        articles = sum(len(load_document(project.texts / slug, project.root).document.articles) for slug in missing)
    except Exception:  # only a guess: build() meets the same problem and reports it
        return
    if articles:
        pool.grow(min(jobs, articles))


def build(root: Path, *, sandhi: Sandhi = Sandhi.CITATION, pool: Pool | None = None,
          memo: Memo | None = None) -> BuildResult:
    """Generate every page (in ``pool``'s workers if given). Nothing is written unless all content loads.

    ``memo``: what the last build of this process wrote (``mkdocs serve`` keeps it), so that an
    edit costs the documents it touches, not a read of the whole library.
    """
    project = Project(root)
    glossary, documents, problems = load_content(project, memo.parsed if memo else None,
                                                 memo.glossary if memo else None)
    if problems or glossary is None:
        raise DubenError(problems)
    keys = {d.document.slug: document_key(d.digest, glossary.digest, sandhi) for d in documents}
    synced = memo.synced if memo else None
    unchanged = {s for s, k in keys.items() if synced is not None and s in synced and synced[s].key == k}
    cache = PageCache(project.cache, memo.cache if memo else None)
    pages, regenerated = generate_all(documents, glossary, sandhi=sandhi, cache=cache, keys=keys, pool=pool,
                                      memo=synced, search=memo.search if memo else None,
                                      terms=memo.terms if memo else None)
    kept = {path for slug in unchanged for path in synced[slug].paths} if synced is not None else set()
    written = sync_tree(project.docs, pages, keep=kept, synced=memo.files if memo else None)
    return BuildResult(documents, glossary, written, regenerated)


def fill_cache(root: Path, shard: tuple[int, int], *, sandhi: Sandhi = Sandhi.CITATION,
               pool: Pool | None = None) -> list[str]:
    """Generate the ``k``-th of ``n`` shares of the documents into ``build/cache`` only (``duben build
    --shard k/n``), and return their slugs.

    A document's pages depend on its folder, the glossary and duben alone, so the
    shares are independent: n CI jobs can each fill a cache and a last job, given
    all of them, builds the site with nothing left to generate.
    """
    from duben.language.segment import knowing

    index, count = shard
    project = Project(root)
    glossary, documents, problems = load_content(project)
    if problems or glossary is None:
        raise DubenError(problems)
    mine = [d for n, d in enumerate(documents) if n % count == index]
    keys = {d.document.slug: document_key(d.digest, glossary.digest, sandhi) for d in mine}
    cache = PageCache(project.cache)
    _, todo = _split_cached(mine, cache, keys)
    runner = Runner(knowing(glossary.form_index()), pool if todo else None)
    for slug, (pages, occurrences) in _generate(todo, glossary, sandhi, runner).items():
        cache.put(slug, keys[slug], pages, occurrences)
    return [d.document.slug for d in mine]


def check(root: Path, *, readings: bool = True) -> list[Problem]:
    """``duben check``: every problem in every editor file, the translations against the glossary,
    and (``readings``) each document's review list of doubtful readings, as notes."""
    from duben.content.review import review
    from duben.language.segment import knowing

    project = Project(root)
    glossary, documents, problems = load_content(project)
    problems.extend(w for loaded in documents for w in loaded.warnings)
    if glossary is not None:
        problems.extend(attribution_warnings(glossary))
        segmenter = knowing(glossary.form_index())
        problems.extend(term_mismatches([(d.document, d.translations) for d in documents], glossary,
                                        segmenter.segment))
        if readings:
            for loaded in documents:
                listed = review(loaded.document, segmenter, project.second_reader)
                problems.extend(listed)
                left = [p for p in listed if p.line is not None]
                if loaded.document.meta.readings_reviewed and left:
                    problems.append(Problem(f"{paths.TEXTS}/{loaded.document.slug}/meta.yml", None,
                                            f"readings_reviewed: true, but the review list has {len(left)} "
                                            "reading(s) left (listed above); confirm or fix them in readings:",
                                            severity=Severity.WARNING))
    return problems


def review_document(root: Path, slug: str) -> list[Problem]:
    """``duben review <slug>``: the document's doubtful readings (its errors, if it does not load)."""
    from duben.content.review import review
    from duben.language.segment import knowing

    project = Project(root)
    folder = project.texts / slug
    if not folder.is_dir():
        raise DubenError(Problem(paths.TEXTS, None, f"no document '{slug}' (no folder {paths.TEXTS}/{slug}/)"))
    glossary = load_glossary(project)
    return review(load_document(folder, project.root).document, knowing(glossary.form_index()),
                  project.second_reader)
