"""MkDocs hook: run the duben generator inside ``mkdocs build`` / ``mkdocs serve``.

Thin on purpose: all logic lives in the ``duben`` package.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from duben.build import build, content_source, library_list, prestart
from duben.errors import DubenError
from duben.model import RAW_MARK, Document

log = logging.getLogger("mkdocs.hooks.duben")
LIBRARY_MARKER = "<!-- duben:library -->"
_state: dict[str, Any] = {"documents": [], "content": {}, "raw": {}}
_RT = re.compile(r"<rt>[^<]*</rt>")

# Workers start loading the pinyin engine now, while MkDocs still sets up, if
# the generation cache says pages must be made (see duben.build.prestart).
prestart(Path(__file__).resolve().parent.parent)


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def _settings(config: MkDocsConfig) -> dict[str, Any]:
    return dict(config.extra.get("duben") or {})


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    content = _root(config) / "content"
    if str(content) not in config.watch:
        config.watch.append(str(content))  # editors see their edits reload
    return config


def on_pre_build(*, config: MkDocsConfig) -> None:
    sandhi = str(_settings(config).get("sandhi", "citation"))
    try:
        result = build(_root(config), sandhi=sandhi)
    except DubenError as exc:
        for problem in exc.problems:
            log.error(str(problem))
        raise PluginError(f"duben: {len(exc.problems)} problem(s) in content/:\n{exc}") from exc
    for problem in result.warnings:
        if problem.severity == "warning":
            log.warning(str(problem))  # --strict turns these into a failed build
        else:
            log.info(str(problem))
    _state["documents"] = [loaded.document for loaded in result.documents]
    log.info("duben: %d document(s), %d page(s) regenerated", len(result.documents), len(result.written))


RAW_PLACEHOLDER = "DUBEN-RAW-PAGE"


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if markdown.startswith("<div") and RAW_MARK in markdown.partition("\n")[0]:
        # A generated article or term page is HTML from end to end: Python-Markdown
        # would only re-parse it (the slowest step of a build). Hand it over untouched.
        _state["raw"][page.file.src_uri] = markdown
        markdown = RAW_PLACEHOLDER
    source = content_source(page.file.src_uri)
    if source and config.repo_url:
        page.edit_url = f"{config.repo_url.rstrip('/')}/edit/main/{source}"
    if LIBRARY_MARKER in markdown:
        documents: list[Document] = _state["documents"]
        markdown = markdown.replace(LIBRARY_MARKER, library_list(documents))
    return markdown


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    raw = _state["raw"].pop(page.file.src_uri, None)
    return raw if raw is not None else html


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    """Keep the glossary's index in the navigation, not one entry per term."""
    for item in nav.items:
        if isinstance(item, Section) and item.title.lower() == "glossary":
            item.children = [c for c in item.children if isinstance(c, Page) and c.file.src_uri == "glossary/index.md"]
    return nav


@event_priority(100)  # before Material's search plugin reads page.content
def _hide_pinyin_from_search(context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
                             ) -> dict[str, Any]:
    if page.content and "<rt>" in page.content:
        _state["content"][page.file.src_uri] = page.content
        page.content = _RT.sub("", page.content)
    return context


@event_priority(-100)  # after it: the page itself keeps its pinyin
def _restore_pinyin(context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    original = _state["content"].pop(page.file.src_uri, None)
    if original is not None:
        page.content = original
        context["page"] = page
    return context


on_page_context = CombinedEvent(_hide_pinyin_from_search, _restore_pinyin)
