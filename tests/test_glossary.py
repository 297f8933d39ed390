"""Glossary: every entry is found in the seed, matches respect word boundaries, data is validated."""

from __future__ import annotations

import pytest

from duben.build.project import Project, load_documents, load_glossary
from duben.content.glossary import build_glossary, find_terms
from duben.errors import DubenError
from duben.language.segment import Jieba

from .conftest import ROOT

ENTRY = """term: 新质生产力
forms: [新质生产力]
english: new quality productive forces
english_source: Xinhua
gloss: Productivity driven by frontier technology.
explanation: Coined by Xi Jinping in 2023.
sources:
  - title: Xinhua
"""


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(Project(ROOT))


@pytest.fixture(scope="module")
def segment(glossary):
    return Jieba(glossary.form_index()).segment


def test_every_glossary_term_occurs_in_a_document(glossary, segment):
    forms = glossary.form_index()
    found = set()
    for loaded in load_documents(Project(ROOT)):
        for article in loaded.document.articles:
            for block in article.blocks:
                found.update(hit.term_id for hit in find_terms(segment(block.text), forms))
    missing = sorted({t.id for t in glossary.terms} - found)
    assert missing == [], f"glossary terms no longer found in the text: {missing}"
    assert len(glossary.terms) >= 40


def test_key_formulations_are_marked(glossary, segment, seed_document):
    forms = glossary.form_index()
    text = "".join(b.text for a in seed_document.articles for b in a.blocks)
    hits = {text[h.start:h.end] for h in find_terms(segment(text), forms)}
    for term in ["两个确立", "两个维护", "新质生产力", "33618", "三攻坚一盘活", "六个区", "成渝地区双城经济圈"]:
        assert term in hits, term


def test_no_hit_inside_another_word():
    forms = {"生产力": "a", "两地": "b"}
    # 两地区 is not 两地 + 区; the boundary check rejects a form cut out of a longer word
    hits = find_terms(["发展", "两地区", "生产力"], forms)
    assert [(h.start, h.end) for h in hits] == [(5, 8)]


def test_longest_form_wins_over_nested_shorter_one():
    forms = {"两中心两地": "long", "两地": "short"}
    hits = find_terms(["两中心两地"], forms)
    assert [(h.term_id, h.start, h.end) for h in hits] == [("long", 0, 5)]


def test_validation_reports_every_problem_with_file_names():
    bad = ENTRY.replace("english: new quality productive forces\n", "").replace("forms:", "form:")
    with pytest.raises(DubenError) as info:
        build_glossary([("xinzhi", bad, "content/glossary/xinzhi.yml"),
                        ("other", ENTRY + "related: [nowhere]\n", "content/glossary/other.yml"),
                        ("third", ENTRY, "content/glossary/third.yml")])
    text = str(info.value)
    assert "content/glossary/xinzhi.yml:2: unknown field 'form' (did you mean 'forms'?)" in text
    assert "missing required field 'english'" in text
    assert "related term 'nowhere' does not exist" in text
    assert "form “新质生产力” is also a form of 'other'" in text


def test_translations_use_the_glossary_renderings():
    """Where a term stands in a translated paragraph, its English uses the glossary's rendering (or an alternative)."""
    from duben.content.consistency import term_mismatches

    project = Project(ROOT)
    glossary = load_glossary(project)
    pairs = [(d.document, d.translations) for d in load_documents(project)]
    assert [str(p) for p in term_mismatches(pairs, glossary, Jieba(glossary.form_index()).segment)] == []


def test_a_translation_that_drops_the_glossary_rendering_is_reported():
    from dataclasses import replace

    from duben.content.consistency import term_mismatches

    project = Project(ROOT)
    docs = load_documents(project)
    entries = dict(docs[0].translations["resolution"])
    entries["p5"] = replace(entries["p5"], english="We must develop new productive power.")
    docs[0] = replace(docs[0], translations={**docs[0].translations, "resolution": entries})
    glossary = load_glossary(project)
    pairs = [(d.document, d.translations) for d in docs]
    found = [str(p) for p in term_mismatches(pairs, glossary, Jieba(glossary.form_index()).segment)
             if "新质生产力" in str(p) and "paragraph p5:" in str(p)]
    assert len(found) == 1
    assert found[0].startswith("content/texts/chongqing-plenum-2024-05-24/resolution.en.yml:")
    assert "xinzhi-shengchanli.yml" in found[0]


def test_a_term_page_stays_small_however_often_the_term_occurs():
    """1,000 documents: every occurrence is a link, only the first of the first articles is quoted."""
    from duben.model import Occurrence
    from duben.site.generate import SNIPPET_PLACES, backlinks

    found = [Occurrence("t", f"doc-{d:04d}", "text", f"报告{d}", f"p{p}", "…<mark>高质量发展</mark>…", "", f"报告{d}")
             for d in range(1000) for p in (3, 7, 12)]
    html = "\n".join(backlinks(found))
    assert html.count('href="../texts/') == 3000
    assert html.count("<mark>高质量发展</mark>") == SNIPPET_PLACES
    assert "Where it occurs (3000, in 1000 articles)" in html
    assert len(html.encode()) < 100 * 3000  # under 100 bytes an occurrence (a quoted one: ~250)
