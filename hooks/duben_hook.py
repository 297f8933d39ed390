"""MkDocs hook: run the duben generator inside ``mkdocs build`` / ``mkdocs serve``.

Thin on purpose: all logic lives in the ``duben`` package.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from duben.build.pipeline import Memo, build, new_pool, prestart
from duben.build.workers import Pool
from duben.errors import DubenError, Severity
from duben.limits import LINK_MESSAGE, symlinks
from duben.model import RAW_MARK, Document, Sandhi
from duben.paths import GENERATED, content_source
from duben.site.render import library_list, library_page

log = logging.getLogger("mkdocs.hooks.duben")
_serve_log = logging.getLogger("duben.serve")
LIBRARY_MARKER = "<!-- duben:library -->"  # the home page: the newest documents
ALL_DOCUMENTS_MARKER = "<!-- duben:all-documents -->"  # the library page: every document


class _MemoryBytecode(jinja2.BytecodeCache):
    """Compiled theme templates, kept between the builds of ``mkdocs serve``: each build makes a
    new Jinja environment, and compiling the theme again was a fifth of an edit's wait. Jinja
    checks each entry against its template's source, so an edited template is compiled anew."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


@dataclass
class _State:
    """What the hook keeps between events and, under ``mkdocs serve``, between builds."""

    serve: bool = False
    pool: Pool | None = None  # generation workers, started at startup
    memo: Memo = field(default_factory=Memo)  # under serve: what the last build read and left in docs/
    documents: list[Document] = field(default_factory=list)  # of the last good build
    problems: list[str] = field(default_factory=list)  # of the last build, shown on every page while serving
    raw: dict[str, str] = field(default_factory=dict)  # generated HTML pages, kept away from Python-Markdown
    templates: _MemoryBytecode = field(default_factory=_MemoryBytecode)  # under serve
    titles: dict[str, str | None] = field(default_factory=dict)  # under serve: each page's, by source path


_state = _State()
_RT = re.compile(r"<rt>[^<]*</rt>")
_HEADING = re.compile(r'<div class="db-pair db-heading" id="([^"]+)">.*?<h([2-4])[^>]*>(.*?)</h\2>')
_TAG = re.compile(r"<[^>]+>")

def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def _settings(config: MkDocsConfig) -> dict[str, Any]:
    return dict(config.extra.get("duben") or {})


def on_startup(*, command: str, dirty: bool) -> None:
    _state.serve = command == "serve"
    # Workers start loading the pinyin engine now, while MkDocs loads its plugins and the
    # build loads jieba, if the generation cache says pages must be made.
    _state.pool = _state.pool or new_pool()
    prestart(Path(__file__).resolve().parent.parent, _state.pool)


def on_shutdown() -> None:
    if _state.pool is not None:
        _state.pool.close()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    content = _root(config) / "content"
    if str(content) not in config.watch:
        config.watch.append(str(content))  # editors see their edits reload
    return config


def on_serve(server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[..., None]) -> LiveReloadServer:
    """Watch docs/ but the folders the generator owns. A build writes them, and a watched write
    would start a second build at once, which every page request then waits for (MkDocs
    serves nothing mid-build); the poller would also stat their thousands of files twice a
    second. What they are made from (content/) is watched instead (:func:`on_config`)."""
    docs = Path(config.docs_dir)
    server.unwatch(str(docs))
    server.watch(str(docs), recursive=False)  # hand-written pages at the top
    for child in sorted(docs.iterdir()):
        if child.is_dir() and child.name not in GENERATED:
            server.watch(str(child))
    return server


def on_env(env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    if _state.serve:
        env.bytecode_cache = _state.templates
        # A dirty pass (make serve) reads only the pages an edit changed; the others have no title
        # until read, and the sidebar of a page rendered again said "None" for them.
        for file in files.documentation_pages():
            page = file.page
            if page is None:
                continue
            if page.markdown is not None:
                _state.titles[file.src_uri] = page.title
            elif file.src_uri in _state.titles:
                page.title = _state.titles[file.src_uri]
    return env


def on_pre_build(*, config: MkDocsConfig) -> None:
    setting = str(_settings(config).get("sandhi", Sandhi.CITATION))
    if setting not in tuple(Sandhi):
        raise PluginError(f"{config.config_file_path}: extra.duben.sandhi is '{setting}'; "
                          f"use one of: {', '.join(Sandhi)}")
    sandhi = Sandhi(setting)
    try:
        result = build(_root(config), sandhi=sandhi, pool=_state.pool, memo=_state.memo if _state.serve else None)
    except DubenError as exc:
        if _state.serve and not any(p.message == LINK_MESSAGE for p in exc.problems):
            # A preview must start and keep running while an editor's file is broken: keep
            # serving the last good pages with the problems on top of each. Logged outside
            # MkDocs' logger, whose strict mode would end the server.
            for problem in exc.problems:
                _serve_log.error("ERROR    -  %s", problem)
            _state.problems = [str(p) for p in exc.problems]
            return
        for problem in exc.problems:
            log.error(str(problem))
        raise PluginError(f"duben: {len(exc.problems)} problem(s) in content/:\n{exc}") from exc
    _state.problems = []
    # Work in progress is a normal state: pending and outdated translations are shown as such on
    # the page and listed at info level; `duben check --strict` is the gate that fails on them.
    for problem in result.warnings:
        log.info(str(problem))
    pending = sum(1 for p in result.warnings if p.severity == Severity.WARNING)
    if pending:
        log.info("duben: %d translation warning(s) (pending, outdated…); `duben check` lists them", pending)
    _state.documents = [loaded.document for loaded in result.documents]
    log.info("duben: %d document(s), %d page(s) regenerated", len(result.documents), len(result.written))


RAW_PLACEHOLDER = "DUBEN-RAW-PAGE"


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Belt and braces for the check in :func:`on_pre_build`: MkDocs follows links under docs/
    (folders too), so no file that is a link, or lies below one, reaches the site."""
    docs = Path(config.docs_dir).resolve()
    links = set(symlinks(docs))
    if not links:
        return files
    for file in list(files):
        if file.abs_src_path is None or file.src_dir is None or Path(file.src_dir).resolve() != docs:
            continue  # the theme's own files, or made in memory by a plugin
        parts = file.src_uri.split("/")
        if any("/".join(parts[:n]) in links for n in range(1, len(parts) + 1)):
            log.error("%s: %s", file.abs_src_path, LINK_MESSAGE)
            files.remove(file)
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if markdown.startswith("<div") and RAW_MARK in markdown.partition("\n")[0]:
        # A generated article or term page is HTML from end to end: Python-Markdown
        # would only re-parse it (the slowest step of a build). Hand it over untouched.
        _state.raw[page.file.src_uri] = markdown
        markdown = RAW_PLACEHOLDER
    source = content_source(page.file.src_uri)
    if source and config.repo_url:
        # edit_uri names the branch and the docs folder (edit/main/docs/); content/ sits beside docs/.
        branch = (config.edit_uri or "edit/main/docs/").rstrip("/").rsplit("/", 1)[0]
        page.edit_url = f"{config.repo_url.rstrip('/')}/{branch}/{source}"
    if _state.problems and markdown != RAW_PLACEHOLDER:
        listing = "\n".join(f"    {p}" for p in _state.problems)
        markdown = ('!!! failure "duben: content/ has problems; these pages are from the last good build"\n\n'
                    f"{listing}\n\n" + markdown)
    if LIBRARY_MARKER in markdown:
        markdown = markdown.replace(LIBRARY_MARKER, library_list(_state.documents))
    if ALL_DOCUMENTS_MARKER in markdown:
        markdown = markdown.replace(ALL_DOCUMENTS_MARKER, library_page(_state.documents))
    return markdown


def _toc_tokens(html: str) -> list[dict[str, Any]]:
    """The page's section heads (generated pages skip Python-Markdown, which would collect them)."""
    tokens: list[dict[str, Any]] = []
    stack: list[dict[str, Any]] = []
    for block_id, level, inner in _HEADING.findall(html):
        token = {"level": int(level), "id": block_id, "name": _TAG.sub("", _RT.sub("", inner)), "children": []}
        while stack and stack[-1]["level"] >= token["level"]:
            stack.pop()
        (stack[-1]["children"] if stack else tokens).append(token)
        stack.append(token)
    return tokens


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    raw = _state.raw.pop(page.file.src_uri, None)
    if raw is None:
        return html
    tokens = _toc_tokens(raw)
    if tokens:
        page.toc = get_toc(tokens)  # type: ignore[arg-type]
    return raw


_PRESERVED = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>)", re.S)
_INDENT = re.compile(r"\n\s+")


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """The theme's indentation, dropped: a newline and the spaces after it render as the newline
    alone everywhere but in <pre> and <textarea> (kept). About 5 KB of every page, 1.4 % of a
    library's site (`make bench`: bytes per Han character)."""
    parts = _PRESERVED.split(output)
    return "".join(part if n % 2 else _INDENT.sub("\n", part) for n, part in enumerate(parts))


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    """The glossary by its index only, the texts by the library page only: a sidebar entry per
    term or document would repeat on every page (at 1,000 documents, most of each page's
    weight). The library page comes right after the home page."""
    items = []
    library = None
    for item in nav.items:
        if isinstance(item, Section) and item.title.lower() == "glossary":
            item.children = [c for c in item.children if isinstance(c, Page) and c.file.src_uri == "glossary/index.md"]
        if isinstance(item, Section) and item.title.lower() == "texts":
            continue
        if isinstance(item, Page) and item.file.src_uri == "library.md":
            library = item
            continue
        items.append(item)
    if library is not None:
        items.insert(1 if items and isinstance(items[0], Page) and items[0].is_homepage else 0, library)
    nav.items = items
    return nav
