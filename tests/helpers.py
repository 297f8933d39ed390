"""Helpers shared by the tests."""

from __future__ import annotations

from typing import Any


def text_without_rt(el: Any) -> str:
    """The text of an (html5lib ElementTree) element with every <rt> left out: what a reader copies."""
    parts = [el.text or ""]
    for child in el:
        if child.tag != "rt":
            parts.append(text_without_rt(child))
        parts.append(child.tail or "")
    return "".join(parts)
