"""The pinyin engine: words → readings, one syllable per Han character.

Public API (used by the renderer and the CLI):

* :class:`Reading` — a base (one Han character, or a run of digits) and its
  syllables in numbered form (``quan2``, neutral tone ``5``, ü as ``v``).
* :func:`annotate` — readings for each word of a segmented paragraph.
* :func:`line_syllables` — numbered syllables of the Han characters of a line.
* :func:`to_marks` — ``zhong4`` → ``zhòng``.

How a Han character gets its reading: :data:`STEPS`, one function each, in
this order, later steps win (each works on a :class:`Paragraph`):

1. :func:`phrase_readings` — pypinyin's phrase table: the reading of the
   multi-character phrase the character sits in (the jieba word itself, else
   pypinyin's own maximum matching inside the word).
2. Characters in no phrase: :func:`settled_readings` for polyphones whose
   other readings occur only inside phrases; :func:`word_readings`, the one
   reading CC-CEDICT gives the jieba word they sit in; then
   :func:`g2pm_readings` (g2pM's BiLSTM, run on the sentence, long ones cut at
   clause ends) if g2pM knows the character as a polyphone, else pypinyin's
   most common reading.
3. :func:`context_rules` — what g2pM gets wrong in running text (adverbial 地 → de5,
   purpose 为 → wèi).
4. :func:`citation_yi_bu` — citation tones for 一 and 不 (GB/T 16159-2012).
5. :func:`project_overrides` — the reviewed ``data/pinyin_overrides.txt``,
   which win over every step before (also over 4: they may set 一 or 不).

Then, outside the steps, the ``spoken`` tone policy changes 一 and 不 (see
:func:`_spoken_yi_bu`) and runs of Arabic digits are read by
:mod:`duben.language.numbers`.

Why a phrase always beats g2pM: on the CPP dev set (Wikipedia sentences,
balanced per character) letting g2pM override phrases when it is very sure
(p ≥ 0.999 against a whole-word phrase, ≥ 0.9 inside a word) scores higher
without overrides (97.9 % against 97.4 %), but on policy text g2pM's sure
answers against a phrase are nearly all wrong (着力 zhe5, 充分 fen1, 协调 diao4,
供给 gei3, 为了 wei2, 只争朝夕 chao2, 宏观调控 diao4, all above 0.99), so the
phrase table, not the benchmark, wins; pypinyin's own phrase errors go to the
reviewed overrides instead (with them CPP dev is at 97.8 %).

"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from pypinyin import Style, lazy_pinyin
from pypinyin.constants import PHRASES_DICT, PINYIN_DICT
from pypinyin.contrib.tone_convert import to_tone3
from pypinyin.seg.mmseg import seg as _mmseg

from duben.language import numbers
from duben.language.dictionary import to_marks as to_marks  # part of this module's API
from duben.language.dictionary import word_reading
from duben.language.g2p import Guess, model
from duben.language.han import HAN_RUN, is_han, sentences
from duben.language.segment import Segmenter, plain
from duben.model import Sandhi

_SYLLABLE = re.compile(r"[a-z]+[1-5]")



@dataclass(frozen=True)
class Reading:
    """A base (Han character, other character or digit run) and its syllables."""

    base: str
    syllables: tuple[str, ...] = ()


# --- pypinyin's data -------------------------------------------------------


@lru_cache(maxsize=4096)
def _numbered(marked: str) -> str:
    """pypinyin stores tone marks; duben works in numbered form with v for ü."""
    return to_tone3(marked, neutral_tone_with_five=True).replace("ü", "v")


def _char_default(ch: str) -> str:
    """pypinyin's first (most common) reading of a single character, or ''."""
    readings = PINYIN_DICT.get(ord(ch))
    return _numbered(readings.split(",")[0]) if readings else ""


@lru_cache(maxsize=65536)
def _run_readings(run: str) -> tuple[tuple[str, bool], ...]:
    """(syllable, comes from a phrase) for each character of a run of Han characters.

    The run is one jieba word (or its Han part): pypinyin's phrase for the whole
    run if there is one, else pypinyin's forward maximum matching inside it
    (what ``pypinyin.pinyin`` does with a word list); characters in no phrase
    get their most common reading.
    """
    out: list[tuple[str, bool]] = []
    for token in [run] if run in PHRASES_DICT else _mmseg.cut(run):
        phrase = PHRASES_DICT.get(token) if len(token) > 1 else None
        if phrase is not None and len(phrase) == len(token):
            out.extend((_numbered(p[0]), True) for p in phrase)
        else:
            out.extend((_char_default(ch), False) for ch in token)
    return tuple(out)


# --- project overrides -----------------------------------------------------


@dataclass(frozen=True)
class Override:
    """One reviewed entry: a pattern and a syllable for each of its Han chars."""

    pattern: str
    syllables: tuple[str, ...]
    regex: re.Pattern[str]


_GAP = "…"
_MAX_GAP = 20
#: A gap in an override pattern: 1–20 characters inside one clause.
_GAP_RE = rf"[^，。；：！？,;:!?\n]{{1,{_MAX_GAP}}}?"
#: Pattern parts this long are specific enough to match anywhere.
_FREE_PART = 4


@cache
def _syllable_bases() -> frozenset[str]:
    """Every toneless syllable of Mandarin that pypinyin's character table uses (zhang, lve, er…)."""
    return frozenset(_numbered(r)[:-1] if _numbered(r)[-1:].isdigit() else _numbered(r)
                     for readings in PINYIN_DICT.values() for r in readings.split(","))


def numbered_syllables(text: str) -> tuple[str, ...]:
    """Pinyin as an editor writes it (``háng zhǎng`` or ``hang2 zhang3``, one syllable per
    character, separated by spaces) → numbered syllables; ValueError naming a bad one."""
    out = []
    for token in text.replace("'", " ").replace("’", " ").split():
        plain = token.lower().replace("u:", "v").replace("ü", "v")
        if plain[-1:] in "12345" and plain[:-1].isalpha():
            numbered = plain
        else:
            numbered = _numbered(token.lower())
            numbered = numbered if numbered[-1:].isdigit() else numbered + "5"
        if not _SYLLABLE.fullmatch(numbered) or numbered[:-1] not in _syllable_bases():
            raise ValueError(f"'{token}' is not a pinyin syllable")
        out.append(numbered)
    return tuple(out)


def make_override(pattern: str, syllables: Sequence[str]) -> Override:
    """An override entry: Han characters (``…`` for a gap inside one clause) and one syllable each."""
    parts = pattern.split(_GAP)
    chars = "".join(parts)
    if not all(parts) or not all(is_han(ch) for ch in chars):
        raise ValueError(f"bad pattern {pattern!r}: Han characters, with … for a gap")
    if len(syllables) != len(chars):
        raise ValueError(f"{len(chars)} characters but {len(syllables)} syllables: give one per character")
    regex = re.compile(_GAP_RE.join(f"({re.escape(p)})" for p in parts))
    return Override(pattern, tuple(syllables), regex)


def with_fixes(fixes: Sequence[tuple[str, Sequence[str]]]) -> tuple[Override, ...]:
    """The project's overrides, then a document's own fixes (text, syllables), which win over them."""
    return overrides() + tuple(make_override(_simplified(text), syllables) for text, syllables in fixes)


def parse_overrides(text: str) -> tuple[Override, ...]:
    """Parse the override file format; raise ``ValueError`` on a bad line.

    A line is ``PATTERN  SYL SYL …  # why``: Han characters (``…`` for a gap of
    up to 20 characters inside one clause) and one numbered syllable per Han
    character. See the header of ``data/pinyin_overrides.txt``.
    """
    entries: list[Override] = []
    for lineno, raw in enumerate(text.splitlines(), 1):
        line, _, why = raw.partition("#")
        if not line.strip():
            continue
        pattern, *syllables = line.split()
        parts = pattern.split(_GAP)
        if not all(parts) or not all(is_han(ch) for ch in "".join(parts)):
            raise ValueError(f"pinyin overrides line {lineno}: bad pattern {pattern!r}")
        if len(syllables) != len("".join(parts)) or not all(_SYLLABLE.fullmatch(s) for s in syllables):
            raise ValueError(f"pinyin overrides line {lineno}: need one numbered syllable per character")
        if not why.strip():
            raise ValueError(f"pinyin overrides line {lineno}: say why, after a #")
        entries.append(make_override(pattern, syllables))
    # Apply shorter patterns first so that the longer, more specific ones win.
    return tuple(sorted(entries, key=lambda e: len(e.syllables)))


@cache
def overrides() -> tuple[Override, ...]:
    """The reviewed overrides shipped with duben, loaded once."""
    text = resources.files("duben.language").joinpath("data/pinyin_overrides.txt").read_text(encoding="utf-8")
    return parse_overrides(text)


def _fits_words(text: str, start: int, end: int, starts: list[int], ends: list[int]) -> bool:
    """May a pattern part cover text[start:end], given the jieba words?

    A part shorter than 4 characters must not begin with the second half of a
    two-character word: 为…提供 leaves the 为 of 作为 alone, 以…为 the 以 of 所以,
    长效 does not fire across 增长/效益. A word is what jieba cut or a phrase of
    pypinyin's table (glossary terms make long jieba words, e.g.
    整治形式主义为基层减负, inside which a part may still match). Longer parts
    are specific enough to match anywhere, which also repairs jieba's mistakes
    (发展上当好排头兵 cut as 上当).
    """
    if end - start >= _FREE_PART or starts[start] == start or start == 0:
        return True
    pair = text[start - 1 : start + 1]
    return pair not in PHRASES_DICT and not (starts[start] == start - 1 and ends[start] == start + 1)


def _apply_overrides(text: str, starts: list[int], ends: list[int], syl: list[str],
                     entries: tuple[Override, ...], fixed: set[int] | None = None) -> None:
    for entry in entries:
        if entry.pattern[0] not in text:
            continue
        pos = 0
        while match := entry.regex.search(text, pos):
            spans = [match.span(g) for g in range(1, len(match.groups()) + 1)]
            if not all(_fits_words(text, a, b, starts, ends) for a, b in spans):
                pos = match.start() + 1
                continue
            for i, s in zip((i for a, b in spans for i in range(a, b)), entry.syllables, strict=True):
                syl[i] = s
                if fixed is not None:
                    fixed.add(i)
            pos = match.end()


# --- g2pM --------------------------------------------------------------------

_CLAUSE_END = re.compile(r"[，、：,:]")
#: Sentences longer than this are cut at clause ends. The LSTM costs a numpy
#: step per character of the longest piece of a batch; on CPP dev, clause-sized
#: context loses 0.05 points against whole sentences.
_MAX_PIECE = 24
#: Pieces without any clause punctuation are cut hard at this length.
_HARD_CUT = 160


def _sentences(text: str) -> Iterator[tuple[int, str]]:
    """(offset, piece) of a paragraph: sentences, long ones cut at clause ends."""
    for start, piece in sentences(text):
        while len(piece) > _MAX_PIECE:
            ends = [m.end() for m in _CLAUSE_END.finditer(piece, 0, _MAX_PIECE)]
            later = _CLAUSE_END.search(piece, _MAX_PIECE, len(piece) - 1)
            cut = ends[-1] if ends else later.end() if later else _HARD_CUT
            if cut >= len(piece):
                break
            yield start, piece[:cut]
            start, piece = start + cut, piece[cut:]
        if piece:
            yield start, piece


#: Polyphones whose other readings occur only inside words of the phrase table
#: (目的 的确 的士, 了解 受不了, 附和 和面, 上声, 参与 与会, 大夫, 会计, 作坊):
#: outside a phrase they take this reading without a g2pM run. On CPP dev and
#: the seed, g2pM gave exactly these readings at all ~14,000 such positions, so
#: this only saves time: a sentence needs the LSTM only for its other polyphones.
_SETTLED = {"的": "de5", "了": "le5", "和": "he2", "上": "shang4", "与": "yu3", "大": "da4", "会": "hui4", "作": "zuo4"}


@lru_cache(maxsize=4096)
def _guesses(sentences: tuple[str, ...]) -> tuple[dict[int, Guess], ...]:
    """g2pM's guesses for the polyphones of some sentences, run as one batch."""
    return tuple(model().guesses(sentences))


# --- context rules -------------------------------------------------------------

#: After 地 these make it a noun (宜居地和…, 首选地之一), not the adverbial de5.
_NOUN_DI_NEXT = set("的之和与及或是、")


def _adverbial_di(text: str, starts: list[int], ends: list[int], i: int, is_word: Callable[[str], bool]) -> bool:
    """Is 地 at ``i`` the adverbial particle de5 (紧密地团结, 坚定不移地走)?

    g2pM reads it dì nearly always. Here it is de5 when it follows an at least
    two-character Han word (紧密/地, 创造性地, 慢慢地) and a verb-like Han
    character follows (not the end of a clause, nor 的/和/之…, which mark the
    noun 地 'place': 宜居地和…). Words that start with 地 (地区, 地位) are nouns.
    """
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if not is_han(nxt) or nxt in _NOUN_DI_NEXT:
        return False
    ws, we = starts[i], ends[i]
    word = text[ws:we]
    if we - ws == 1 or (ws == i and not is_word(word[:2]) and word[:2] not in PHRASES_DICT):
        stem = text[starts[i - 1] : i] if i else ""  # 紧密/地/团结, 精准/地施策
    elif we == i + 1 and (word.endswith("性地") or (len(word) == 3 and word[0] == word[1])):
        stem = word[:-1]  # 创造性地, 慢慢地
    else:
        return False
    return len(stem) >= 2 and all(is_han(ch) for ch in stem)


# --- the engine ----------------------------------------------------------------


@cache
def _t2s() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def _simplified(word: str) -> str:
    """The word in simplified characters when that keeps its length (lookups need alignment).

    pypinyin's phrase table, the overrides and g2pM know simplified text:
    重慶 read as is gives zhòng qìng, read as 重庆 chóng qìng.
    """
    if word.isascii():
        return word
    converted = str(_t2s().convert(word))
    return converted if len(converted) == len(word) else word


@dataclass
class Paragraph:
    """One paragraph while its readings are decided: each step below reads and sets ``syl``."""

    text: str  # simplified, as the dictionaries know it
    starts: list[int]  # for each character, where its jieba word starts …
    ends: list[int]  # … and ends
    is_word: Callable[[str], bool]  # the segmenter's dictionary, for context rules
    overrides: tuple[Override, ...]
    syl: list[str] = field(default_factory=list)  # numbered syllable per character ('' for non-Han)
    in_phrase: list[bool] = field(default_factory=list)  # read from a phrase: g2pM leaves it alone
    guesses: dict[int, Guess] = field(default_factory=dict)  # where g2pM decided: its candidates, by offset
    fixed: set[int] = field(default_factory=set)  # set by a reviewed override or an editor's fix

    @classmethod
    def of(cls, words: Sequence[str], is_word: Callable[[str], bool], overrides: tuple[Override, ...]
           ) -> Paragraph:
        words = [_simplified(w) for w in words]
        text = "".join(words)
        starts, ends = [0] * len(text), [0] * len(text)
        offset = 0
        for word in words:
            starts[offset : offset + len(word)] = [offset] * len(word)
            ends[offset : offset + len(word)] = [offset + len(word)] * len(word)
            offset += len(word)
        return cls(text, starts, ends, is_word, overrides, [""] * len(text), [False] * len(text))


def phrase_readings(p: Paragraph) -> None:
    """Step 1: the phrase table's reading of the phrase each character sits in, within its word."""
    for run in HAN_RUN.finditer(p.text):
        start = run.start()
        while start < run.end():  # runs are cut at word ends: a phrase never crosses a word
            end = min(run.end(), p.ends[start])
            for k, (s, phrase) in enumerate(_run_readings(p.text[start:end])):
                p.syl[start + k] = s
                p.in_phrase[start + k] = phrase
            start = end


def settled_readings(p: Paragraph) -> None:
    """Step 2a: polyphones whose other readings occur only inside phrases (see ``_SETTLED``)."""
    for i, ch in enumerate(p.text):
        if ch in _SETTLED and not p.in_phrase[i]:
            p.syl[i] = _SETTLED[ch]
            p.in_phrase[i] = True


def word_readings(p: Paragraph) -> None:
    """Step 2b: a polyphone in no phrase but inside a multi-character word that CC-CEDICT reads one
    way only (no proper names, not two readings): the dictionary's reading of the word, not g2pM's
    guess character by character. Other characters keep their one reading (书记 stays shūjì), and a
    neutral tone in the dictionary is left to g2pM."""
    g2p = model()
    start = 0
    while start < len(p.text):
        end = p.ends[start]
        if end - start > 1 and not all(p.in_phrase[start:end]):
            reading = word_reading(p.text[start:end]) or ()
            for i, syllable in zip(range(start, end), reading, strict=False):
                # A neutral tone in CC-CEDICT is often optional (枇杷 pípa / pípá): g2pM decides those.
                if not p.in_phrase[i] and g2p.is_polyphone(p.text[i]) and not syllable.endswith("5"):
                    p.syl[i] = syllable
                    p.in_phrase[i] = True
        start = end


def g2pm_readings(p: Paragraph) -> None:
    """Step 2c: g2pM's BiLSTM for the polyphones left, one batch of sentence pieces."""
    g2p = model()
    pieces = [
        (start, sentence)
        for start, sentence in _sentences(p.text)
        if any(g2p.is_polyphone(ch) and not p.in_phrase[start + k] for k, ch in enumerate(sentence))
    ]
    for (start, _), row in zip(pieces, _guesses(tuple(s for _, s in pieces)), strict=True):
        for k, guess in row.items():
            if not p.in_phrase[start + k]:
                p.syl[start + k] = guess.best
                p.guesses[start + k] = guess


#: Clause openers and the adverbs before a purpose 为 (继续为…, 也为…, 要为…, 用于为…).
_CLAUSE_START = set("，。；：、！？“（")
_BEFORE_PURPOSE_WEI = {"也", "再", "要", "还", "都", "将", "更", "就", "继续", "用于", "积极", "努力", "共同"}


def _purpose_wei(text: str, starts: list[int], ends: list[int], i: int) -> bool:
    """Is 为 at ``i`` the preposition wèi "for" (，为市场主体减负; 继续为…作出贡献)?

    g2pM reads a standalone 为 as wéi nearly always. A 为 that is a word of its own
    and opens a clause (or follows one of :data:`_BEFORE_PURPOSE_WEI`) introduces
    whom or what something is for; wéi "be, act as" (以…为核心, 成为, 为主) is never
    there: it follows what it predicates, and its compounds are words of their own.
    """
    if starts[i] != i or ends[i] != i + 1:
        return False
    if i == 0 or text[i - 1] in _CLAUSE_START:
        return True
    return text[starts[i - 1]:i] in _BEFORE_PURPOSE_WEI


def context_rules(p: Paragraph) -> None:
    """Step 3: what g2pM gets wrong in running text (adverbial 地, purpose 为)."""
    for i, ch in enumerate(p.text):
        if ch == "地" and _adverbial_di(p.text, p.starts, p.ends, i, p.is_word):
            p.syl[i] = "de5"
        elif ch == "为" and _purpose_wei(p.text, p.starts, p.ends, i):
            p.syl[i] = "wei4"


def citation_yi_bu(p: Paragraph) -> None:
    """Step 4: 一 and 不 in their citation tones (GB/T 16159-2012); the spoken policy changes them later."""
    for i, ch in enumerate(p.text):
        if ch == "一":
            p.syl[i] = "yi1"
        elif ch == "不":
            p.syl[i] = "bu4"


def project_overrides(p: Paragraph) -> None:
    """Step 5: the reviewed overrides, which win over every step before."""
    _apply_overrides(p.text, p.starts, p.ends, p.syl, p.overrides, p.fixed)


Step = Callable[[Paragraph], None]

#: How a character's reading is decided, in order; later steps win.
STEPS: tuple[Step, ...] = (phrase_readings, settled_readings, word_readings, g2pm_readings, context_rules,
                           citation_yi_bu, project_overrides)


_NUMERALS = set("〇零一二三四五六七八九十百千万亿两几第")
_YI_ENUMERATION = set("是要则来")  # 一是…二是…: counting, said yī
#: Words that end in 一 'one, unity': jieba may glue them to what follows
#: (统一行动), but their 一 stays yī.
_YI_FINAL = set("统唯同万之专划如单逐归合纯均独")


def _next_han(text: str, i: int) -> int | None:
    """Index of the Han character right after ``i``, if the next character is one."""
    return i + 1 if i + 1 < len(text) and is_han(text[i + 1]) else None


def _spoken_yi_bu(words: Sequence[str], syl: list[str]) -> None:
    """Spoken tones of 一 and 不 (only these two; no third-tone sandhi).

    一 before a 4th tone → yi2, before 1st/2nd/3rd → yi4; 不 before a 4th tone →
    bu2. The next Han syllable decides, across word boundaries. 一 keeps yi1 when
    it counts rather than quantifies: ordinals and numbers (第一, 十一, 一二三),
    dates (一月), enumerations (一是), at the end of a word or sentence (统一).
    """
    text = "".join(words)
    word_end: set[int] = set()
    offset = 0
    for word in words:
        offset += len(word)
        if len(word) > 1:
            word_end.add(offset - 1)
    for i, ch in enumerate(text):
        if ch not in "一不":
            continue
        nxt = _next_han(text, i)
        if nxt is None or not syl[nxt]:
            continue
        tone = syl[nxt][-1]
        if ch == "不":
            if tone == "4":
                syl[i] = "bu2"
            continue
        prev = text[i - 1] if i else ""
        if (
            i in word_end
            or prev in _YI_FINAL
            or prev in _NUMERALS
            or prev.isdigit()
            or text[nxt] in _NUMERALS - {"百", "千", "万", "亿", "两", "几"}
            or text[nxt] in _YI_ENUMERATION
            or text[nxt] in "月日号"
        ):
            continue
        if tone == "4":
            syl[i] = "yi2"
        elif tone in "123":
            syl[i] = "yi4"


_DIGITS = re.compile(r"[0-9]+(?:\.[0-9]+)?[%％]?")


def read(words: Sequence[str], *, segmenter: Segmenter | None = None, steps: Sequence[Step] = STEPS,
         override_entries: tuple[Override, ...] | None = None) -> Paragraph:
    """The paragraph after every step: its citation syllables and how they were decided."""
    paragraph = Paragraph.of(words, (segmenter or plain()).is_word,
                             overrides() if override_entries is None else override_entries)
    for step in steps:
        step(paragraph)
    return paragraph


# --- the review list -------------------------------------------------------------

#: g2pM's probability below which its choice is listed for review.
UNSURE = 0.85


@dataclass(frozen=True)
class Doubt:
    """A reading worth a reviewer's look: another reader, or g2pM itself, says it may be otherwise."""

    offset: int  # in the paragraph
    char: str
    shown: str  # numbered, as on the page (citation tones)
    others: tuple[str, ...]  # the other possible readings


def _independent(text: str) -> list[str]:
    """pypinyin's own reading of the paragraph (its segmentation, its phrases), one item per character."""
    each_char: Any = list  # pypinyin accepts a list for a run it cannot read (its stubs say str)
    items = lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True, errors=each_char, tone_sandhi=False)
    out: list[str] = []
    for item in items:
        out.append(item.replace("ü", "v") if item[-1:].isdigit() else "")
    return out if len(out) == len(text) else [""] * len(text)


def _differs(shown: str, theirs: str) -> bool:
    """Another reading, beyond a neutral tone (任务 rènwù / rènwu are both standard)."""
    return bool(theirs) and theirs != shown and not (theirs[:-1] == shown[:-1] and "5" in (theirs[-1], shown[-1]))


def doubts(paragraph: Paragraph, second: Sequence[str] | None = None) -> list[Doubt]:
    """Where the reading shown may be wrong: pypinyin or ``second`` (another reader's syllable per
    character, see :mod:`duben.language.second_reader`) reads the character otherwise, or g2pM chose
    with probability below :data:`UNSURE`. Readings set by a reviewed override or an editor's fix,
    and 一/不 (citation tones by convention), are not listed."""
    readers = [_independent(paragraph.text), *([second] if second and len(second) == len(paragraph.text) else [])]
    found = []
    for i, (ch, shown) in enumerate(zip(paragraph.text, paragraph.syl, strict=True)):
        if not shown or i in paragraph.fixed or ch in "一不":
            continue
        alternatives: list[str] = []
        for other in readers:
            if _differs(shown, other[i]) and other[i] not in alternatives:
                alternatives.append(other[i])
        guess = paragraph.guesses.get(i)
        if guess is not None and guess.probs[0] < UNSURE:
            alternatives.extend(r for r in guess.readings[1:2] if r not in alternatives)
        if alternatives:
            found.append(Doubt(i, ch, shown, tuple(alternatives)))
    return found


def annotate(words: Sequence[str], *, sandhi: Sandhi = Sandhi.CITATION, segmenter: Segmenter | None = None,
             steps: Sequence[Step] = STEPS, override_entries: tuple[Override, ...] | None = None
             ) -> list[list[Reading]]:
    """Readings for each word; the bases of word i concatenate to ``words[i]``.

    The whole paragraph is read at once, so neighbouring words are context.
    ``segmenter`` (the one that cut ``words``) answers which neighbours form a word;
    ``steps`` and ``override_entries`` (default: :data:`STEPS`, :func:`overrides`)
    let an evaluation leave a step out.
    """
    if sandhi not in tuple(Sandhi):
        raise ValueError(f"sandhi must be one of {', '.join(Sandhi)}, not {sandhi!r}")
    text = "".join(words)
    syl = read(words, segmenter=segmenter, steps=steps, override_entries=override_entries).syl
    if sandhi == Sandhi.SPOKEN:
        _spoken_yi_bu(words, syl)
    result: list[list[Reading]] = []
    offset = 0
    for word in words:
        readings: list[Reading] = []
        pos = 0
        for match in _DIGITS.finditer(word):
            readings.extend(_char_readings(word, pos, match.start(), offset, syl))
            start, end = offset + match.start(), offset + match.end()
            readings.append(Reading(match.group(), numbers.read(match.group(), text[:start], text[end:])))
            pos = match.end()
        readings.extend(_char_readings(word, pos, len(word), offset, syl))
        result.append(readings)
        offset += len(word)
    return result


def _char_readings(word: str, start: int, end: int, offset: int, syl: list[str]) -> list[Reading]:
    return [Reading(ch, (syl[offset + k],) if syl[offset + k] else ()) for k, ch in enumerate(word[start:end], start)]


def line_syllables(text: str, *, sandhi: Sandhi = Sandhi.CITATION, segmenter: Segmenter | None = None) -> list[str]:
    """Numbered syllables of the Han characters of ``text`` (digits are skipped)."""
    segmenter = segmenter or plain()
    readings = annotate(segmenter.segment(text), sandhi=sandhi, segmenter=segmenter)
    return [r.syllables[0] if r.syllables else "" for word in readings for r in word if is_han(r.base)]
