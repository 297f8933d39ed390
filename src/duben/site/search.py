"""The library's search index: paragraphs, found by exact phrase, loaded a shard at a time.

Why not Material's search: it indexes pages, not paragraphs; its Chinese
tokens are single characters (or jieba words), so 碳达峰 matches 达 in 直达
and no phrase query exists; and its one index file, loaded whole, grows with
the library (3.6 MB at 20 documents, ~180 MB at 1,000). Pagefind shards its
index and segments Chinese, but fetches its files, which a browser refuses
under ``file://``; duben's site must also work opened from disk. So the
index is small files of our own, loaded by ``<script>`` tags (which work from
disk), read by ``docs/javascripts/search.js``:

``search/index.js``
    the documents, pages and glossary terms (with toneless pinyin), and how
    many shards there are;
``search/zh/<n>.js``
    Chinese: every two-character sequence (bigram) of every paragraph and
    the paragraphs holding it, sharded by the bigram's first character, so a
    query of k characters loads at most k shards and a one-character query
    one (a paragraph's last character is indexed as ``字$``). Within a shard,
    a first character maps to lines of second character + postings: 4 bytes
    a bigram instead of 12 as a JSON key;
``search/en/<xx>.js``
    English: every word of every translated paragraph (pending ones are not
    indexed), sharded by its first two letters, so the last word of a query
    can be matched as a prefix while it is being typed;
``search/text/<n>.js``
    the paragraphs' plain text (Chinese without pinyin, English), a chunk of
    ``CHUNK`` paragraphs each: a phrase is confirmed against the text, and
    the result shows it in its snippet.

A paragraph is a number: its place in the library (documents, articles and
blocks in order). Postings are sorted paragraph numbers, written as base-36
gaps, which keeps a shard about 3 bytes per posting.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from duben.content.translation import Entry
from duben.model import Document

CHUNK = 16  # paragraphs per text file: a list of 20 results from 20 documents loads 20 small files
END = "$"  # marks a paragraph's last character, so a one-character query finds it
SEARCH_DIR = "search"
_WORD = re.compile(r"[0-9a-z]+(?:['’][a-z]+)?")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Paragraph:
    page: int  # index into the pages list
    block_id: str
    zh: str
    en: str  # "" when pending


@dataclass(frozen=True)
class IndexTerm:
    id: str
    term: str
    english: str
    pinyin: str  # with tone marks, by words


def toneless(pinyin: str) -> str:
    """``xīnzhì shēngchǎnlì`` → ``xinzhishengchanli``: what a reader types without tones."""
    # ü (with or without a tone) is typed v: replaced before the accents are stripped.
    text = re.sub("[üǖǘǚǜ]", "v", pinyin.lower())
    stripped = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return re.sub(r"[^a-z]", "", stripped)


def zh_key(text: str) -> str:
    """A paragraph's Chinese as indexed and matched: no whitespace, Latin in lower case."""
    return _SPACE.sub("", text).lower()


def en_words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


def zh_shard(gram: str, shards: int) -> int:
    return ord(gram[0]) % shards


def en_shard(word: str) -> str:
    return word[:2]


def shard_count(characters: int) -> int:
    """Shards for Chinese: about 20,000 characters of text each, a power of two, 8 to 1,024 —
    a query then loads tens of kilobytes whether the library has one document or a thousand."""
    n = 8
    while n < 1024 and characters / n > 20_000:
        n *= 2
    return n


def _postings(numbers: list[int], digits: list[str]) -> str:
    """Sorted paragraph numbers as base-36 gaps; ``digits[n]`` is n in base 36 (a table: the
    index has millions of gaps, and this is most of the time it takes to make)."""
    return " ".join([digits[numbers[0]], *(digits[b - a] for a, b in pairwise(numbers))])


def _base36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while True:
        n, r = divmod(n, 36)
        text = digits[r] + text
        if not n:
            return text


def _script(call: str, *args: object) -> str:
    body = ",".join(json.dumps(a, ensure_ascii=False, separators=(",", ":"), sort_keys=True) for a in args)
    return f"dbSearch.{call}({body});\n"


@dataclass
class SearchMemo:
    """What ``mkdocs serve`` keeps of the last index it made: each English paragraph's words and
    each text chunk's file, by what they are made from. An edit of one paragraph then costs
    that paragraph, not a tokenizing of the library's English (a third of the index's time).
    Each build keeps only what it used, so the memo holds one library's worth at most."""

    words: dict[str, list[str]] = field(default_factory=dict)
    chunks: dict[tuple[int, tuple[Paragraph, ...]], str] = field(default_factory=dict)
    zh: ZhIndex | None = None


@dataclass
class ZhIndex:
    """The Chinese shards as last made, with what they were made from: an edit of a few
    paragraphs then changes their bigrams' postings and the shards holding them (a full
    make of the shards is seconds on 100 documents)."""

    texts: list[str]  # each paragraph's zh_key
    shards: int
    grams: dict[str, dict[str, list[int]]]  # first character → second character → paragraphs
    files: dict[str, str]


Library = Sequence[tuple[Document, dict[str, dict[str, Entry]]]]


def library_paragraphs(documents: Library) -> tuple[list[list[object]], list[list[object]], list[Paragraph]]:
    """Documents (slug, label, date), pages (document, article slug, title) and every paragraph,
    newest document first (the order results come in)."""
    docs: list[list[object]] = []
    pages: list[list[object]] = []
    paragraphs: list[Paragraph] = []
    ordered = sorted(documents, key=lambda d: d[0].slug)
    for document, translations in sorted(ordered, key=lambda d: d[0].meta.date or "", reverse=True):
        docs.append([document.slug, document.label, document.meta.date or ""])
        for article in document.articles:
            pages.append([len(docs) - 1, article.slug, article.title])
            entries = translations.get(article.slug, {})
            for block in article.blocks:
                entry = entries.get(block.id)
                # Pending paragraphs have no English: "Translation pending." is never indexed.
                english = entry.english or "" if entry else ""
                paragraphs.append(Paragraph(len(pages) - 1, block.id, block.text, english))
    return docs, pages, paragraphs


def terms_file(terms: Sequence[IndexTerm]) -> dict[str, str]:
    """The glossary terms for search: made with the glossary pages, which read each term's pinyin."""
    rows = [[t.id, t.term, t.english, t.pinyin, toneless(t.pinyin)] for t in terms]
    return {f"{SEARCH_DIR}/terms.js": _script("terms", rows)}


def index_keys(docs: list[list[object]], pages: list[list[object]], paragraphs: Sequence[Paragraph]
               ) -> tuple[str, str]:
    """Hashes of what the Chinese shards hold and of all the index holds: a note's edit changes
    neither, an edit of the English only the second."""
    zh = hashlib.sha256()
    for p in paragraphs:
        zh.update(p.zh.encode() + b"\0")
    every = hashlib.sha256(json.dumps([docs, pages], ensure_ascii=False).encode() + zh.digest())
    for p in paragraphs:
        every.update(f"{p.page}\0{p.block_id}\0{p.en}\0".encode())
    return zh.hexdigest(), every.hexdigest()


def search_files(documents: Library) -> dict[str, str]:
    """Every file of the search index, by path relative to ``docs/``."""
    docs, pages, paragraphs = library_paragraphs(documents)
    chinese = zh_files(paragraphs)
    return {**chinese, **other_files(docs, pages, paragraphs, chinese)}


def _grams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)} | {text[-1] + END} if text else set()


def zh_files(paragraphs: Sequence[Paragraph], memo: SearchMemo | None = None) -> dict[str, str]:
    """The Chinese shards: the costly part, which only a change to a Chinese text makes again.

    A shard maps a first character to its bigrams, one line each: the second
    character, then its postings (whitespace never appears in a bigram, so a
    newline ends one unambiguously). With a ``memo`` holding the shards of the
    same number of paragraphs, only the edited paragraphs' bigrams are
    re-posted and only their shards made again (the result is the same).
    """
    texts = [zh_key(p.zh) for p in paragraphs]
    shards = shard_count(sum(len(p.zh) for p in paragraphs))
    before = memo.zh if memo else None
    if memo is not None:
        memo.zh = None  # updated in place below: never left half-updated
    if before is None or len(before.texts) != len(texts) or before.shards != shards:
        index = _zh_index(texts, shards)
    else:
        index = _zh_update(before, texts)
    if memo is not None:
        memo.zh = index
    return dict(index.files)


def _zh_index(texts: list[str], shards: int) -> ZhIndex:
    flat: defaultdict[str, list[int]] = defaultdict(list)
    for n, text in enumerate(texts):
        for gram in _grams(text):
            flat[gram].append(n)
    grams: dict[str, dict[str, list[int]]] = {}
    for gram, postings in flat.items():
        grams.setdefault(gram[0], {})[gram[1]] = postings
    digits = [_base36(n) for n in range(len(texts) + 1)]
    index = ZhIndex(texts, shards, grams, {})
    index.files = _zh_shards(index, {zh_shard(first, shards) for first in grams}, digits)
    return index


def _zh_update(before: ZhIndex, texts: list[str]) -> ZhIndex:
    grams = before.grams
    touched: set[str] = set()
    for n, (old, new) in enumerate(zip(before.texts, texts, strict=True)):
        if old == new:
            continue
        old_grams, new_grams = _grams(old), _grams(new)
        for gram in old_grams - new_grams:
            postings = grams[gram[0]][gram[1]]
            postings.remove(n)
            if not postings:
                del grams[gram[0]][gram[1]]
            touched.add(gram[0])
        for gram in new_grams - old_grams:
            bisect.insort(grams.setdefault(gram[0], {}).setdefault(gram[1], []), n)
            touched.add(gram[0])
    for first in touched:
        if not grams[first]:
            del grams[first]
    index = ZhIndex(texts, before.shards, grams, dict(before.files))
    numbers = {zh_shard(first, before.shards) for first in touched}
    for number in numbers:
        index.files.pop(f"{SEARCH_DIR}/zh/{number}.js", None)
    index.files.update(_zh_shards(index, numbers, [_base36(n) for n in range(len(texts) + 1)]))
    return index


def _zh_shards(index: ZhIndex, numbers: set[int], digits: list[str]) -> dict[str, str]:
    """The files of the shards ``numbers`` (a shard left with no bigram has no file)."""
    content: dict[int, dict[str, str]] = {}
    for first, seconds in index.grams.items():
        number = zh_shard(first, index.shards)
        if number in numbers:
            content.setdefault(number, {})[first] = "\n".join(
                second + _postings(seconds[second], digits) for second in sorted(seconds))
    return {f"{SEARCH_DIR}/zh/{number}.js": _script("shard", "zh", str(number), grams)
            for number, grams in sorted(content.items())}


def other_files(docs: list[list[object]], pages: list[list[object]], paragraphs: Sequence[Paragraph],
                chinese: dict[str, str], memo: SearchMemo | None = None) -> dict[str, str]:
    """The English shards, the paragraphs' text and the index file (which names the Chinese shards)."""
    before = memo or SearchMemo()
    used = SearchMemo()
    en: defaultdict[str, list[int]] = defaultdict(list)
    for n, paragraph in enumerate(paragraphs):
        if not paragraph.en:
            continue
        words = before.words.get(paragraph.en)
        if words is None:
            words = sorted(set(en_words(paragraph.en)))
        used.words[paragraph.en] = words
        for word in words:
            en[word].append(n)
    digits = [_base36(n) for n in range(len(paragraphs) + 1)]
    files: dict[str, str] = {}
    en_shards: dict[str, dict[str, str]] = {}
    for word in sorted(en):
        en_shards.setdefault(en_shard(word), {})[word] = _postings(en[word], digits)
    for key, words_of_shard in en_shards.items():
        files[f"{SEARCH_DIR}/en/{key}.js"] = _script("shard", "en", key, words_of_shard)
    for start in range(0, len(paragraphs), CHUNK):
        chunk = start // CHUNK, tuple(paragraphs[start:start + CHUNK])
        text = before.chunks.get(chunk)
        if text is None:
            text = _script("text", chunk[0], [[p.page, p.block_id, p.zh, p.en] for p in chunk[1]])
        used.chunks[chunk] = files[f"{SEARCH_DIR}/text/{chunk[0]}.js"] = text
    zh_numbers = sorted(int(path.rsplit("/", 1)[1].removesuffix(".js")) for path in chinese)
    meta = {"docs": docs, "pages": pages, "paragraphs": len(paragraphs), "chunk": CHUNK,
            "shards": shard_count(sum(len(p.zh) for p in paragraphs)), "zh": zh_numbers, "en": sorted(en_shards)}
    files[f"{SEARCH_DIR}/index.js"] = _script("meta", meta)
    if memo is not None:
        memo.words, memo.chunks = used.words, used.chunks
    return files
