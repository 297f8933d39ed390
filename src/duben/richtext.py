"""Editor Markdown → safe HTML.

Translations and notes come from outside contributors, so whatever Markdown
renders to is cleaned by nh3 (a maintained, Rust-backed sanitizer) with an
allow-list: no script, no event handlers, no ``javascript:`` URLs.
"""

from __future__ import annotations

import re
from functools import cache

import markdown
import nh3

ALLOWED_TAGS = {"p", "em", "strong", "a", "code", "br", "sup", "sub", "ul", "ol", "li", "blockquote", "cite"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}


@cache
def _markdown() -> markdown.Markdown:
    # One converter, reset between texts: building a new one per note (what
    # markdown.markdown() does) cost more than converting the note.
    return markdown.Markdown(output_format="html")


def to_html(text: str) -> str:
    """Render Markdown (block level) and sanitize it."""
    html = _markdown().reset().convert(text)
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes=URL_SCHEMES, link_rel="noopener noreferrer nofollow")


def to_inline_html(text: str) -> str:
    """Render Markdown as inline content (the single paragraph's <p> removed)."""
    html = to_html(text)
    match = re.fullmatch(r"<p>(.*)</p>", html.strip(), re.S)
    return match.group(1) if match else html
