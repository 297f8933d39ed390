"""Translations against the glossary: a term's English rendering should be used where it stands.

For every glossary term found in a paragraph that has an English translation,
the English must contain the term's ``english`` or one of its
``alternatives`` (case, quotation marks, parentheses and hyphens ignored).
A miss is a warning naming the translation file and the entry's line: it
fails ``duben check --strict`` (and so the pull-request check), not a build.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from duben.build.project import LoadedDocument
from duben.content.glossary import Glossary, find_terms
from duben.content.translation import translation_path
from duben.errors import Problem
from duben.language.segment import add_words, segment


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[\"'“”‘’()\-]", " ", text.lower())).strip()


def term_mismatches(documents: Sequence[LoadedDocument], glossary: Glossary) -> list[Problem]:
    add_words(glossary.form_index())
    forms, terms = glossary.form_index(), glossary.by_id()
    problems = []
    for loaded in documents:
        for article in loaded.document.articles:
            entries = loaded.translations.get(article.slug, {})
            path = translation_path(loaded.document.slug, article.slug)
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
                            f"{term.term} (“{term.english}”, content/glossary/{term.id}.yml); use it, or add "
                            "the rendering used here to that entry's alternatives", severity="warning"))
    return problems
