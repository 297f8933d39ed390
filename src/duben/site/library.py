"""The home page's list of documents (light: no pinyin engine needed)."""

from __future__ import annotations

import re
from html import escape

from duben.model import Document


def md_text(text: str) -> str:
    """Editor text placed in generated Markdown: HTML-escaped and Markdown-inert."""
    return re.sub(r"([\\`*_\[\]{}<>#|!])", r"\\\1", escape(text, quote=False))


def library_list(documents: list[Document]) -> str:
    """Markdown list of all documents, for the home page."""
    lines = []
    for doc in sorted(documents, key=lambda d: (str(d.meta.get("date", "")), d.slug), reverse=True):
        title = doc.label
        extra = []
        if doc.meta.get("date"):
            extra.append(str(doc.meta["date"]))
        if doc.meta.get("title_en"):
            extra.append(str(doc.meta["title_en"]))
        suffix = f" — {' · '.join(extra)}" if extra else ""
        target = "index" if len(doc.articles) > 1 else doc.articles[0].slug
        lines.append(f"- [{md_text(title)}](texts/{doc.slug}/{target}.md){{ lang=zh-Hans }}{md_text(suffix)}")
        for article in doc.articles if len(doc.articles) > 1 else ():
            lines.append(f"    - [{md_text(article.title)}](texts/{doc.slug}/{article.slug}.md){{ lang=zh-Hans }}")
    return "\n".join(lines) + "\n"
