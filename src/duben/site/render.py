"""Annotated values → HTML fragments and Markdown pages (pure functions).

Markup contract (other checks rely on it):

* a Chinese paragraph carries ``lang="zh-Hans"``, an English one ``lang="en"``;
* each paragraph pair has a stable ``id`` and a visible permalink;
* one ``<ruby>`` per word: the word's characters, then one ``<rt>`` with its
  syllables separated by spaces (a run of digits reads as its number: 75 qī shí
  wǔ). A word's pinyin sits over the word as a whole, which keeps the word's
  characters at their natural width and together on one line (README,
  "Typography"); the page script wraps each syllable for tone colours. CSS
  makes it unselectable so copying Chinese copies no pinyin; the search index
  is made from the text, never from the page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, NamedTuple

from duben.content.translation import Credit, Entry
from duben.language.han import is_han
from duben.model import RAW_MARK, Article, Block, Document, Role, Status
from duben.site.richtext import to_inline_prose

if TYPE_CHECKING:  # the engine's modules load pypinyin (0.4 s); the home page's list needs none of it
    from duben.language.pinyin import Reading

RT_OPEN = "<rt>"

ROLE_LABELS = {
    "title": "Title",
    "subtitle": "Subtitle",
    "dateline": "Dateline",
    "source": "Source",
    "byline": "Byline",
    "salutation": "Salutation",
}
STATUS_LABELS = {"official": "official translation", "outdated": "outdated: the Chinese changed"}


def _marks(syllable: str) -> str:
    from duben.language.dictionary import to_marks  # see the TYPE_CHECKING import above

    return to_marks(syllable)


def ruby_word(readings: Sequence[Reading], level: int | None = None, word: str | None = None) -> str:
    """One word: its annotated characters in one <ruby> with one <rt>, anything else as plain text.

    ``level`` is the word's HSK level; it becomes a class (``h1``…``h7``) so the
    reader can hide pinyin for words at or below a level it chooses.

    ``word`` is given when these readings are not the whole word in one <ruby> (a
    span boundary splits it, or it holds plain text: 互联网+): the word's first <ruby>
    names it (``data-w="互联网+"``) and each later one is marked a continuation
    (``data-w=""``), so the page script knows the segmenter's word, not just the
    pieces (the vocabulary export lists 互联网+, once).
    """
    out: list[str] = []
    bases: list[str] = []
    syllables: list[str] = []
    unknown = False
    names = [word]  # what the next <ruby> of this word says in data-w

    def flush() -> None:
        nonlocal unknown
        if bases:
            name = names[0]
            attrs = (f' class="h{level}"' if level else "") + ("" if name is None else f' data-w="{escape(name)}"')
            # No dictionary knows a character (rare Extension B–G): say so, in its place.
            rt = '<rt class="db-unknown" title="reading unknown">' if unknown else RT_OPEN
            out.append(f"<ruby{attrs}>{escape(''.join(bases))}{rt}{' '.join(syllables)}</rt></ruby>")
            bases.clear()
            syllables.clear()
            unknown = False
            if name:
                names[0] = ""

    for reading in readings:
        if reading.syllables:
            bases.append(reading.base)
            syllables.extend(_marks(s) for s in reading.syllables)
        elif is_han(reading.base):
            bases.append(reading.base)
            syllables.append("?")
            unknown = True
        else:
            flush()
            out.append(escape(reading.base))
    flush()
    return "".join(out)


def _in_one_ruby(readings: Sequence[Reading]) -> bool:
    """Whether a word renders as one <ruby> holding all of it (no plain text inside)."""
    return all(r.syllables or is_han(r.base) for r in readings)


@dataclass(frozen=True)
class Span:
    """Markup around characters ``start``..``end`` of a paragraph (a term link, a note quote)."""

    start: int
    end: int
    open: str
    close: str


def nestable(spans: Sequence[Span]) -> list[Span]:
    """Drop spans that cross an earlier one, so the HTML nests properly."""
    kept: list[Span] = []
    for span in spans:
        if all(span.end <= k.start or span.start >= k.end or (k.start <= span.start and span.end <= k.end)
               or (span.start <= k.start and k.end <= span.end) for k in kept):
            kept.append(span)
    return kept


def ruby_text(words: Sequence[Sequence[Reading]], spans: Sequence[Span] = (),
              levels: Sequence[int | None] | None = None) -> str:
    """Words → ruby HTML, with spans (already nestable) wrapped around exact characters.

    A span boundary inside a word splits that word's <ruby> in two, so the
    markup covers exactly the characters it names.
    """
    levels = levels or [None] * len(words)
    if not spans:
        return "".join(ruby_word(w, lv, None if _in_one_ruby(w) else "".join(r.base for r in w))
                       for w, lv in zip(words, levels, strict=True))
    ordered = sorted(spans, key=lambda s: (s.start, -(s.end - s.start)))
    boundaries = {s.start for s in spans} | {s.end for s in spans}
    out: list[str] = []
    open_stack: list[Span] = []
    pending = list(ordered)

    def at(offset: int) -> None:
        while open_stack and open_stack[-1].end == offset:
            out.append(open_stack.pop().close)
        while pending and pending[0].start == offset:
            span = pending.pop(0)
            out.append(span.open)
            open_stack.append(span)

    offset = 0
    for word, level in zip(words, levels, strict=True):
        text = "".join(r.base for r in word)
        split = any(offset < b < offset + len(text) for b in boundaries)
        name: str | None = None if not split and _in_one_ruby(word) else text
        piece: list[Reading] = []
        for reading in word:
            if offset in boundaries:
                html = ruby_word(piece, level, name)
                out.append(html)
                if name and "<ruby" in html:
                    name = ""  # the word's first <ruby> is written: the rest continue it
                piece = []
                at(offset)
            piece.append(reading)
            offset += len(reading.base)
        out.append(ruby_word(piece, level, name))
    at(offset)
    while open_stack:
        out.append(open_stack.pop().close)
    return "".join(out)


def sentence_attrs(key: str) -> str:
    """Attributes of one aligned sentence, the same on both sides: the page script pairs them."""
    return f'class="db-s" data-s="{key}" tabindex="0"'


def english_html(entry: Entry | None, notes: Sequence[tuple[str, int]] = (), block_id: str = "") -> str:
    """The English side: translated HTML with note markers, or a pending state.

    ``notes`` are (note id, number) in the order of their quotes; the note's
    text is shown from the notes list by the page script. An entry with
    sentence alignment has each English sentence in a span paired with its
    Chinese one (``data-s``).
    """
    if entry is None or entry.english is None:
        return (
            '<div class="db-en db-pending" lang="en" data-status="missing">'
            '<p><em data-search-exclude>Translation pending.</em></p></div>'
        )
    markers = "".join(
        f'<a class="db-note-ref" href="#{note_id}" id="ref-{note_id}" aria-label="Note {number}">{number}</a>'
        for note_id, number in notes
    )
    if entry.sentences and entry.status != Status.OUTDATED:
        body = " ".join(f'<span {sentence_attrs(f"{block_id}-{n}")}>{to_inline_prose(s.english)}</span>'
                        for n, s in enumerate(entry.sentences, start=1) if s.english)
    else:
        body = to_inline_prose(entry.english)
    if markers:
        body += f' <sup class="db-note-refs" data-search-exclude>{markers}</sup>'
    status = escape(entry.status)
    label = escape(STATUS_LABELS.get(entry.status, entry.status))
    badge = f'<span class="db-status" data-search-exclude>{label}</span>' if entry.status != Status.OFFICIAL else ""
    return f'<div class="db-en" lang="en" data-status="{status}"><p>{body}</p>{badge}</div>'


HEADING_TAGS = {2: "h2", 3: "h3", 4: "h4"}


def pair_html(block: Block, zh_html: str, english: str, first_title: bool = True) -> str:
    """A paragraph pair: permalink, Chinese, English. One line, so Markdown keeps it raw.

    Only an article's first title is its ``<h1>``; section heads are
    ``<h2>``–``<h4>`` and make the page's table of contents.
    """
    label = ROLE_LABELS.get(block.role) or (f"Section {block.id[1:]}" if block.role == Role.HEADING
                                            else f"Paragraph {block.id[1:]}")
    anchor_text = block.id[1:] if block.role == Role.BODY else "¶"
    if block.role == Role.TITLE and first_title:
        tag = "h1"
    elif block.role == Role.HEADING:
        tag = HEADING_TAGS.get(block.level, "h2")
    else:
        tag = "p"
    return (
        f'<div class="db-pair db-{block.role}" id="{block.id}">'
        f'<a class="db-anchor" href="#{block.id}" '
        f'aria-label="Link to {label.lower()}" data-search-exclude>{anchor_text}</a>'
        f'<{tag} class="db-zh" lang="zh-Hans">{zh_html}</{tag}>'
        f"{english}</div>"
    )


class ArticleNote(NamedTuple):
    """A translator's note as listed at the end of its article."""

    id: str  # note-3: its anchor
    number: int
    block_id: str  # the paragraph it explains
    quote: str  # the Chinese words it is about
    html: str  # its text, rendered


def notes_section(notes: Sequence[ArticleNote]) -> str:
    """All notes at the end of the article, each linking back to its paragraph."""
    if not notes:
        return ""
    items = "".join(
        f'<li id="{note_id}" value="{number}">'
        f'<span class="db-note-quote" lang="zh-Hans">{escape(quote)}</span> '
        f'{html} <a class="db-backref" href="#ref-{note_id}" aria-label="back to {escape(block_id)}">'
        f"↩ {escape(block_id)}</a></li>"
        for note_id, number, block_id, quote, html in notes
    )
    return f'<section class="db-notes" lang="en"><h2 id="notes">Translator’s notes</h2><ol>{items}</ol></section>'


def front_matter_str(text: str) -> str:
    """A front-matter string that is safe in HTML: MkDocs puts page titles into
    <title>, the navigation and meta tags without escaping them."""
    text = escape(" ".join(text.split()))
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def credit_html(credit: Credit | None) -> str:
    """Who made the English, under the article's facts line."""
    if credit is None:
        return ""
    text = to_inline_prose(credit.credit)
    if credit.url:
        text += f' (<a href="{escape(credit.url)}">original</a>)'
    return f'<p class="db-credit" lang="en" data-search-exclude>English: {text}</p>'


def article_page(document: Document, article: Article, pairs: Sequence[str], notes: str = "",
                 credit: Credit | None = None, readings_reviewed: bool = False) -> str:
    """The Markdown page of one article: front matter, metadata line, pairs.

    ``readings_reviewed``: meta.yml says so, and ``duben check`` holds it to an empty review list.
    """
    meta = document.meta
    title_en = document.title_en(article.slug)
    facts = []
    if meta.date:
        facts.append(f'<span class="db-date">{escape(meta.date)}</span>')
    if meta.publisher:
        facts.append(f'<span class="db-publisher">{escape(meta.publisher)}</span>')
    has_sections = any(b.role == Role.HEADING for b in article.blocks)
    if meta.speaker:
        facts.append(f'<span class="db-speaker" lang="zh-Hans">{escape(meta.speaker)}</span>')
    if readings_reviewed:
        facts.append('<span class="db-readings-reviewed" title="No reading of this page is left on its review '
                     'list (duben review)">pinyin reviewed</span>')
    lines = [
        "---",
        # A one-article document's page is the document: its label tells same-titled reports
        # apart (政府工作报告（2018）) in the browser's tab, the header and search results.
        f"title: {front_matter_str(document.label if len(document.articles) == 1 else article.title)}",
        *([f"description: {front_matter_str(str(title_en))}"] if title_en else []),
        # The table of contents lists the sections (the hook builds it from the headings).
        *([] if has_sections else ["hide:", "  - toc"]),
        "---",
        "",
        f'<div class="db-article" data-duben-article {RAW_MARK}>',
    ]
    if facts:
        lines.append(f'<p class="db-facts" lang="en">{" · ".join(facts)}</p>')
    if credit is not None:
        lines.append(credit_html(credit))
    lines.extend(pairs)
    if notes:
        lines.append(notes)
    lines.append("</div>")
    lines.append("")
    return "\n".join(lines)


def document_index(document: Document, article_titles: Sequence[tuple[str, str, str | None]]) -> str:
    """A document's landing page: its articles with Chinese and English titles."""
    meta = document.meta
    title = meta.title or (article_titles[0][1] if article_titles else document.slug)
    parts = ["---", f"title: {front_matter_str(title)}", "---", "", f'<h1 lang="zh-Hans">{escape(title)}</h1>', ""]
    if meta.title_en:
        parts += [f'<p lang="en"><em>{escape(meta.title_en)}</em></p>', ""]
    for slug, zh, en in article_titles:
        english = f" — {md_text(en)}" if en else ""
        parts.append(f"- [{md_text(zh)}]({slug}.md){{ lang=zh-Hans }}{english}")
    parts.append("")
    return "\n".join(parts)


def md_text(text: str) -> str:
    """Editor text placed in generated Markdown: HTML-escaped and Markdown-inert."""
    return re.sub(r"([\\`*_\[\]{}<>#|!])", r"\\\1", escape(text, quote=False))


def _newest_first(documents: Sequence[Document]) -> list[Document]:
    return sorted(documents, key=lambda d: (d.meta.date or "", d.slug), reverse=True)


def _target(doc: Document) -> str:
    return "index" if len(doc.articles) > 1 else doc.articles[0].slug


def library_list(documents: Sequence[Document], newest: int = 10) -> str:
    """Markdown list of the newest documents, for the home page, and a link to the library."""
    lines = []
    for doc in _newest_first(documents)[:newest]:
        extra = [x for x in (doc.meta.date, doc.meta.title_en) if x]
        suffix = f" — {' · '.join(extra)}" if extra else ""
        lines.append(f"- [{md_text(doc.label)}](texts/{doc.slug}/{_target(doc)}.md){{ lang=zh-Hans }}{md_text(suffix)}")
        for article in doc.articles if len(doc.articles) > 1 else ():
            lines.append(f"    - [{md_text(article.title)}](texts/{doc.slug}/{article.slug}.md){{ lang=zh-Hans }}")
    lines += ["", f"[All {len(documents)} documents, by year, kind and tag](library.md)"]
    return "\n".join(lines) + "\n"


def library_page(documents: Sequence[Document]) -> str:
    """The library: every document by year (newest first), then kind, with its date, English title,
    publisher and articles; tag buttons and a title filter (``search.js``) narrow it down.

    One HTML block, as a Markdown page holds it: at 1,000 documents it stays one page of
    about 300 KB, where a sidebar entry per document would weigh on every page of the site.
    """
    tags = sorted({t for d in documents for t in d.meta.tags})
    counts = {t: sum(t in d.meta.tags for d in documents) for t in tags}
    out = ['<div class="db-library" markdown="0">']
    out.append('<div class="db-library-filter" hidden>')
    out.append('<input type="search" class="db-library-text" aria-label="Filter documents by title, in Chinese '
               'or English" placeholder="Filter by title">')
    if tags:
        out.append('<span class="db-library-tags" role="group" aria-label="Show documents tagged">'
                   + "".join(f'<button type="button" aria-pressed="false" data-tag="{escape(t)}">{escape(t)} '
                             f'<span class="db-library-count">{counts[t]}</span></button>' for t in tags) + "</span>")
    out.append('<p class="db-library-shown" aria-live="polite"></p></div>')
    years: dict[str, list[Document]] = {}
    for doc in _newest_first(documents):
        years.setdefault((doc.meta.date or "")[:4] or "undated", []).append(doc)
    for year, docs in years.items():
        out.append(f'<section class="db-library-year" aria-labelledby="year-{year}">'
                   f'<h2 id="year-{year}">{year}</h2>')
        kinds: dict[str, list[Document]] = {}
        for doc in docs:
            kinds.setdefault(doc.meta.kind or "other", []).append(doc)
        for kind, group in sorted(kinds.items()):
            out.append(f'<h3 class="db-library-kind">{escape(kind)}</h3><ul class="db-library-list">')
            for doc in group:
                meta = doc.meta
                text = " ".join(x for x in (doc.label, meta.title_en or "", meta.publisher or "") if x).lower()
                details = " · ".join(escape(x) for x in (meta.date, meta.title_en, meta.publisher) if x)
                out.append(f'<li data-tags="{escape(" ".join(meta.tags))}" data-text="{escape(text)}">'
                           f'<a href="texts/{doc.slug}/{_target(doc)}.html" lang="zh-Hans">{escape(doc.label)}</a>'
                           + (f' <span class="db-library-details">{details}</span>' if details else ""))
                if len(doc.articles) > 1:
                    out.append('<ul>' + "".join(
                        f'<li><a href="texts/{doc.slug}/{a.slug}.html" lang="zh-Hans">{escape(a.title)}</a>'
                        + (f' <span class="db-library-details">{escape(t)}</span>' if (t := doc.title_en(a.slug)) else "")
                        + "</li>" for a in doc.articles) + "</ul>")
                if meta.tags:
                    out.append('<span class="db-library-taglist">' + " ".join(
                        f'<span class="db-library-tag">{escape(t)}</span>' for t in meta.tags) + "</span>")
                out.append("</li>")
            out.append("</ul>")
        out.append("</section>")
    out.append("</div>")
    return "\n".join(out) + "\n"
