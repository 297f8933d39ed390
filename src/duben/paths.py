"""Where things are in a duben project: the one definition of its folders and file names.

Paths are POSIX strings relative to the project root (the folder of
``mkdocs.yml``), as problems and edit links show them; :class:`duben.build.project.Project`
turns them into real paths.
"""

from __future__ import annotations

CONTENT = "content"
TEXTS = f"{CONTENT}/texts"  # one folder per document, named by its slug
GLOSSARY = f"{CONTENT}/glossary"  # one YAML file per term, named by its id
DOCS = "docs"  # MkDocs' pages: hand-written, plus the generated folders below
GENERATED = ("texts", "glossary", "search", "words")  # folders of docs/ that the generator owns entirely
CACHE = "build/cache"  # generation cache: never in content/
SECOND_READER = "build/vendor/pinyin-pro.js"  # fetched by the Makefile, for the review list


def translation_file(doc_slug: str, article_slug: str) -> str:
    return f"{TEXTS}/{doc_slug}/{article_slug}.en.yml"


def glossary_file(term_id: str) -> str:
    return f"{GLOSSARY}/{term_id}.yml"


def content_source(page_path: str) -> str | None:
    """The editor-owned file behind a generated page (``texts/<doc>/<article>.md``…), for the edit button."""
    parts = page_path.split("/")
    if len(parts) == 3 and parts[0] == "texts":
        name = parts[2].removesuffix(".md")
        return f"{TEXTS}/{parts[1]}/meta.yml" if name == "index" else translation_file(parts[1], name)
    if len(parts) == 2 and parts[0] == "glossary" and parts[1] != "index.md":
        return glossary_file(parts[1].removesuffix(".md"))
    return None
