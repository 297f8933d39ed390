"""Values passed between pipeline stages. Frozen: stages never mutate them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

#: Marks a generated page that is HTML from end to end: the hook hands it to MkDocs
#: untouched instead of through Python-Markdown (see hooks/duben_hook.py).
RAW_MARK = "data-duben-raw"



class Role(StrEnum):
    """What a block of a source is (detected by duben.content.sources, overridable in meta.yml)."""

    TITLE = "title"
    SUBTITLE = "subtitle"
    DATELINE = "dateline"
    SOURCE = "source"
    BYLINE = "byline"
    SALUTATION = "salutation"
    HEADING = "heading"
    BODY = "body"


ROLES = tuple(r.value for r in Role)


class Status(StrEnum):
    """Where a paragraph's English stands: editors write the first three; the build finds outdated ones."""

    DRAFT = "draft"
    REVIEWED = "reviewed"
    OFFICIAL = "official"
    OUTDATED = "outdated"


class Sandhi(StrEnum):
    """Tone policy for 一 and 不: as the dictionary writes them, or as they are said."""

    CITATION = "citation"
    SPOKEN = "spoken"

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
    role: Role = Role.BODY
    id: str = ""
    joined_lines: tuple[int, ...] = ()  # lines of later fragments joined into this one
    level: int = 0  # heading level (2–4) for role "heading", else 0


@dataclass(frozen=True)
class Article:
    slug: str
    blocks: tuple[Block, ...]

    @cached_property  # a scan of the blocks, asked for by every build (the search index, the pages)
    def title(self) -> str:
        for block in self.blocks:
            if block.role == Role.TITLE:
                return block.text
        return self.slug

    def block(self, block_id: str) -> Block:
        for b in self.blocks:
            if b.id == block_id:
                return b
        raise KeyError(block_id)


@dataclass(frozen=True)
class ArticleMeta:
    slug: str
    title_en: str | None = None


@dataclass(frozen=True)
class ReadingFix:
    """An editor's reading for a word of this document (meta.yml ``readings:``): it wins over the engine."""

    text: str  # Han characters, … for a gap inside one clause
    syllables: tuple[str, ...]  # numbered, one per character
    line: int | None = None  # in meta.yml


@dataclass(frozen=True)
class Meta:
    """A document's ``meta.yml``, validated (schema and docs: duben.content.meta); all optional."""

    title: str | None = None
    title_en: str | None = None
    date: str | None = None  # YYYY-MM-DD
    publisher: str | None = None
    url: str | None = None
    speaker: str | None = None
    kind: str | None = None
    tags: tuple[str, ...] = ()
    layout: str | None = None  # "blocks" or "lines"; None: detected
    sandhi: Sandhi | None = None  # None: the site's policy
    articles: tuple[ArticleMeta, ...] = ()
    roles: dict[int, Role] = field(default_factory=dict)  # by source line
    join: tuple[int, ...] = ()
    no_join: tuple[int, ...] = ()
    split_before: tuple[int, ...] = ()
    no_split_before: tuple[int, ...] = ()
    readings: tuple[ReadingFix, ...] = ()
    readings_reviewed: bool = False  # an editor went through the review list (duben check holds it to empty)


@dataclass(frozen=True)
class Document:
    slug: str
    articles: tuple[Article, ...]
    meta: Meta = field(default_factory=Meta)
    #: How the source was read, when the reader should know (e.g. one paragraph per line).
    reading_notes: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        """meta.yml's title, else the first article's detected title."""
        return self.meta.title or self.articles[0].title

    @property
    def label(self) -> str:
        """The title with the year when the title lacks it: every 政府工作报告 is told apart
        (in navigation, lists and links) without knowing the other documents."""
        year = (self.meta.date or "")[:4]
        return f"{self.title}（{year}）" if year and year not in self.title else self.title

    def title_en(self, article_slug: str) -> str | None:
        """The English title meta.yml gives an article, if any."""
        return next((a.title_en for a in self.meta.articles if a.slug == article_slug and a.title_en), None)


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


def by_term(occurrences: Iterable[Occurrence]) -> dict[str, list[Occurrence]]:
    """Occurrences grouped by term, each term's in the order given."""
    found: dict[str, list[Occurrence]] = {}
    for o in occurrences:
        found.setdefault(o.term_id, []).append(o)
    return found
