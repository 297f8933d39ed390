"""Translations against the glossary: a term's English rendering should be used where it stands.

For every glossary term found in a paragraph that has an English translation,
the English must contain the term's ``english`` or one of its
``alternatives`` (case, quotation marks, parentheses and hyphens ignored).
A miss is a warning naming the translation file and the entry's line: it
fails ``duben check --strict`` (and so the pull-request check), not a build.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from duben.content.glossary import Glossary, find_terms
from duben.content.translation import Entry
from duben.errors import Problem, Severity
from duben.model import Document
from duben.paths import glossary_file, translation_file


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[\"'“”‘’()\-]", " ", text.lower())).strip()


def term_mismatches(documents: Sequence[tuple[Document, Mapping[str, Mapping[str, Entry]]]], glossary: Glossary,
                    segment: Callable[[str], list[str]]) -> list[Problem]:
    """Warnings for paragraphs whose English misses a term's rendering.

    ``segment`` must know the glossary's forms as words (see
    :class:`duben.language.segment.Segmenter`): terms are matched on word boundaries.
    """
    forms, terms = glossary.form_index(), glossary.by_id()
    problems = []
    for document, translations in documents:
        for article in document.articles:
            entries = translations.get(article.slug, {})
            path = translation_file(document.slug, article.slug)
            for block in article.blocks:
                entry = entries.get(block.id)
                if not entry or not entry.english or entry.official:
                    continue  # an official translation is kept as published (its glossary page quotes it)
                english = _normal(entry.english)
                for term_id in dict.fromkeys(h.term_id for h in find_terms(segment(block.text), forms)):
                    term = terms[term_id]
                    if not any(_normal(c) in english for c in (term.english, *term.alternatives)):
                        problems.append(Problem(
                            path, entry.line,
                            f"paragraph {block.id}: the English does not use the glossary's rendering of "
                            f"{term.term} (“{term.english}”, {glossary_file(term.id)}); use it, or add "
                            "the rendering used here to that entry's alternatives", severity=Severity.WARNING))
    return problems
