"""Vocabulary export: one CSV per article for Anki and Pleco.

Columns (UTF-8, comma separated, RFC 4180 quoting, one header line per
Anki's file-header syntax, then one row per distinct word in order of first
appearance):

1. ``Simplified`` — the word;
2. ``Pinyin`` — as printed over its first occurrence (tone marks);
3. ``English`` — CC-CEDICT glosses for that reading;
4. ``HSK`` — HSK 3.0 (2025) level 1–6, ``7-9``, or empty when not in the list;
5. ``Sentence`` — the sentence of the first occurrence;
6. ``Source`` — article title and paragraph id.

Anki reads the ``#separator``, ``#html`` and ``#columns`` header lines itself
(Anki 2.1.55+). Pleco's importer takes the first three columns as headword,
pinyin and definition.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from duben.language.dictionary import Sense, hsk_level, lookup
from duben.language.han import is_han, sentences
from duben.language.pinyin import Reading, to_marks

COLUMNS = ("Simplified", "Pinyin", "English", "HSK", "Sentence", "Source")
HEADER = "#separator:Comma\n#html:false\n#columns:" + ",".join(COLUMNS) + "\n"


@dataclass(frozen=True)
class VocabRow:
    word: str
    pinyin: str
    english: str
    level: int | None
    sentence: str
    source: str


def sentence_at(text: str, offset: int) -> str:
    """The sentence of ``text`` that contains character ``offset``."""
    for start, part in sentences(text):
        if start <= offset < start + len(part):
            return part.strip()
    return text.strip()


def _gloss(senses: Sequence[Sense], pinyin: str) -> str:
    key = pinyin.replace(" ", "").lower()
    matching = [s for s in senses if s.pinyin.lower() == key] or list(senses)
    return " | ".join(s.gloss for s in matching)


def collect(paragraphs: Iterable[tuple[str, str, Sequence[str], Sequence[Sequence[Reading]]]],
            title: str, terms: Mapping[str, str] | None = None) -> list[VocabRow]:
    """Rows from (paragraph id, text, words, readings) in order; each word once.

    ``terms`` maps glossary forms to their English rendering, which beats
    CC-CEDICT (it has none of the political formulations).
    """
    terms = terms or {}
    rows: dict[str, VocabRow] = {}
    for block_id, text, words, readings in paragraphs:
        offset = 0
        for word, word_readings in zip(words, readings, strict=True):
            if word not in rows and any(is_han(ch) for ch in word):
                pinyin = " ".join(to_marks(s) for r in word_readings for s in r.syllables)
                english = terms.get(word) or _gloss(lookup(word), pinyin)
                rows[word] = VocabRow(word, pinyin, english, hsk_level(word),
                                      sentence_at(text, offset), f"{title} ¶{block_id}")
            offset += len(word)
    return list(rows.values())


def to_csv(rows: Iterable[VocabRow], above_level: int = 0) -> str:
    """CSV text; ``above_level`` N keeps only words above HSK level N (and words not in HSK)."""
    out = io.StringIO()
    out.write(HEADER)
    writer = csv.writer(out, lineterminator="\n")
    for row in rows:
        if above_level and row.level is not None and row.level <= above_level:
            continue
        level = "" if row.level is None else ("7-9" if row.level == 7 else str(row.level))
        writer.writerow([row.word, row.pinyin, row.english, level, row.sentence, row.source])
    return out.getvalue()
