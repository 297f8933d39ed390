"""The pinyin engine: words → readings, one syllable per Han character.

Public API (used by the renderer and the CLI):

* :class:`Reading` — a base (one Han character, or a run of digits) and its
  syllables in numbered form (``quan2``, neutral tone ``5``, ü as ``v``).
* :func:`annotate` — readings for each word of a segmented paragraph.
* :func:`line_syllables` — numbered syllables of the Han characters of a line.
* :func:`to_marks` — ``zhong4`` → ``zhòng``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pypinyin import Style, pinyin

from .segment import segment

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def is_han(ch: str) -> bool:
    return bool(_HAN.match(ch))


@dataclass(frozen=True)
class Reading:
    base: str
    syllables: tuple[str, ...] = ()


def _word_syllables(word: str) -> list[str]:
    out = [s[0] for s in pinyin(word, style=Style.TONE3, neutral_tone_with_five=True, errors=lambda x: [""] * len(x))]
    return [s.replace("ü", "v") for s in out]


def annotate(words: Sequence[str], *, sandhi: str = "citation") -> list[list[Reading]]:
    """Readings for each word; the bases of word i concatenate to ``words[i]``."""
    result: list[list[Reading]] = []
    for word in words:
        if any(is_han(ch) for ch in word):
            syllables = _word_syllables(word)
            han = iter(syllables)
            readings = [Reading(ch, (next(han),)) if is_han(ch) else Reading(ch) for ch in word]
        else:
            readings = [Reading(ch) for ch in word]
        result.append(readings)
    return result


def line_syllables(text: str, *, sandhi: str = "citation") -> list[str]:
    return [s for word in annotate(segment(text), sandhi=sandhi) for r in word if is_han(r.base) for s in r.syllables]


_MARKS = {"a": "āáǎà", "o": "ōóǒò", "e": "ēéěè", "i": "īíǐì", "u": "ūúǔù", "v": "ǖǘǚǜ"}


def to_marks(syllable: str) -> str:
    """Numbered pinyin → tone marks (rules: a/e first, then o in ou, else the last vowel)."""
    if not syllable or not syllable[-1].isdigit():
        return syllable.replace("v", "ü")
    body, tone = syllable[:-1], int(syllable[-1])
    if tone in (0, 5):
        return body.replace("v", "ü")
    for vowel in ("a", "e"):
        if vowel in body:
            index = body.index(vowel)
            break
    else:
        index = body.index("o") if "ou" in body else max(body.rfind(v) for v in "iouv")
    if index < 0:
        return body
    ch = body[index]
    return (body[:index] + _MARKS[ch][tone - 1] + body[index + 1:]).replace("v", "ü")
