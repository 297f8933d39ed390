"""Values passed between pipeline stages. Frozen: stages never mutate them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Marks a generated page that is HTML from end to end: the hook hands it to MkDocs
#: untouched instead of through Python-Markdown (see hooks/duben_hook.py).
RAW_MARK = "data-duben-raw"

ROLES = ("title", "subtitle", "dateline", "source", "byline", "salutation", "heading", "body")

#: Roles whose blocks are numbered paragraphs (``p1``, ``p2``…) and count as running text.
BODY_ROLES = ("body",)


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
    level: int = 0  # heading level (2–4) for role "heading", else 0


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
    #: How the source was read, when the reader should know (e.g. one paragraph per line).
    reading_notes: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        """meta.yml's title, else the first article's detected title."""
        return str(self.meta.get("title") or self.articles[0].title)

    @property
    def label(self) -> str:
        """The title with the year when the title lacks it: every 政府工作报告 is told apart
        (in navigation, lists and links) without knowing the other documents."""
        year = str(self.meta.get("date") or "")[:4]
        return f"{self.title}（{year}）" if year and year not in self.title else self.title

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
    #: Where the paragraph's translation is official: the English sentence that renders
    #: the term's sentence (or the paragraph), and the document it comes from.
    official_en: str = ""
    doc_title: str = ""
