"""``meta.yml``: the optional per-document settings file, its schema and defaults."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from duben.content.schema import Field, Schema, one_of, slug_check, validate
from duben.content.yamlfile import LineDict, line_of, load_yaml
from duben.errors import DubenError, Problem
from duben.model import ROLES, ArticleMeta, Meta, ReadingFix, Role, Sandhi


def _lines_check(value: Any) -> str | None:
    bad = [v for v in value if not isinstance(v, int) or isinstance(v, bool) or v < 1]
    return f"line numbers must be positive whole numbers, not {bad}" if bad else None


def _roles_check(value: Any) -> str | None:
    for key, role in value.items():
        if not str(key).isdigit():
            return f"'{key}' is not a line number"
        if role not in ROLES:
            return f"line {key}: '{role}' is not one of {', '.join(ROLES)}"
    return None


ARTICLE_SCHEMA: Schema = {
    "slug": Field(str, required=True, check=slug_check, doc="URL name of the article page"),
    "title_en": Field(str, doc="English title shown in navigation (optional)"),
}

READING_SCHEMA: Schema = {
    "text": Field(str, required=True, nonempty=True,
                  doc="the word as it stands in the source, or a longer context (… for a gap)"),
    "pinyin": Field(str, required=True, nonempty=True, doc="one syllable per character: háng zhǎng or hang2 zhang3"),
    "why": Field(str, doc="what the reading is, for the next editor"),
}

META_SCHEMA: Schema = {
    "title": Field(str, doc="Document title (defaults to the first article's title)"),
    "title_en": Field(str, doc="English title of the document"),
    "date": Field(str, check=lambda v: None if re.match(r"^\d{4}-\d{2}-\d{2}$", v) else "use YYYY-MM-DD"),
    "publisher": Field(str, doc="Who published the original"),
    "url": Field(str, doc="Where the original was published"),
    "speaker": Field(str, doc="Who delivered the text (a report, a speech)"),
    "kind": Field(str, doc="What sort of document: report, resolution, communiqué, speech…"),
    "tags": Field(list, items=str, doc="Free tags for the library"),
    "layout": Field(str, check=one_of("blocks", "lines"),
                    doc="Paragraphs separated by blank lines (blocks) or one per line (lines); detected"),
    "sandhi": Field(str, check=one_of(*Sandhi), doc="Tone policy for 一/不"),
    "articles": Field(list, items=ARTICLE_SCHEMA, doc="Article slugs in order of appearance"),
    "roles": Field(dict, check=_roles_check, doc="Override detected roles: {line: role}"),
    "join": Field(list, check=_lines_check, doc="Lines whose block must be joined to the next"),
    "no_join": Field(list, check=_lines_check, doc="Lines whose block must not be joined to the next"),
    "split_before": Field(list, check=_lines_check, doc="Lines that start a new article"),
    "no_split_before": Field(list, check=_lines_check, doc="Lines that do not start a new article"),
    "readings": Field(list, items=READING_SCHEMA, doc="Pinyin fixes for this document's words"),
    "readings_reviewed": Field(bool, doc="The review list is done (duben check warns while it is not empty)"),
}


def parse_meta(text: str | None, path: str) -> Meta:
    """Parse and validate meta.yml text (None: no file). Raises DubenError."""
    if text is None:
        return Meta()
    data = load_yaml(text, path)
    if data is None:
        return Meta()
    problems: list[Problem] = validate(data, META_SCHEMA, path)
    if problems:
        raise DubenError(problems)
    assert isinstance(data, LineDict)
    fixes, problems = _reading_fixes(data.get("readings") or [], path)
    if problems:
        raise DubenError(problems)
    return replace(to_meta(data), readings=fixes)


def _reading_fixes(items: list[Any], path: str) -> tuple[tuple[ReadingFix, ...], list[Problem]]:
    if not items:
        return (), []
    # Here, not at the top: the pinyin engine (pypinyin's tables, 0.5 s) loads only for documents with fixes,
    # so a build served from the cache does not load it.
    from duben.language.pinyin import make_override, numbered_syllables

    fixes, problems = [], []
    for n, item in enumerate(items, start=1):
        line = line_of(item, "pinyin") or line_of(item)
        try:
            syllables = numbered_syllables(str(item["pinyin"]))
            make_override(str(item["text"]), syllables)  # checks the text and the count
        except ValueError as exc:
            problems.append(Problem(path, line, f"readings[{n}] ({item['text']}): {exc}; write the pinyin "
                                    "with tone marks or numbers, one syllable per character"))
            continue
        fixes.append(ReadingFix(str(item["text"]), syllables, line_of(item, "text") or line))
    return tuple(fixes), problems


def reading_problems(meta: Meta, blocks: Iterable[str], path: str) -> list[Problem]:
    """A reading fix whose words stand nowhere in the document (a typo, or the text changed)."""
    from duben.language.pinyin import make_override

    texts = list(blocks)
    patterns = [(fix, make_override(fix.text, fix.syllables).regex) for fix in meta.readings]
    return [Problem(path, fix.line, f"readings: “{fix.text}” does not occur in this document's source; "
                    "copy the words exactly as they stand in source.txt")
            for fix, pattern in patterns if not any(pattern.search(text) for text in texts)]


def to_meta(data: dict[str, Any]) -> Meta:
    """A validated meta.yml mapping as a typed value."""
    def text(key: str) -> str | None:
        return str(data[key]) if data.get(key) is not None else None

    def lines(key: str) -> tuple[int, ...]:
        return tuple(int(n) for n in data.get(key) or ())

    return Meta(
        title=text("title"), title_en=text("title_en"), date=text("date"), publisher=text("publisher"),
        url=text("url"), speaker=text("speaker"), kind=text("kind"), tags=tuple(str(t) for t in data.get("tags") or ()),
        layout=text("layout"), sandhi=Sandhi(data["sandhi"]) if data.get("sandhi") else None,
        articles=tuple(ArticleMeta(str(a["slug"]), str(a["title_en"]) if a.get("title_en") else None)
                       for a in data.get("articles") or ()),
        roles={int(k): Role(v) for k, v in (data.get("roles") or {}).items()},
        join=lines("join"), no_join=lines("no_join"), split_before=lines("split_before"),
        no_split_before=lines("no_split_before"), readings_reviewed=bool(data.get("readings_reviewed")),
    )
