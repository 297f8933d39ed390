"""Document → generated Markdown pages (pure: no file access here)."""

from __future__ import annotations

from .model import Article, Document
from .pinyin import annotate
from .render import Span, article_page, document_index, english_html, notes_section, pair_html, ruby_text
from .richtext import to_html, to_plain
from .segment import segment
from .translation import Entry


def sandhi_policy(document: Document, default: str = "citation") -> str:
    return str(document.meta.get("sandhi") or default)


def article_markdown(document: Document, article: Article, *, sandhi: str,
                     entries: dict[str, Entry] | None = None) -> str:
    entries = entries or {}
    pairs = []
    all_notes: list[tuple[str, int, str, str, str]] = []
    for block in article.blocks:
        entry = entries.get(block.id)
        spans: list[Span] = []
        markers = []
        for note in entry.notes if entry else ():
            number = len(all_notes) + 1
            note_id = f"note-{number}"
            end = note.start + len(note.quote)
            if all(end <= s or note.start >= e for s, e, _ in spans):  # overlapping quotes: mark the first
                spans.append((note.start, end, note_id))
            markers.append((note_id, number, to_plain(note.text)))
            all_notes.append((note_id, number, block.id, note.quote, to_html(note.text)))
        words = annotate(segment(block.text), sandhi=sandhi)
        pairs.append(pair_html(block, ruby_text(words, spans), english_html(entry, markers)))
    return article_page(document, article, pairs, notes_section(all_notes))


def document_pages(document: Document, *, sandhi: str = "citation",
                   translations: dict[str, dict[str, Entry]] | None = None) -> dict[str, str]:
    """All pages of one document, keyed by path relative to ``docs/texts/``."""
    translations = translations or {}
    policy = sandhi_policy(document, sandhi)
    pages: dict[str, str] = {}
    titles = []
    for article in document.articles:
        pages[f"{document.slug}/{article.slug}.md"] = article_markdown(
            document, article, sandhi=policy, entries=translations.get(article.slug))
        title_en = next((a.get("title_en") for a in document.meta.get("articles", [])
                         if a.get("slug") == article.slug), None)
        titles.append((article.slug, article.title, title_en))
    pages[f"{document.slug}/index.md"] = document_index(document, titles)
    return pages


def library_list(documents: list[Document]) -> str:
    """Markdown list of all documents, for the home page."""
    lines = []
    for doc in sorted(documents, key=lambda d: (str(d.meta.get("date", "")), d.slug), reverse=True):
        title = str(doc.meta.get("title") or doc.articles[0].title)
        extra = []
        if doc.meta.get("date"):
            extra.append(str(doc.meta["date"]))
        if doc.meta.get("title_en"):
            extra.append(str(doc.meta["title_en"]))
        suffix = f" — {' · '.join(extra)}" if extra else ""
        lines.append(f"- [{title}](texts/{doc.slug}/index.md){{ lang=zh-Hans }}{suffix}")
        for article in doc.articles:
            lines.append(f"    - [{article.title}](texts/{doc.slug}/{article.slug}.md){{ lang=zh-Hans }}")
    return "\n".join(lines) + "\n"
