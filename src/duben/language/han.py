"""What counts as a Han character, and where a sentence ends: one definition for every stage.

Han: the CJK Unified Ideographs with Extensions A to H, the compatibility
ideographs (which OpenCC and the dictionaries map to unified ones) and 〇
(líng, "zero", written in dates: 二〇二四年). The Yijing hexagram symbols
(U+4DC0–4DFF) sit between Extension A and the main block but are not
characters anyone reads.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

HAN_CLASS = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN = re.compile(f"[{HAN_CLASS}]")
HAN_RUN = re.compile(f"[{HAN_CLASS}]+")

#: A sentence: everything up to and including its closing stops (。！？；, their ASCII
#: forms, or a line end). Commas, colons and dashes do not end one.
_SENTENCE = re.compile(r"[^。！？；!?;\n]*[。！？；!?;\n]*")


def is_han(ch: str) -> bool:
    """Whether ``ch`` (one character) is a Han character (see the module docstring)."""
    return bool(HAN.match(ch))


def sentences(text: str) -> Iterator[tuple[int, str]]:
    """(offset, sentence) for each sentence of ``text``, in order; together they make up ``text``."""
    for match in _SENTENCE.finditer(text):
        if match.group():
            yield match.start(), match.group()
