"""Word segmentation with jieba, loaded once per process.

Material's search plugin imports the same ``jieba`` module, so when the hook
runs inside ``mkdocs build`` both share one loaded dictionary.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

import jieba

jieba.setLogLevel(logging.WARNING)


#: In a generation worker (duben.workers), the process that owns jieba answers instead.
_remote: Callable[[str, str], Any] | None = None


def use_remote(ask: Callable[[str, str], Any]) -> None:
    """Send segment()/is_word() to ``ask(kind, text)`` rather than loading jieba here."""
    global _remote
    _remote = ask


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
    if _remote is not None:
        return list(_remote("segment", text))
    words = list(_tokenizer().cut(text, HMM=True))
    assert "".join(words) == text
    return words


def is_word(text: str) -> bool:
    """Whether jieba's dictionary has ``text`` as a word (for context rules)."""
    if _remote is not None:
        return bool(_remote("is_word", text))
    return bool(_tokenizer().FREQ.get(text))
