"""Word segmentation with jieba, loaded once per process.

Material's search plugin imports the same ``jieba`` module, so when the hook
runs inside ``mkdocs build`` both share one loaded dictionary.

Loading that dictionary was the largest single cost of a build: jieba reads
its prefix dictionary (498,113 entries) from a ``marshal`` cache, 0.8 s here.
duben keeps the same entries in a cache of its own (:mod:`duben.language.machinecache`),
which loads in 0.2 s, and hands them to jieba as if jieba had loaded them
itself (the entries are compared with jieba's own in tests/test_segment.py).
It is rebuilt from jieba's own loader whenever it is missing or unreadable.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any

import jieba

from duben.language import machinecache

jieba.setLogLevel(logging.WARNING)


#: In a generation worker (duben.build.workers), the process that owns jieba answers instead.
_remote: Callable[[str, str], Any] | None = None


def use_remote(ask: Callable[[str, str], Any]) -> None:
    """Send segment()/is_word() to ``ask(kind, text)`` rather than loading jieba here."""
    global _remote
    _remote = ask


_MAGIC = b"dbjieba1"


def cache_file() -> Path:
    """Where jieba's prefix dictionary is kept for fast loading (see :mod:`duben.language.machinecache`)."""
    return machinecache.path_for("jieba", Path(jieba.get_module_res(jieba.DEFAULT_DICT_NAME).name), jieba.__version__)


def save_prefix_dict(freq: dict[str, int], total: int, path: Path) -> None:
    machinecache.save(path, _MAGIC, list(freq.values()), "\n".join(freq), extra=total)


def load_prefix_dict(path: Path) -> tuple[dict[str, int], int]:
    """The prefix dictionary saved by :func:`save_prefix_dict`; ValueError if it is not one."""
    counts, text, total = machinecache.load(path, _MAGIC)
    words = text.split("\n")
    if len(words) != len(counts):
        raise ValueError(f"{path}: damaged cache")
    return dict(zip(words, counts, strict=True)), total


@cache
def _tokenizer() -> jieba.Tokenizer:
    tokenizer = jieba.dt
    if tokenizer.initialized or tokenizer.dictionary is not None:
        tokenizer.check_initialized()  # someone else loaded it, or chose another dictionary
        return tokenizer

    def jiebas_own() -> tuple[dict[str, int], int]:
        jieba.initialize()
        return tokenizer.FREQ, tokenizer.total

    tokenizer.FREQ, tokenizer.total = machinecache.load_or_build(
        cache_file(), load_prefix_dict, jiebas_own, lambda loaded, path: save_prefix_dict(*loaded, path))
    tokenizer.initialized = True
    return tokenizer


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
