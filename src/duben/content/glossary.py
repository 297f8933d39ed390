"""The political-terms glossary: one YAML file per term in ``content/glossary/``.

Matching in running Chinese text cannot rely on word boundaries the way
Python-Markdown's ``abbr`` does (``\\b`` never matches between Han
characters). Instead every form is taught to jieba, the paragraph is
segmented, and a form counts only where it starts and ends on a word
boundary; longer forms win over shorter ones they overlap (``两个维护`` over
``维护``), so no term is found inside another word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from duben.content.schema import SLUG, SLUG_RULE, Field, Schema, validate
from duben.content.yamlfile import line_of, load_yaml
from duben.errors import DubenError, Problem, Severity
from duben.paths import glossary_file

SOURCE_SCHEMA: Schema = {
    "title": Field(str, required=True, nonempty=True),
    "publisher": Field(str),
    "url": Field(str, check=lambda v: None if re.match(r"^https?://", v) else "must start with http(s)://"),
    "date": Field(str),
}

TERM_SCHEMA: Schema = {
    "term": Field(str, required=True, nonempty=True, doc="canonical Chinese form"),
    "forms": Field(list, required=True, nonempty=True, items=str, doc="every written form to match"),
    "pinyin": Field(str, doc="override for the term's pinyin"),
    "english": Field(str, required=True, nonempty=True, doc="official English rendering where one exists"),
    "english_source": Field(str, required=True, nonempty=True, doc="where that rendering is used"),
    "alternatives": Field(list, items=str),
    "gloss": Field(str, required=True, nonempty=True, doc="one line for the tooltip"),
    "explanation": Field(str, required=True, nonempty=True, doc="Markdown"),
    "related": Field(list, items=str, doc="ids of related entries"),
    "sources": Field(list, required=True, nonempty=True, items=SOURCE_SCHEMA),
    "unverified": Field(str, doc="what could not be verified"),
}


@dataclass(frozen=True)
class Source:
    """Where a term's rendering or explanation can be checked."""

    title: str
    url: str | None = None
    publisher: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class Term:
    id: str
    term: str
    forms: tuple[str, ...]
    english: str
    english_source: str
    gloss: str
    explanation: str
    alternatives: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    unverified: str | None = None
    pinyin: str | None = None


@dataclass(frozen=True)
class Glossary:
    terms: tuple[Term, ...] = ()
    digest: str = ""  # of the files it was read from: part of every cache key

    def by_id(self) -> dict[str, Term]:
        return {t.id: t for t in self.terms}

    def form_index(self) -> dict[str, str]:
        """Form → term id."""
        return {form: t.id for t in self.terms for form in t.forms}


def parse_term(term_id: str, text: str, path: str) -> tuple[Term | None, list[Problem]]:
    try:
        data = load_yaml(text, path)
    except DubenError as exc:
        return None, exc.problems
    problems = validate(data, TERM_SCHEMA, path)
    if not SLUG.match(term_id):
        problems.append(Problem(path, None, f"file name must be {SLUG_RULE} + .yml"))
    if problems:
        return None, problems
    forms = [f.strip().strip("“”\"") for f in data["forms"]]
    for index, form in enumerate(forms):
        if not form:
            problems.append(Problem(path, line_of(data["forms"], index), "an empty form"))
    if data["term"] not in forms:
        forms.insert(0, data["term"])
    return Term(
        id=term_id, term=data["term"], forms=tuple(dict.fromkeys(forms)), english=data["english"],
        english_source=data["english_source"], gloss=" ".join(data["gloss"].split()),
        explanation=data["explanation"], alternatives=tuple(data.get("alternatives") or ()),
        related=tuple(data.get("related") or ()), sources=tuple(_source(s) for s in data["sources"]),
        unverified=data.get("unverified"), pinyin=data.get("pinyin"),
    ), problems


def _source(data: dict[str, Any]) -> Source:
    def text(key: str) -> str | None:
        return str(data[key]) if data.get(key) else None

    return Source(str(data["title"]), text("url"), text("publisher"), text("date"))


def build_glossary(files: Sequence[tuple[str, str, str]]) -> Glossary:
    """(id, text, path) for each file → Glossary; raises with every problem found."""
    terms: list[Term] = []
    problems: list[Problem] = []
    paths: dict[str, str] = {}
    for term_id, text, path in files:
        term, found = parse_term(term_id, text, path)
        problems.extend(found)
        if term:
            terms.append(term)
            paths[term_id] = path
    owner: dict[str, str] = {}
    ids = {t.id for t in terms}
    for term in terms:
        for form in term.forms:
            if form in owner:
                problems.append(Problem(paths[term.id], None, f"form “{form}” is also a form of "
                                        f"'{owner[form]}' ({paths[owner[form]]}); a form belongs to one term"))
            owner.setdefault(form, term.id)
        for rel in term.related:
            if rel not in ids:
                problems.append(Problem(paths[term.id], None, f"related term '{rel}' does not exist "
                                        f"(no {glossary_file(rel)})"))
            elif rel == term.id:
                problems.append(Problem(paths[term.id], None, "a term cannot be related to itself"))
    if problems:
        raise DubenError(problems)
    return Glossary(tuple(sorted(terms, key=lambda t: t.id)))


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    term_id: str


def find_terms(words: Sequence[str], forms: dict[str, str]) -> list[Hit]:
    """Occurrences of glossary forms that start and end on word boundaries.

    Longest form first; a hit never overlaps an earlier (longer) one.
    """
    text = "".join(words)
    bounds = {0}
    offset = 0
    for word in words:
        offset += len(word)
        bounds.add(offset)
    candidates: list[Hit] = []
    for form, term_id in forms.items():
        at = text.find(form)
        while at >= 0:
            if at in bounds and at + len(form) in bounds:
                candidates.append(Hit(at, at + len(form), term_id))
            at = text.find(form, at + 1)
    candidates.sort(key=lambda h: (-(h.end - h.start), h.start))
    taken: list[Hit] = []
    for hit in candidates:
        if all(hit.end <= t.start or hit.start >= t.end for t in taken):
            taken.append(hit)
    return sorted(taken, key=lambda h: h.start)


#: How an outlet named in ``english_source`` shows in a source's publisher, title or URL.
_OUTLETS = {
    "xinhua": ("xinhua", "news.cn"), "scio": ("scio", "information office"), "qiushi": ("qiushi", "qstheory"),
    "china daily": ("china daily", "chinadaily"), "cgtn": ("cgtn",), "ichongqing": ("ichongqing",),
    "people's daily": ("people's daily", "people.com.cn"), "state council": ("state council", "gov.cn"),
    "china news service": ("china news", "chinanews"), "scmp": ("scmp", "south china morning post"),
    "china media project": ("china media project", "chinamediaproject"),
    "center for strategic translation": ("strategic translation", "strategictranslation"),
    "chongqing daily": ("chongqing daily", "cqrb", "cqnews"), "wikipedia": ("wikipedia",),
}


def attribution_warnings(glossary: Glossary) -> list[Problem]:
    """Where an entry credits its English rendering to an outlet none of its sources (with a URL) is from.

    A rendering marked ``unofficial`` needs no outlet; any other ``english_source`` must name an outlet
    (Xinhua, SCIO, Qiushi, China Daily, iChongqing …) that one of the entry's sources with a ``url``
    comes from, so that a reader can check the rendering where it was published.
    """
    problems = []
    for term in glossary.terms:
        path = glossary_file(term.id)
        credit = term.english_source.lower()
        linked = [" ".join(filter(None, (s.title, s.publisher, s.url))).lower() for s in term.sources if s.url]
        if not linked:
            problems.append(Problem(path, None, "no source has a url: add where the entry's claims can be "
                                    "checked", severity=Severity.WARNING))
            continue
        if credit.startswith("unofficial"):
            continue
        named = [outlet for outlet in _OUTLETS if outlet in credit]
        if not named:
            problems.append(Problem(path, None, f"english_source “{term.english_source}” names no outlet; name "
                                    "the one that uses the rendering (and list it in sources, with its url), or "
                                    "write 'unofficial: …'", severity=Severity.WARNING))
        elif not any(any(alias in text for alias in _OUTLETS[o]) for o in named for text in linked):
            problems.append(Problem(path, None, f"english_source credits {', '.join(named)}, but no source "
                                    "with a url is from there; add that source (with its url) or write "
                                    "'unofficial: …'", severity=Severity.WARNING))
    return problems
