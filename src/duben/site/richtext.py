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


#: Inline tags only: an English paragraph is prose, never a list or a heading.
PROSE_TAGS = {"em", "strong", "a", "code", "br", "sup", "sub", "cite"}

# What would make Python-Markdown open a block at the start of a line: "2. We…"
# (a list that also renumbers from 1), "# …", "> …", "- …", "---", indentation.
_BLOCK_START = re.compile(r"^(\d+)([.)])(?=\s)|^([*+-])(?=\s)|^([#>])|^([-=*_])(?=[-=*_ ]*$)", re.M)


def _inert(text: str) -> str:
    """Escape block syntax at line starts so Markdown keeps the text one paragraph."""
    text = "\n".join(line.strip() for line in text.split("\n"))
    def escape(m: re.Match[str]) -> str:
        if m.group(1):
            return f"{m.group(1)}\\{m.group(2)}"
        if m.group(5):  # a rule or setext underline: = and _ have no Markdown escape
            return f"&#{ord(m.group(5))};"
        return "\\" + m.group(0)

    return _BLOCK_START.sub(escape, text)


def to_prose_html(text: str) -> str:
    """Translation or note text → sanitized inline HTML paragraphs.

    Inline Markdown (emphasis, links, code) works; nothing turns a line into a
    list, a heading, a quote or code. Blank lines separate paragraphs (notes
    may have several); the result is a sequence of ``<p>`` without wrapper.
    """
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    out = []
    for paragraph in paragraphs:
        html = _markdown().reset().convert(_inert(paragraph))
        out.append(nh3.clean(html, tags=PROSE_TAGS | {"p"}, attributes=ALLOWED_ATTRIBUTES,
                             url_schemes=URL_SCHEMES, link_rel="noopener noreferrer nofollow"))
    return "".join(out)


def to_inline_prose(text: str) -> str:
    """One line of prose (a paragraph's English, a sentence): inline HTML, no ``<p>``."""
    html = to_prose_html(" ".join(text.split()))
    match = re.fullmatch(r"<p>(.*)</p>", html.strip(), re.S)
    return match.group(1) if match else html


def to_inline_html(text: str) -> str:
    """Render Markdown as inline content (the single paragraph's <p> removed)."""
    html = to_html(text)
    match = re.fullmatch(r"<p>(.*)</p>", html.strip(), re.S)
    return match.group(1) if match else html
