"""Annotated values → HTML fragments and Markdown pages (pure functions).

Markup contract (other checks rely on it):

* a Chinese paragraph carries ``lang="zh-Hans"``, an English one ``lang="en"``;
* each paragraph pair has a stable ``id`` and a visible permalink;
* one ``<ruby>`` per word, one ``<rt>`` per Han character (a run of digits gets
  one ``<rt>`` with the number's reading), so each syllable sits over its own
  character. ``<rt>`` carries ``data-search-exclude`` so Material's search
  index holds no pinyin; CSS makes it unselectable so copying Chinese copies
  no pinyin.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from .model import Article, Block, Document
from .pinyin import Reading, to_marks

RT_OPEN = "<rt data-search-exclude>"

ROLE_LABELS = {
    "title": "Title",
    "subtitle": "Subtitle",
    "dateline": "Dateline",
    "source": "Source",
    "byline": "Byline",
}


def ruby_word(readings: Sequence[Reading]) -> str:
    """One word: annotated bases inside one <ruby>, anything else as plain text."""
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            out.append("<ruby>" + "".join(run) + "</ruby>")
            run.clear()

    for reading in readings:
        if reading.syllables:
            syllables = " ".join(to_marks(s) for s in reading.syllables)
            run.append(f"{escape(reading.base)}{RT_OPEN}{syllables}</rt>")
        else:
            flush()
            out.append(escape(reading.base))
    flush()
    return "".join(out)


def ruby_text(words: Sequence[Sequence[Reading]]) -> str:
    return "".join(ruby_word(w) for w in words)


def english_html(block: Block, english: str | None) -> str:
    """The English side: translated HTML, or a clearly marked pending state."""
    if english is None:
        return (
            '<div class="db-en db-pending" lang="en" data-status="missing">'
            "<p><em>Translation pending.</em></p></div>"
        )
    return f'<div class="db-en" lang="en" data-status="draft">{english}</div>'


def pair_html(block: Block, zh_html: str, english: str | None) -> str:
    """A paragraph pair: permalink, Chinese, English. One line, so Markdown keeps it raw."""
    label = ROLE_LABELS.get(block.role) or f"Paragraph {block.id[1:]}"
    anchor_text = "¶" if block.role != "body" else block.id[1:]
    tag = "h1" if block.role == "title" else "p"
    return (
        f'<div class="db-pair db-{block.role}" id="{block.id}">'
        f'<a class="db-anchor" href="#{block.id}" title="Link to this paragraph" '
        f'aria-label="Link to {label.lower()}" data-search-exclude>{anchor_text}</a>'
        f'<{tag} class="db-zh" lang="zh-Hans">{zh_html}</{tag}>'
        f"{english_html(block, english)}</div>"
    )


def _yaml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def article_page(document: Document, article: Article, pairs: Sequence[str]) -> str:
    """The Markdown page of one article: front matter, metadata line, pairs."""
    meta = document.meta
    title_en = next((a.get("title_en") for a in meta.get("articles", []) if a.get("slug") == article.slug), None)
    facts = []
    if meta.get("date"):
        facts.append(f'<span class="db-date">{escape(str(meta["date"]))}</span>')
    if meta.get("publisher"):
        facts.append(f'<span class="db-publisher">{escape(str(meta["publisher"]))}</span>')
    lines = [
        "---",
        f"title: {_yaml_str(article.title)}",
        *([f"description: {_yaml_str(str(title_en))}"] if title_en else []),
        "hide:",
        "  - toc",
        "---",
        "",
        '<div class="db-article" data-duben-article>',
    ]
    if facts:
        lines.append(f'<p class="db-facts" lang="en">{" · ".join(facts)}</p>')
    lines.extend(pairs)
    lines.append("</div>")
    lines.append("")
    return "\n".join(lines)


def _md_link_text(text: str) -> str:
    return escape(text).replace("[", "\\[").replace("]", "\\]")


def document_index(document: Document, article_titles: Sequence[tuple[str, str, str | None]]) -> str:
    """A document's landing page: its articles with Chinese and English titles."""
    meta = document.meta
    title = str(meta.get("title") or (article_titles[0][1] if article_titles else document.slug))
    parts = ["---", f"title: {_yaml_str(title)}", "---", "", f'<h1 lang="zh-Hans">{escape(title)}</h1>', ""]
    if meta.get("title_en"):
        parts += [f'<p lang="en"><em>{escape(str(meta["title_en"]))}</em></p>', ""]
    for slug, zh, en in article_titles:
        english = f" — {_md_link_text(en)}" if en else ""
        parts.append(f"- [{_md_link_text(zh)}]({slug}.md){{ lang=zh-Hans }}{english}")
    parts.append("")
    return "\n".join(parts)
