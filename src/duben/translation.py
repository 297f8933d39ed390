"""Translation files: ``content/texts/<doc>/<article>.en.yml``.

Why YAML and not Markdown with structure: every field an editor touches
(``en``, ``status``, ``notes``) has a fixed place a validator can check and
point at by line; folded block scalars (``>-``) let editors wrap English
freely in GitHub's web editor; comments are allowed; diffs stay one entry per
paragraph. Markdown would need a hand-written parser for the same structure.

Each entry is anchored to its Chinese paragraph by ``zh`` — an exact copy of
the paragraph's opening words — not by position, and records a
``fingerprint`` of the Chinese it translates (like gettext's fuzzy flag: when
the source changes, the translation is shown as outdated).
"""

from __future__ import annotations

import difflib
import hashlib
import unicodedata
from dataclasses import dataclass

from .errors import DubenError, Problem
from .model import Article, Block
from .schema import Field, Schema, one_of, validate
from .yamlfile import line_of, load_yaml

STATUSES = ("draft", "reviewed")

NOTE_SCHEMA: Schema = {
    "quote": Field(str, required=True, nonempty=True, doc="exact words of the Chinese paragraph"),
    "occurrence": Field(int, doc="which occurrence of the quote, when it repeats (1-based)"),
    "text": Field(str, required=True, nonempty=True, doc="the note, in Markdown"),
}

ENTRY_SCHEMA: Schema = {
    "zh": Field(str, required=True, nonempty=True, doc="opening words of the Chinese paragraph, copied exactly"),
    "fingerprint": Field(str, required=True, doc="fingerprint of the Chinese this translates"),
    "status": Field(str, required=True, check=one_of(*STATUSES)),
    "en": Field(str, nonempty=True, doc="the English, inline Markdown"),
    "notes": Field(list, items=NOTE_SCHEMA),
}


def fingerprint(text: str) -> str:
    """Short, stable hash of a paragraph's Chinese (NFC, surrounding space ignored)."""
    normal = unicodedata.normalize("NFC", text.strip())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:8]


@dataclass(frozen=True)
class Note:
    quote: str
    start: int  # character offset of the quote in the paragraph
    text: str   # Markdown
    line: int


@dataclass(frozen=True)
class Entry:
    block_id: str
    english: str | None
    status: str          # draft / reviewed / outdated
    notes: tuple[Note, ...]
    line: int


def translation_path(doc_slug: str, article_slug: str) -> str:
    return f"content/texts/{doc_slug}/{article_slug}.en.yml"


def _match_block(zh: str, blocks: tuple[Block, ...]) -> list[Block]:
    exact = [b for b in blocks if b.text == zh]
    return exact or [b for b in blocks if b.text.startswith(zh)]


def _nearest(needle: str, haystacks: list[str]) -> str | None:
    """The window of a paragraph most like ``needle`` (ties: same first, then last character)."""
    best: str | None = None
    best_score = (0.0, False, False)
    for hay in haystacks:
        window = len(needle)
        for start in range(0, max(1, len(hay) - window + 1)):
            candidate = hay[start:start + window]
            score = (difflib.SequenceMatcher(None, needle, candidate).ratio(),
                     candidate[:1] == needle[:1], candidate[-1:] == needle[-1:])
            if score > best_score:
                best, best_score = candidate, score
    return best if best_score[0] >= 0.5 else None


def _find_quote(quote: str, text: str, occurrence: int | None) -> tuple[int | None, str | None]:
    """Offset of the quote, or an error message."""
    starts = []
    at = text.find(quote)
    while at >= 0:
        starts.append(at)
        at = text.find(quote, at + 1)
    if not starts:
        near = _nearest(quote, [text])
        hint = f"; nearest match in the paragraph: “{near}”" if near else ""
        return None, f"quote “{quote}” not found in the Chinese paragraph{hint}"
    if occurrence is None:
        if len(starts) > 1:
            return None, (f"quote “{quote}” occurs {len(starts)} times in the paragraph; "
                          "add 'occurrence: N' to say which")
        return starts[0], None
    if not 1 <= occurrence <= len(starts):
        return None, f"occurrence {occurrence} of “{quote}” does not exist (it occurs {len(starts)} time(s))"
    return starts[occurrence - 1], None


def parse_translation(text: str, path: str, article: Article) -> tuple[dict[str, Entry], list[Problem]]:
    """Entries keyed by block id, and every problem found (errors and warnings)."""
    problems: list[Problem] = []
    try:
        data = load_yaml(text, path)
    except DubenError as exc:
        return {}, exc.problems
    if data is None:
        data = []
    if not isinstance(data, list):
        return {}, [Problem(path, line_of(data), "expected a list of entries, one per paragraph "
                            "(each starting with '- zh:')")]
    entries: dict[str, Entry] = {}
    blocks = article.blocks
    for index, raw in enumerate(data):
        where = f"entry {index + 1}"
        entry_problems = validate(raw, ENTRY_SCHEMA, path, where)
        problems.extend(entry_problems)
        if entry_problems or not isinstance(raw, dict):
            continue
        line = line_of(data, index) or 0
        zh = str(raw["zh"]).strip()
        matches = _match_block(zh, blocks)
        if not matches:
            near = _nearest(zh, [b.text for b in blocks])
            hint = f"; nearest: “{near}”" if near else ""
            problems.append(Problem(path, line_of(raw, "zh"), f"{where}: no paragraph of the article "
                                    f"starts with “{zh}”{hint}"))
            continue
        if len(matches) > 1:
            problems.append(Problem(path, line_of(raw, "zh"), f"{where}: “{zh}” begins {len(matches)} "
                                    f"paragraphs ({', '.join(b.id for b in matches)}); quote more words"))
            continue
        block = matches[0]
        if block.id in entries:
            problems.append(Problem(path, line, f"{where}: duplicate entry for paragraph {block.id} "
                                    f"(first at line {entries[block.id].line})"))
            continue
        status = str(raw["status"])
        expected = fingerprint(block.text)
        if raw["fingerprint"] != expected:
            status = "outdated"
            problems.append(Problem(path, line_of(raw, "fingerprint"),
                                    f"{where}: the Chinese of paragraph {block.id} changed since this was "
                                    f"translated; check the English, then set \"fingerprint: '{expected}'\"",
                                    severity="warning"))
        notes = []
        for n_index, note in enumerate(raw.get("notes") or []):
            start, message = _find_quote(note["quote"], block.text, note.get("occurrence"))
            if message:
                problems.append(Problem(path, line_of(note, "quote"), f"{where}, note {n_index + 1}: {message}"))
                continue
            assert start is not None
            notes.append(Note(note["quote"], start, str(note["text"]), line_of(note, "quote") or line))
        english = raw.get("en")
        entries[block.id] = Entry(block.id, str(english) if english else None, status,
                                  tuple(sorted(notes, key=lambda n: n.start)), line)
    for block in blocks:
        if block.id not in entries:
            problems.append(Problem(path, None, f"paragraph {block.id} (line {block.line} of the source, "
                                    f"“{block.text[:12]}…”) has no translation entry", severity="warning"))
    return entries, problems


def load_translations(texts: dict[str, str | None], paths: dict[str, str],
                      articles: tuple[Article, ...]) -> tuple[dict[str, dict[str, Entry]], list[Problem]]:
    """Parse every article's translation file (``texts[slug]`` is None when absent)."""
    result: dict[str, dict[str, Entry]] = {}
    problems: list[Problem] = []
    for article in articles:
        text = texts.get(article.slug)
        if text is None:
            result[article.slug] = {}
            continue
        entries, found = parse_translation(text, paths[article.slug], article)
        result[article.slug] = entries
        problems.extend(found)
    return result, problems

