"""Translation files: ``content/texts/<doc>/<article>.en.yml``.

Why YAML and not Markdown with structure: every field an editor touches
(``en``, ``status``, ``notes``) has a fixed place a validator can check and
point at by line; folded block scalars (``>-``) let editors wrap English
freely in GitHub's web editor; comments are allowed; diffs stay one entry per
paragraph. Markdown would need a hand-written parser for the same structure.

Each entry is anchored to its Chinese paragraph by ``zh`` — an exact copy of
the paragraph's opening words — not by position, or by the paragraph's ``id``
(``p12``) where opening words cannot tell paragraphs apart (a salutation that
repeats word for word). It records a ``fingerprint`` of the Chinese it
translates (like gettext's fuzzy flag: when the source changes, the
translation is shown as outdated); ``duben skeleton`` writes them.

A file is either a list of entries or a mapping with ``translation`` (who
made it, shown on the page) and ``entries``. An entry imported from a
sentence-aligned translation (TMX) keeps the alignment in ``sentences``:
each Chinese sentence with its English, in order; the reader highlights the
pair. ``status: official`` marks an official translation, kept as published:
it is exempt from the glossary-rendering check.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from dataclasses import dataclass

from duben.content.schema import Field, Schema, one_of, validate
from duben.content.yamlfile import line_of, load_yaml
from duben.errors import DubenError, Problem, Severity
from duben.model import Article, Block, Status

STATUSES = (Status.DRAFT, Status.REVIEWED, Status.OFFICIAL)  # what editors may write
_FINGERPRINT = re.compile(r"^[0-9a-f]{8}$")

NOTE_SCHEMA: Schema = {
    "quote": Field(str, required=True, nonempty=True, doc="exact words of the Chinese paragraph"),
    "occurrence": Field(int, doc="which occurrence of the quote, when it repeats (1-based)"),
    "text": Field(str, required=True, nonempty=True, doc="the note, in Markdown"),
    "source": Field(str, nonempty=True, doc="where its facts can be checked: a Markdown link, or a glossary entry"),
}

#: A note that states a number (a date, a year, a count) states a fact a reader may want to check.
_FACT = re.compile(r"\d")
_LINK = re.compile(r"\]\(https?://")

SENTENCE_SCHEMA: Schema = {
    "zh": Field(str, required=True, nonempty=True, doc="one Chinese sentence of the paragraph, exactly"),
    "en": Field(str, required=True, doc="its English (inline Markdown; may be empty)"),
}

ENTRY_SCHEMA: Schema = {
    "zh": Field(str, nonempty=True, doc="opening words of the Chinese paragraph, copied exactly"),
    "id": Field(str, check=lambda v: None if re.match(r"^[a-z]+(-\d+)?$|^[ps]\d+$", v) else
                "use a paragraph id as shown by its permalink, like p12", doc="the paragraph's id"),
    "fingerprint": Field(str, doc="fingerprint of the Chinese this translates"),
    "status": Field(str, required=True, check=one_of(*STATUSES)),
    "en": Field(str, nonempty=True, doc="the English, inline Markdown"),
    "sentences": Field(list, items=SENTENCE_SCHEMA, doc="sentence alignment: Chinese and English pairs"),
    "notes": Field(list, items=NOTE_SCHEMA),
}

CREDIT_SCHEMA: Schema = {
    "credit": Field(str, required=True, nonempty=True, doc="who made the translation (inline Markdown)"),
    "url": Field(str, doc="where it was published"),
}

FILE_SCHEMA: Schema = {
    "translation": Field(dict, doc="the translation's origin, shown on the page"),
    "entries": Field(list, required=True, doc="one entry per paragraph"),
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
    source: str | None = None  # Markdown


@dataclass(frozen=True)
class Sentence:
    start: int  # character offsets of the Chinese sentence in the paragraph
    end: int
    english: str


@dataclass(frozen=True)
class Entry:
    block_id: str
    english: str | None
    status: Status
    notes: tuple[Note, ...]
    line: int
    sentences: tuple[Sentence, ...] = ()
    official: bool = False  # status official (kept when outdated)


@dataclass(frozen=True)
class Credit:
    """Who made an article's translation, from the file's ``translation`` mapping."""

    credit: str  # inline Markdown
    url: str | None = None


def _one_line(text: object) -> str:
    return " ".join(str(text or "").split())


def _align(sentences: list[dict[str, str]], text: str) -> tuple[Sentence, ...] | None:
    """Offsets of each sentence in the paragraph, or None when they do not make it up."""
    out, at = [], 0
    for item in sentences:
        zh = str(item["zh"]).strip()
        while at < len(text) and text[at].isspace():
            at += 1
        if not text.startswith(zh, at):
            return None
        out.append(Sentence(at, at + len(zh), _one_line(item["en"])))
        at += len(zh)
    return tuple(out) if not text[at:].strip() else None


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


def _unpack(data: object, path: str) -> tuple[list[object] | None, Credit | None, list[Problem]]:
    """The entries and the credit of a file, whichever of the two shapes it has."""
    if data is None:
        return [], None, []
    if isinstance(data, list):
        return data, None, []
    if isinstance(data, dict) and ("entries" in data or "translation" in data):
        problems = validate(data, FILE_SCHEMA, path)
        credit = None
        info = data.get("translation")
        if isinstance(info, dict):
            found = validate(info, CREDIT_SCHEMA, path, "translation")
            problems.extend(found)
            if not found:
                credit = Credit(str(info["credit"]), str(info["url"]) if info.get("url") else None)
        entries = data.get("entries")
        return (entries if isinstance(entries, list) else None), credit, problems
    return None, None, [Problem(path, line_of(data), "expected a list of entries, one per paragraph "
                                "(each starting with '- zh:'), or a mapping with 'entries'")]


def parse_translation(text: str, path: str, article: Article
                      ) -> tuple[dict[str, Entry], list[Problem], Credit | None]:
    """Entries keyed by block id, every problem found (errors and warnings), and the credit."""
    try:
        data = load_yaml(text, path)
    except DubenError as exc:
        return {}, exc.problems, None
    items, credit, problems = _unpack(data, path)
    if items is None:
        return {}, problems, credit
    entries: dict[str, Entry] = {}
    blocks = article.blocks
    by_id = {b.id: b for b in blocks}
    for index, raw in enumerate(items):
        where = f"entry {index + 1}"
        entry_problems = validate(raw, ENTRY_SCHEMA, path, where)
        problems.extend(entry_problems)
        if entry_problems or not isinstance(raw, dict):
            continue
        line = line_of(items, index) or 0
        if ("zh" in raw) == ("id" in raw):
            problems.append(Problem(path, line, f"{where}: name the paragraph by 'zh' (its opening words) "
                                    "or by 'id' (like p12), one of the two"))
            continue
        if "id" in raw:
            block = by_id.get(str(raw["id"]))
            if block is None:
                problems.append(Problem(path, line_of(raw, "id"), f"{where}: the article has no paragraph "
                                        f"'{raw['id']}' (its ids run {blocks[0].id} … {blocks[-1].id})"))
                continue
        else:
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
                                        f"paragraphs ({', '.join(b.id for b in matches)}); quote more words, "
                                        "or name the paragraph by 'id'"))
                continue
            block = matches[0]
        if block.id in entries:
            problems.append(Problem(path, line, f"{where}: duplicate entry for paragraph {block.id} "
                                    f"(first at line {entries[block.id].line})"))
            continue
        status = Status(str(raw["status"]))
        expected = fingerprint(block.text)
        given = str(raw.get("fingerprint") or "")
        if not _FINGERPRINT.match(given) or given == "0" * 8:
            problems.append(Problem(path, line_of(raw, "fingerprint") or line,
                                    f"{where}: paragraph {block.id} has no fingerprint yet; set "
                                    f"\"fingerprint: '{expected}'\" (duben skeleton writes it)",
                                    severity=Severity.WARNING))
        elif given != expected:
            status = Status.OUTDATED
            problems.append(Problem(path, line_of(raw, "fingerprint"),
                                    f"{where}: fingerprint '{given}' is not that of paragraph {block.id} "
                                    f"('{expected}'): the Chinese changed since this was translated, or the "
                                    f"entry was given a wrong value; check the English, then set "
                                    f"\"fingerprint: '{expected}'\"", severity=Severity.WARNING))
        notes = []
        for n_index, note in enumerate(raw.get("notes") or []):
            start, message = _find_quote(note["quote"], block.text, note.get("occurrence"))
            if message:
                problems.append(Problem(path, line_of(note, "quote"), f"{where}, note {n_index + 1}: {message}"))
                continue
            assert start is not None
            source = str(note["source"]) if note.get("source") else None
            if source is None and _FACT.search(str(note["text"])) and not _LINK.search(str(note["text"])):
                problems.append(Problem(path, line_of(note, "text") or line, f"{where}, note {n_index + 1}: it "
                                        "states a fact (a date or a number) but names no source; add "
                                        "'source:' (a Markdown link, or the glossary entry it rests on)",
                                        severity=Severity.WARNING))
            notes.append(Note(note["quote"], start, str(note["text"]), line_of(note, "quote") or line, source))
        sentences: tuple[Sentence, ...] = ()
        english = str(raw["en"]) if raw.get("en") else None
        if raw.get("sentences"):
            aligned = _align(raw["sentences"], block.text)
            if aligned is None:
                problems.append(Problem(path, line_of(raw, "sentences"), f"{where}: the Chinese of "
                                        f"'sentences' does not make up paragraph {block.id} exactly; the "
                                        "sentence alignment is not shown until it does", severity=Severity.WARNING))
                texts = [_one_line(s["en"]) for s in raw["sentences"]]
                english = english or " ".join(t for t in texts if t) or None
            else:
                sentences = aligned
                english = english or " ".join(s.english for s in aligned if s.english) or None
        if english is None:
            problems.append(Problem(path, line, f"{where}: paragraph {block.id} has no English yet (pending)",
                                    severity=Severity.WARNING))
        entries[block.id] = Entry(block.id, english, status,
                                  tuple(sorted(notes, key=lambda n: n.start)), line, sentences,
                                  official=str(raw["status"]) == Status.OFFICIAL)
    for block in blocks:
        if block.id not in entries:
            problems.append(Problem(path, None, f"paragraph {block.id} (line {block.line} of the source, "
                                    f"“{block.text[:12]}…”) has no translation entry", severity=Severity.WARNING))
    return entries, problems, credit


def load_translations(texts: dict[str, str | None], paths: dict[str, str], articles: tuple[Article, ...]
                      ) -> tuple[dict[str, dict[str, Entry]], list[Problem], dict[str, Credit]]:
    """Parse every article's translation file (``texts[slug]`` is None when absent)."""
    result: dict[str, dict[str, Entry]] = {}
    credits: dict[str, Credit] = {}
    problems: list[Problem] = []
    for article in articles:
        text = texts.get(article.slug)
        if text is None:
            result[article.slug] = {}
            problems.append(Problem(paths[article.slug], None, f"article '{article.slug}' has no translation "
                                    f"file yet ({len(article.blocks)} paragraphs pending); "
                                    f"`duben skeleton` writes one", severity=Severity.WARNING))
            continue
        entries, found, credit = parse_translation(text, paths[article.slug], article)
        result[article.slug] = entries
        if credit is not None:
            credits[article.slug] = credit
        problems.extend(found)
    return result, problems, credits

