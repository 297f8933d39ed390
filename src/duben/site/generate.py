"""Documents, translations and glossary → generated Markdown pages (pure: no file access)."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from html import escape

from duben.content.glossary import Glossary, Term, find_terms
from duben.content.translation import Credit, Entry
from duben.language.dictionary import hsk_level, hsk_levels, lookup, name_capitals
from duben.language.han import is_han
from duben.language.pinyin import Override, Reading, annotate, line_syllables, to_marks, with_fixes
from duben.language.script import by_characters, character_forms, traditional_words
from duben.language.segment import Segmenter, knowing, plain
from duben.model import RAW_MARK, Article, Document, Occurrence, Role, Sandhi, Status, by_term
from duben.site.render import (
    ArticleNote,
    Span,
    article_page,
    document_index,
    english_html,
    front_matter_str,
    md_text,
    nestable,
    notes_section,
    pair_html,
    ruby_text,
    sentence_attrs,
)
from duben.site.richtext import to_html, to_inline_html, to_inline_prose, to_prose_html
from duben.site.search import IndexTerm, terms_file

GLOSSARY_DIR = "glossary"




def _json_script(element_id: str, data: object) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    safe = text.replace("</", "<\\/")  # a gloss can never close the script element
    return f'<script type="application/json" id="{element_id}">{safe}</script>'


WORDS_DIR = "words"
SHARED_WORDS = f"{WORDS_DIR}/hsk.js"
HANT_CHARS = f"{WORDS_DIR}/hant-chars.js"


def _entry(word: str) -> list[object]:
    return [hsk_level(word) or 0, [[s.pinyin, s.gloss] for s in lookup(word)]]


def word_data(words: Iterable[str]) -> dict[str, list[object]]:
    """Per-page dictionary shared by every occurrence: word → [HSK level or 0, [[pinyin, gloss], …]],
    for the words that are not in the HSK list (those are in the site's one :func:`shared_words`)."""
    data: dict[str, list[object]] = {}
    for word in words:
        if word in data or not any(is_han(ch) for ch in word) or hsk_level(word):
            continue
        data[word] = _entry(word)
    return data


def shared_words() -> dict[str, str]:
    """The HSK list's words, once for the whole site: half of every page's word data was these
    same 11,000 words (in a 200-document library, 10 bytes of site per Han character). 840 KB,
    330 KB gzipped, loaded with a page's own word data on the first click and cached after."""
    chars = json.dumps(character_forms(), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return {SHARED_WORDS: words_script({word: _entry(word) for word in hsk_levels()}),
            HANT_CHARS: f"window.dbHantChars={chars};\n"}


#: A word is one unit on the page: never split across lines. A longer one (a glossary term such as
#: 习近平新时代中国特色社会主义思想, or a long name) is shown as its parts, each a unit, so that it
#: can wrap on a phone; its term link still spans it whole.
LONG_WORD = 6


def shown_words(words: Sequence[str], readings: Sequence[Sequence[Reading]], parts: Segmenter
                ) -> tuple[list[str], list[list[Reading]]]:
    """The words as shown, with their readings: a word longer than :data:`LONG_WORD` characters
    becomes its parts as ``parts`` segments it (cut only between readings, so a number stays whole)."""
    out_words: list[str] = []
    out_readings: list[list[Reading]] = []
    for word, word_readings in zip(words, readings, strict=True):
        pieces = parts.segment(word) if len(word) > LONG_WORD else [word]
        cuts, at = set(), 0
        for piece in pieces[:-1]:
            at += len(piece)
            cuts.add(at)
        offset, start = 0, len(out_words)
        out_words.append("")
        out_readings.append([])
        for reading in word_readings:
            if offset in cuts and out_readings[-1]:
                out_words.append("")
                out_readings.append([])
            out_words[-1] += reading.base
            out_readings[-1].append(reading)
            offset += len(reading.base)
        assert "".join(out_words[start:]) == word
    return out_words, out_readings


def hant_script(words: dict[str, str]) -> str:
    """The page's traditional forms, loaded when the reader switches to 繁: simplified → traditional,
    only for the words whose form differs."""
    text = json.dumps(words, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return f"window.dbHant={text};\n"


@dataclass(frozen=True)
class ArticlePage:
    markdown: str
    words_js: str
    hant_js: str
    occurrences: list[Occurrence]


def words_script(data: dict[str, list[object]]) -> str:
    """Word data as a script that adds to ``window.dbWords``: a page loads its own and the shared one."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return f"window.dbWords=Object.assign(window.dbWords||{{}},{text});\n"


def sandhi_policy(document: Document, default: Sandhi = Sandhi.CITATION) -> Sandhi:
    """The document's own tone policy (meta.yml, validated there), else the site's."""
    return document.meta.sandhi or default


def _snippet(text: str, start: int, end: int, width: int = 14) -> str:
    left = max(0, start - width)
    right = min(len(text), end + width)
    return (("…" if left else "") + escape(text[left:start]) + f"<mark>{escape(text[start:end])}</mark>"
            + escape(text[end:right]) + ("…" if right < len(text) else ""))


def _official_english(entry: Entry | None, start: int) -> str:
    """The official English of the sentence holding character ``start`` (else of the paragraph)."""
    if entry is None or not entry.official or entry.status == Status.OUTDATED or not entry.english:
        return ""
    for sentence in entry.sentences:
        if sentence.start <= start < sentence.end and sentence.english:
            return sentence.english
    return entry.english


#: Paragraph → (words, readings), kept by a worker process between calls (``mkdocs serve``): an
#: edit of a translation or a note regenerates its article, and no paragraph of it is read again.
#: Keyed by everything the result depends on, so it changes what is computed, never the result.
ReadingsMemo = dict[tuple[str, str], tuple[list[str], list[list[Reading]]]]
MEMO_LIMIT = 200_000


def article_markdown(document: Document, article: Article, *, sandhi: Sandhi,
                     entries: dict[str, Entry] | None = None,
                     glossary: Glossary | None = None, credit: Credit | None = None,
                     segmenter: Segmenter | None = None, overrides: tuple[Override, ...] | None = None,
                     memo: ReadingsMemo | None = None) -> ArticlePage:
    """One article's page: each paragraph segmented (by default knowing the glossary's forms as
    words), its terms and notes marked, read (pinyin) and rendered beside its English; then the
    notes, the term data and the word data."""
    segmenter = segmenter or knowing(glossary.form_index() if glossary else ())
    # The project's overrides and the document's own fixes (meta.yml readings:), which win.
    fixes = overrides if overrides is not None else with_fixes([(f.text, f.syllables) for f in document.meta.readings])
    # What a paragraph's words and readings depend on besides its text: the segmenter's words (the
    # glossary's forms), the tone policy and the reading fixes. No glossary digest, no memo.
    context = f"{glossary.digest}/{sandhi}/{hash(fixes)}" if glossary is not None and glossary.digest else ""
    entries = entries or {}
    terms = glossary.by_id() if glossary else {}
    forms = glossary.form_index() if glossary else {}
    pairs = []
    occurrences: list[Occurrence] = []
    all_notes: list[ArticleNote] = []
    page_words: list[str] = []
    hant: dict[str, str] = {}
    hant_seen: set[str] = set()
    parts = plain()
    used_terms: dict[str, list[str]] = {}
    seen_title = False
    # Backlinks name the article, or for a one-article document its label (政府工作报告（2018）).
    where_title = article.title if len(document.articles) > 1 else document.label
    for block in article.blocks:
        entry = entries.get(block.id)
        known = memo.get((block.text, context)) if memo is not None and context else None
        readings: list[list[Reading]] | None = known[1] if known else None
        words = known[0] if known else segmenter.segment(block.text)
        page_words.extend(words)
        spans: list[Span] = []
        for hit in find_terms(words, forms):
            term = terms[hit.term_id]
            used_terms[term.id] = [term.term, term.english, term.gloss]
            spans.append(Span(hit.start, hit.end,
                              f'<a class="db-term" href="../../{GLOSSARY_DIR}/{term.id}.html">', "</a>"))
            occurrences.append(Occurrence(term.id, document.slug, article.slug, where_title, block.id,
                                          _snippet(block.text, hit.start, hit.end),
                                          _official_english(entry, hit.start), document.label))
        markers = []
        for note in entry.notes if entry else ():
            number = len(all_notes) + 1
            note_id = f"note-{number}"
            spans.append(Span(note.start, note.start + len(note.quote),
                              f'<mark class="db-quote" data-note="{note_id}">', "</mark>"))
            markers.append((note_id, number))
            source = f" <span class=\"db-note-source\">Source: {to_inline_prose(note.source)}</span>" if note.source else ""
            all_notes.append(ArticleNote(note_id, number, block.id, note.quote, to_prose_html(note.text) + source))
        if entry and entry.sentences and entry.status != Status.OUTDATED:
            # Last, so that where a sentence would cross a term or a note, the alignment gives way.
            spans.extend(Span(sent.start, sent.end, f"<span {sentence_attrs(f'{block.id}-{n}')}>", "</span>")
                         for n, sent in enumerate(entry.sentences, start=1) if sent.english)
        if readings is None:
            readings = annotate(words, sandhi=sandhi, segmenter=segmenter, override_entries=fixes)
            if memo is not None and context:
                if len(memo) > MEMO_LIMIT:
                    memo.clear()
                memo[(block.text, context)] = (words, readings)
        shown, shown_readings = shown_words(words, readings, parts)
        if len(shown) > len(words):
            page_words.extend(shown)  # a part of a long word has its own gloss in the pop-up
        for word, hant_word in zip(shown, traditional_words(shown), strict=True):
            # The first occurrence's form, for the whole page; listed only where it is not its
            # characters' own forms (the site's one table, words/hant-chars.js, has those).
            if word not in hant_seen:
                hant_seen.add(word)
                if hant_word != by_characters(word):
                    hant[word] = hant_word
        zh = ruby_text(shown_readings, nestable(spans), [hsk_level(w) for w in shown])
        first_title = block.role == Role.TITLE and not seen_title
        seen_title = seen_title or block.role == Role.TITLE
        pairs.append(pair_html(block, zh, english_html(entry, markers, block.id), first_title))
    # Term data is small and needed on hover: inline. Word data is large and needed only
    # on the first click: a script file beside the page, loaded on demand. The vocabulary
    # export (docs/javascripts/vocab.js) builds its files from both and from the ruby; it
    # needs only the names below: its deck and category, its tags, its file name.
    data = _json_script("db-terms", used_terms) + _data_div(document, article)
    return ArticlePage(article_page(document, article, pairs, notes_section(all_notes) + data,
                                    credit, readings_reviewed=document.meta.readings_reviewed),
                       words_script(word_data(page_words)), hant_script(hant), occurrences)


def _data_div(document: Document, article: Article) -> str:
    """The page's data element: the word data's file, and the names the vocabulary export uses."""
    single = len(document.articles) == 1
    attrs = {
        # Two files, loaded together: the page's own words, and the HSK list's shared by all pages.
        "data-words": f"{article.slug}.words.js ../../{SHARED_WORDS}",
        # loaded when the reader switches to 繁: the page's words, the site's characters
        "data-hant": f"{article.slug}.hant.js ../../{HANT_CHARS}",
        "data-doc": document.slug,  # an Anki tag: no spaces
        "data-label": document.label,  # the Anki deck and the Pleco category
        "data-title": article.title,  # a card's source: the article title and paragraph
        "data-file": document.slug if single else f"{document.slug}-{article.slug}",
    }
    return "<div id=\"db-data\" hidden " + " ".join(f'{k}="{escape(v)}"' for k, v in attrs.items()) + "></div>"


def document_pages(document: Document, *, sandhi: Sandhi = Sandhi.CITATION,
                   translations: dict[str, dict[str, Entry]] | None = None,
                   glossary: Glossary | None = None, articles: Sequence[str] | None = None,
                   index: bool = True, credits: dict[str, Credit] | None = None,
                   segmenter: Segmenter | None = None, memo: ReadingsMemo | None = None
                   ) -> tuple[dict[str, str], list[Occurrence]]:
    """The pages of one document, keyed by path relative to ``docs/``, and its term occurrences.

    ``articles`` (slugs) and ``index`` choose a part, so that the articles of
    one document can be generated in parallel; by default, all of it.
    """
    translations = translations or {}
    policy = sandhi_policy(document, sandhi)
    pages: dict[str, str] = {}
    occurrences: list[Occurrence] = []
    titles = []
    for article in document.articles:
        titles.append((article.slug, article.title, document.title_en(article.slug)))
        if articles is not None and article.slug not in articles:
            continue
        page = article_markdown(document, article, sandhi=policy, entries=translations.get(article.slug),
                                glossary=glossary, credit=(credits or {}).get(article.slug), segmenter=segmenter,
                                memo=memo)
        pages[f"texts/{document.slug}/{article.slug}.md"] = page.markdown
        pages[f"texts/{document.slug}/{article.slug}.words.js"] = page.words_js
        pages[f"texts/{document.slug}/{article.slug}.hant.js"] = page.hant_js
        occurrences.extend(page.occurrences)
    if index:
        pages[f"texts/{document.slug}/index.md"] = document_index(document, titles)
    return pages, occurrences


_NUMERAL_CHARS = set("一二三四五六七八九十百千万两几")
_MEASURES = set("个项条种位次")


def _join(syllables: Sequence[str], capital: bool) -> str:
    joined = ""
    for syllable in syllables:
        if joined and syllable[:1] in "aeoāáǎàēéěèōóǒò":
            joined += "'"
        joined += syllable
    return joined[:1].upper() + joined[1:] if capital else joined


def word_pinyin(text: str, segmenter: Segmenter | None = None) -> str:
    """Pinyin written by words, as GB/T 16159-2012 does: a word's syllables joined, an apostrophe
    before a/o/e inside a word (jī'ěr); proper names capitalised as CC-CEDICT writes them
    (Chóngqìng, Xí Jìnpíng); a numeral and its measure word apart (liǎng gè quèlì); digits
    kept as digits (“33618”)."""
    segmenter = segmenter or plain()
    words = segmenter.segment(text)
    out: list[str] = []
    for word, readings in zip(words, annotate(words, segmenter=segmenter), strict=True):
        capitals = name_capitals(word)
        part: list[str] = []
        capital = False
        k = 0  # offset in the word
        for reading in readings:
            if not is_han(reading.base[:1]):
                out.extend(p for p in (_join(part, capital), reading.base if reading.syllables else "") if p)
                part, capital = [], False
            else:
                new_part = bool(capitals and capitals[k] and k) or (
                    k > 0 and reading.base in _MEASURES and set(word[:k]) <= _NUMERAL_CHARS)
                if new_part and part:
                    out.append(_join(part, capital))
                    part = []
                if not part:
                    capital = bool(capitals and capitals[k])
                part.extend(to_marks(s) for s in reading.syllables)
            k += len(reading.base)
        if part:
            out.append(_join(part, capital))
    return " ".join(out)


def term_pinyin(term: Term, segmenter: Segmenter) -> str:
    return term.pinyin or word_pinyin(term.term, segmenter)


def _glossary_index(glossary: Glossary, counts: dict[str, int], segmenter: Segmenter) -> str:
    def pinyin_order(term: Term) -> tuple[str, str]:
        return (" ".join(line_syllables(term.term, segmenter=segmenter)).replace("v", "u~"), term.term)

    rows = []
    for term in sorted(glossary.terms, key=pinyin_order):
        count = counts.get(term.id, 0)
        rows.append(f"| [{md_text(term.term)}]({term.id}.md){{ lang=zh-Hans }} | {escape(term_pinyin(term, segmenter))} | "
                    f"{escape(term.english)} | {count} |")
    return "\n".join([
        "---", "title: Glossary", "---", "", "# Glossary of political terms", "",
        "Terms and formulations from the texts, with their official English renderings where they",
        "exist, an explanation and every place they occur. Sorted by pinyin.", "",
        "| Term | Pinyin | English | Occurrences |", "| --- | --- | --- | ---: |", *rows, "",
    ])


SNIPPET_PLACES = 12  # articles whose first occurrence is quoted on a term page; the rest are links


def backlinks(occurrences: Sequence[Occurrence]) -> list[str]:
    """Where a term occurs, one line per article: its first occurrence quoted, the others as
    paragraph links. A term of a 1,000-document library occurs thousands of times; a quoted
    snippet for each would make its page megabytes, so only the first ``SNIPPET_PLACES``
    articles are quoted and every occurrence stays one click away."""
    places: dict[tuple[str, str], list[Occurrence]] = {}
    for o in occurrences:
        places.setdefault((o.doc, o.article), []).append(o)
    out = [f'<h2 id="where-it-occurs">Where it occurs ({len(occurrences)}, in {len(places)} '
           f'article{"s" if len(places) != 1 else ""})</h2>', '<ul class="db-backlinks" data-search-exclude>']
    for n, ((doc, article), found) in enumerate(places.items()):
        first = found[0]
        links = [f'<a href="../texts/{doc}/{article}.html#{o.block_id}">¶ {o.block_id.removeprefix("p")}</a>'
                 for o in found]
        quote = (f': <span lang="zh-Hans" class="db-snippet">{first.snippet_html}</span>'
                 if n < SNIPPET_PLACES else "")
        out.append(f'<li><span lang="zh-Hans">{escape(first.article_title)}</span> {links[0]}{quote}'
                   + (f' <span class="db-more-places">{" ".join(links[1:])}</span>' if len(links) > 1 else "")
                   + "</li>")
    out.append("</ul>")
    return out


def glossary_pages(glossary: Glossary, occurrences: Sequence[Occurrence], part: tuple[int, int] = (0, 1),
                   segmenter: Segmenter | None = None, only: Collection[str] | None = None,
                   index: bool = True) -> dict[str, str]:
    """The glossary index (sorted by pinyin) and one page per term with backlinks.

    ``part`` (i, n) gives the i-th of n shares, for generating in parallel:
    every n-th term page, and the index in share 0. ``only``: the pages of these
    terms alone (``mkdocs serve``: those an edit changed), and the index if ``index``.
    """
    if not glossary.terms:
        return {}
    segmenter = segmenter or knowing(glossary.form_index())
    share, shares = part
    terms = glossary.by_id()
    grouped = by_term(occurrences)
    pages: dict[str, str] = {}
    if share == 0 and index:
        pages[f"{GLOSSARY_DIR}/index.md"] = _glossary_index(glossary, {t: len(o) for t, o in grouped.items()}, segmenter)
        pages.update(terms_file([IndexTerm(t.id, t.term, t.english, term_pinyin(t, segmenter)) for t in glossary.terms]))
    for term in glossary.terms[share::shares]:
        if only is not None and term.id not in only:
            continue
        mine = grouped.get(term.id, [])
        # HTML from end to end, like the article pages: Python-Markdown (a fresh
        # instance per page) would cost more than everything else on these pages.
        lines = [
            "---", f"title: {front_matter_str(f'{term.term} — {term.english}')}", "hide:", "  - toc", "---", "",
            f'<div class="db-term-page" {RAW_MARK}>',
            f'<h1 lang="zh-Hans" id="term">{escape(term.term)}</h1>',
            f'<p class="db-term-pinyin" lang="zh-Latn-pinyin">{escape(term_pinyin(term, segmenter))}</p>',
            f"<p><strong>{escape(term.english)}</strong> <small>({to_inline_html(term.english_source)})</small></p>",
        ]
        if term.alternatives:
            lines.append("<p>Also rendered: " + "; ".join(f"<em>{escape(a)}</em>" for a in term.alternatives) + "</p>")
        if len(term.forms) > 1:
            lines.append('<p>Written forms: <span lang="zh-Hans">' + "、".join(escape(f) for f in term.forms)
                         + "</span></p>")
        lines += [f"<p><em>{escape(term.gloss)}</em></p>", to_html(term.explanation)]
        if term.unverified:
            lines.append(f'<p class="db-unverified"><strong>Not verified:</strong> {to_inline_html(term.unverified)}</p>')
        if term.related:
            links = ", ".join(f'<a href="{r}.html" lang="zh-Hans">{escape(terms[r].term)}</a> ({escape(terms[r].english)})'
                              for r in term.related)
            lines.append(f"<p><strong>Related:</strong> {links}</p>")
        lines += ['<h2 id="sources">Sources</h2>', "<ul>"]
        for source in term.sources:
            title = escape(source.title)
            text = f'<a href="{escape(source.url)}">{title}</a>' if source.url else title
            extra = ", ".join(escape(v) for v in (source.publisher, source.date) if v)
            lines.append(f"<li>{text}" + (f", {extra}" if extra else "") + "</li>")
        # Snippets repeat the articles' text: kept out of search, which should find the articles.
        official = [o for o in mine if o.official_en]
        if official:
            # Official translations are kept as published, not made to use the rendering above:
            # what they say instead is listed here, in context, with the document as source.
            lines += ["</ul>", '<h2 id="in-official-translations">In official translations</h2>',
                      '<ul class="db-official" data-search-exclude>']
            for o in official[:12]:
                lines.append(f'<li><a href="../texts/{o.doc}/{o.article}.html#{o.block_id}">'
                             f'<span lang="zh-Hans">{escape(o.doc_title)}</span> ¶ {o.block_id}</a>: '
                             f'<span lang="en">“{escape(o.official_en)}”</span></li>')
            if len(official) > 12:
                lines.append(f"<li>… and {len(official) - 12} more in the list below</li>")
        lines += ["</ul>", *backlinks(mine), "</div>", ""]
        pages[f"{GLOSSARY_DIR}/{term.id}.md"] = "\n".join(lines)
    return pages
