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
