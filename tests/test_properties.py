"""Invariants over arbitrary text (hypothesis).

2,000 examples each by default; ``DUBEN_HYPOTHESIS_EXAMPLES=20000 pytest
tests/test_properties.py`` for a longer run.
"""

from __future__ import annotations

import os
import re

import html5lib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from duben.content.glossary import Glossary, Term
from duben.content.sources import parse_document
from duben.errors import DubenError
from duben.language.pinyin import annotate
from duben.language.segment import segment
from duben.model import Meta
from duben.site.generate import document_pages
from duben.site.render import Span, nestable, ruby_text

from .helpers import text_without_rt

EXAMPLES = int(os.environ.get("DUBEN_HYPOTHESIS_EXAMPLES", "2000"))
PROFILE = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ALPHABET = "中国共产党重庆市第六届委员会全体会议决议要为地着长重行还得一不了的是发展新质生产力两个确立"
PUNCT = "。，、；：？！“”‘’（）《》—…·"
META = "<>&*_#|`[]!\\\"'=/-.1234567890abcXYZ "
RARE = "𠮷𪚥𠀀😀🚀\u3000龘"
paragraph_chars = st.sampled_from(list(ALPHABET + PUNCT + META + RARE))
paragraphs = st.text(paragraph_chars, min_size=1, max_size=60).filter(lambda t: t.strip() != "")
any_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=200)

GLOSSARY = Glossary((
    Term("xinzhi", "新质生产力", ("新质生产力",), "new quality productive forces", "x", "g", "e"),
    Term("liangge", "两个确立", ("两个确立",), "Two Establishments", "x", "g", "e"),
))
_STRICT = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)



@PROFILE
@given(text=paragraphs, cut=st.lists(st.integers(0, 60), max_size=4))
def test_rendered_chinese_without_annotations_is_the_source(text, cut):
    words = segment(text)
    assert "".join(words) == text
    spans = [Span(min(a, b), max(a, b), '<mark class="x">', "</mark>")
             for a, b in zip(cut[::2], cut[1::2], strict=False) if min(a, b) < max(a, b) <= len(text)]
    html = ruby_text(annotate(words), nestable(spans))
    tree = _STRICT.parseFragment(f'<p class="db-zh">{html}</p>')  # raises on any parse error
    assert text_without_rt(tree) == text


@PROFILE
@given(body=st.lists(paragraphs, min_size=1, max_size=4))
def test_generator_output_parses_and_keeps_every_character(body):
    source = "\n\n".join(p.replace("\n", " ") for p in body)
    try:
        document = parse_document("doc", source, Meta(), "content/texts/doc/source.txt")
    except DubenError:
        return
    pages, _ = document_pages(document, glossary=GLOSSARY)
    shown = []
    for rel, page in pages.items():
        if not rel.endswith(".md") or rel.endswith("index.md"):
            continue
        for line in page.splitlines():
            if line.startswith('<div class="db-pair'):
                tree = _STRICT.parseFragment(line)
                shown.extend(text_without_rt(el) for el in tree.iter() if "db-zh" in (el.get("class") or "").split())
    assert re.sub(r"\s", "", "".join(shown)) == re.sub(r"\s", "", source)


@PROFILE
@given(text=any_text)
def test_the_generator_raises_only_duben_errors(text):
    from duben.content.encoding import decode

    try:
        decoded, _ = decode(text.encode("utf-8", "surrogatepass"), "content/texts/doc/source.txt")
        document = parse_document("doc", decoded, Meta(), "content/texts/doc/source.txt")
        document_pages(document, glossary=GLOSSARY)
    except DubenError:
        pass
