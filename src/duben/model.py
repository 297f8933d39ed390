"""Values passed between pipeline stages. Frozen: stages never mutate them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Marks a generated page that is HTML from end to end: the hook hands it to MkDocs
#: untouched instead of through Python-Markdown (see hooks/duben_hook.py).
RAW_MARK = "data-duben-raw"

ROLES = ("title", "subtitle", "dateline", "source", "byline", "body")


@dataclass(frozen=True)
class Block:
    """One paragraph of the source after page-break repair.

    ``line`` is the 1-based line in ``source.txt`` where the block starts; it is
    what ``meta.yml`` overrides refer to and what error messages cite.
    """

    text: str
    line: int
    role: str = "body"
    id: str = ""
    joined_lines: tuple[int, ...] = ()  # lines of later fragments joined into this one


@dataclass(frozen=True)
class Article:
    slug: str
    blocks: tuple[Block, ...]

    @property
    def title(self) -> str:
        for block in self.blocks:
            if block.role == "title":
                return block.text
        return self.slug

    def block(self, block_id: str) -> Block:
        for b in self.blocks:
            if b.id == block_id:
                return b
        raise KeyError(block_id)


@dataclass(frozen=True)
class Document:
    slug: str
    articles: tuple[Article, ...]
    meta: dict[str, Any] = field(default_factory=dict)

    def title_en(self, article_slug: str) -> str | None:
        """The English title meta.yml gives an article, if any."""
        for entry in self.meta.get("articles") or []:
            if entry.get("slug") == article_slug and entry.get("title_en"):
                return str(entry["title_en"])
        return None


@dataclass(frozen=True)
class Occurrence:
    """Where a glossary term stands: for the term page's backlinks."""

    term_id: str
    doc: str
    article: str
    article_title: str
    block_id: str
    snippet_html: str
