"""Word segmentation with jieba: a :class:`Segmenter` is passed to the stages that need words.

Each :class:`Jieba` segmenter has its own copy of jieba's dictionary, taught
the words it is given (the glossary's terms, so that they are matched whole);
nothing one learns changes another. Each reads the dictionary from duben's
own per-machine cache (:mod:`duben.language.machinecache`),
several times faster than jieba's ``marshal`` cache (``make bench`` measures
it; the entries are compared with jieba's own in tests/test_segment.py), and
rebuilt from jieba's own loader whenever missing or unreadable.

jieba's process-wide tokenizer (``jieba.dt``) is never used or changed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import jieba

from duben.language import machinecache

jieba.setLogLevel(logging.WARNING)


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


def _dictionary() -> tuple[dict[str, int], int]:
    """jieba's prefix dictionary and total, read afresh: each tokenizer owns what it is given."""

    def jiebas_own() -> tuple[dict[str, int], int]:
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
        return tokenizer.FREQ, tokenizer.total

    return machinecache.load_or_build(
        cache_file(), load_prefix_dict, jiebas_own, lambda loaded, path: save_prefix_dict(*loaded, path))


def _tokenizer(words: Iterable[str]) -> jieba.Tokenizer:
    """A tokenizer on its own dictionary, taught ``words`` (the one place jieba learns words).

    Its own, read from the machine cache rather than copied from a kept one:
    a build needs one tokenizer, so it keeps one dictionary in memory.
    """
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total = _dictionary()
    tokenizer.initialized = True
    for word in words:
        tokenizer.add_word(word, freq=None)
    return tokenizer


class Segmenter(Protocol):
    """What the stages need of a segmenter (a worker's asks the build process: duben.build.workers)."""

    def segment(self, text: str) -> list[str]: ...

    def is_word(self, text: str) -> bool: ...


class Jieba:
    """Words of a text, with jieba, knowing the given words (glossary terms) as words.

    Each segmenter has its own tokenizer, so what one learns never changes
    another: a result depends on the arguments, not on what ran before.
    """

    def __init__(self, words: Iterable[str] = ()) -> None:
        self._tokenizer = _tokenizer(words)

    def segment(self, text: str) -> list[str]:
        """Words of a paragraph, in order; their concatenation is exactly ``text``."""
        words = list(self._tokenizer.cut(text, HMM=True))
        assert "".join(words) == text
        return words

    def is_word(self, text: str) -> bool:
        """Whether the dictionary has ``text`` as a word (for context rules)."""
        return bool(self._tokenizer.FREQ.get(text))


@lru_cache(maxsize=8)
def _knowing(words: frozenset[str]) -> Jieba:
    return Jieba(sorted(words))


def knowing(words: Iterable[str]) -> Jieba:
    """A segmenter that knows ``words`` besides jieba's (shared: a segmenter never changes once made)."""
    return _knowing(frozenset(words))


def plain() -> Jieba:
    """A segmenter that knows jieba's words only."""
    return knowing(())


def segment(text: str) -> list[str]:
    """Words of ``text`` by :func:`plain`."""
    return plain().segment(text)


def is_word(text: str) -> bool:
    """Whether ``text`` is one of jieba's words."""
    return plain().is_word(text)
