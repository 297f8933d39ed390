"""Word segmentation with jieba, loaded once per process.

Material's search plugin imports the same ``jieba`` module, so when the hook
runs inside ``mkdocs build`` both share one loaded dictionary.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import cache

import jieba

jieba.setLogLevel(logging.WARNING)


@cache
def _tokenizer() -> jieba.Tokenizer:
    jieba.initialize()
    return jieba.dt


def add_words(words: Iterable[str]) -> None:
    """Teach jieba words it must not split (glossary terms, overrides)."""
    tok = _tokenizer()
    for word in words:
        tok.add_word(word, freq=None)


def segment(text: str) -> list[str]:
    """Words of a paragraph, in order; their concatenation is exactly ``text``."""
    words = list(_tokenizer().cut(text, HMM=True))
    assert "".join(words) == text
    return words


def is_word(text: str) -> bool:
    """Whether jieba's dictionary has ``text`` as a word (for context rules)."""
    return bool(_tokenizer().FREQ.get(text))
