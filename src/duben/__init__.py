"""duben (读本): turn Chinese source documents into a bilingual reading site.

The package map: four layers, each importing only from itself and the layers
below it (checked by import-linter in ``make lint``).

``duben.build``    the file side, run by ``hooks/duben_hook.py`` and ``duben.cli``
    ``pipeline``   build(): load → split cached/uncached → generate → glossary pages → write
    ``project``    read ``content/`` (each folder once) and write ``docs/``
    ``cache``      per-document page cache keyed by the bytes read
    ``workers``    generation in worker processes
    ``importer``   ``duben import``: TMX or text → a content folder
``duben.site``     values → pages (pure)
    ``generate``   a document's pages: segment, find terms and notes, read, render; the
                   on-demand data beside each (word glosses, traditional forms)
    ``render``     HTML fragments: ruby, paragraph pairs, notes, lists
    ``richtext``   editor Markdown → safe HTML
    ``search``     the library's search index: Chinese bigrams, English words, paragraph text
    (the vocabulary export for Anki and Pleco is page script: ``docs/javascripts/vocab.js``)
``duben.content``  what editors write → values (pure)
    ``encoding``   bytes → text
    ``sources``    text → Document: blocks, page-break repair, roles, articles, ids
    ``meta``, ``translation``, ``glossary`` (+ ``schema``, ``yamlfile``): the YAML files
    ``consistency`` translations against the glossary's renderings
``duben.language`` Chinese → words and readings (pure; data from installed packages)
    ``segment``    words (jieba), with the glossary's terms as words
    ``pinyin``     **where a character's pinyin is decided**: phrase table, g2pM
                   (``g2p``), context rules, ``data/pinyin_overrides.txt``, digits
                   (``numbers``), tone sandhi; its docstring lists the order
    ``dictionary`` CC-CEDICT glosses and HSK levels; ``han``: what is Han, where sentences end
    ``script``     simplified → traditional characters (OpenCC) for the 简/繁 switch
``duben.limits``   what an editor's file may be: no symlinks, sizes no real document reaches
base               ``model`` (values passed between stages), ``errors``, ``paths``, ``atomic``

One paragraph's pinyin, from ``source.txt`` to HTML: ``build.project``
(reads the folder) → ``content.sources`` (the paragraph) → ``site.generate``
(``article_markdown``) → ``language.segment`` → ``language.pinyin.annotate``
→ ``site.render.ruby_text``.
"""

__all__ = ["__version__"]

__version__ = "0.1.0"
