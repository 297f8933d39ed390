"""Simplified → traditional characters, for the reader's 简/繁 switch (OpenCC, at build time).

OpenCC's ``s2tw``: phrase-aware (头发 → 頭髮 but 发展 → 發展, 干部 → 幹部 but
干燥 → 乾燥) with Taiwan's standard character forms (為, 裡), which readers in
Hong Kong read as well. Not ``s2twp``: it also swaps vocabulary (软件 → 軟體),
and the pinyin over a word must stay the pinyin of the characters shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any


@cache
def _converter() -> Any:  # opencc ships no type information
    import opencc

    return opencc.OpenCC("s2tw")


def traditional(text: str) -> str:
    return str(_converter().convert(text))


def traditional_words(words: Sequence[str]) -> list[str]:
    """Each word of a paragraph in traditional characters, converted as one text so that a phrase
    across two words still converts as a phrase; a word whose conversion would change its length
    (and so no longer match its pinyin, syllable for character) keeps its own form."""
    whole = traditional("".join(words))
    if len(whole) == sum(len(w) for w in words):
        out, at = [], 0
        for word in words:
            out.append(whole[at:at + len(word)])
            at += len(word)
        return out
    return [t if len(t := traditional(w)) == len(w) else w for w in words]


@cache
def character_forms() -> dict[str, str]:
    """Each character of the CJK Unified Ideographs block whose traditional form differs, on its
    own (发 → 發): one small table for the whole site, so that a page lists only the words whose
    phrase-aware form is not their characters' (头发 → 頭髮, not 頭發)."""
    forms = {}
    for code in range(0x4E00, 0xA000):
        char = chr(code)
        form = traditional(char)
        if form != char and len(form) == 1:
            forms[char] = form
    return forms


def by_characters(word: str) -> str:
    forms = character_forms()
    return "".join(forms.get(ch, ch) for ch in word)
