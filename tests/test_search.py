"""The library's search: a paragraph found by its exact phrase, from disk and from a server.

Browser tests run on the session's site (the seed and two Government Work
Reports, whose text holds 稳增长 in several paragraphs and its characters in
hundreds more).
"""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from duben.content.translation import Entry
from duben.model import Article, Block, Document, Meta, Status
from duben.site.search import CHUNK, Paragraph, SearchMemo, search_files, shard_count, toneless, zh_files

RESULTS = ".db-search-results li:not(.db-search-term)"


# ---- the index ----------------------------------------------------------------------------------

def _document(slug: str, date: str, texts: list[str], english: dict[str, str]) -> tuple[Document, dict]:
    blocks = tuple(Block(t, n + 1, id=f"p{n + 1}") for n, t in enumerate(texts))
    entries = {b: Entry(b, e, Status.DRAFT, (), 1) for b, e in english.items()}
    return Document(slug, (Article("text", blocks),), Meta(title=slug, date=date)), {"text": entries}


def _call(text: str, name: str) -> list:
    assert text.startswith(f"dbSearch.{name}(") and text.endswith(");\n")
    return json.loads("[" + text[len(name) + 10:-3] + "]")


def _decode(postings: str) -> list[int]:
    numbers, n = [], 0
    for gap in postings.split():
        n += int(gap, 36)
        numbers.append(n)
    return numbers


def test_bigram_postings_find_each_paragraph_holding_a_phrase_and_nothing_of_pending_english():
    older = _document("older", "2017-03-05", ["稳增长、促改革", "经济平稳增长"], {"p1": "Maintain stable growth"})
    newer = _document("newer", "2024-05-24", ["碳达峰碳中和", "增长"], {})
    files = search_files([older, newer])
    meta = _call(files["search/index.js"], "meta")[0]
    assert [d[0] for d in meta["docs"]] == ["newer", "older"]  # newest first: results come in this order
    assert meta["paragraphs"] == 4 and meta["shards"] == shard_count(0)
    grams: dict[str, str] = {}
    for path, text in files.items():
        if path.startswith("search/zh/"):
            _, key, data = _call(text, "shard")
            assert all(int(key) == ord(first) % meta["shards"] for first in data)
            grams.update({first + line[0]: line[1:] for first, lines in data.items() for line in lines.split("\n")})
    # paragraphs: 0 碳达峰碳中和, 1 增长 (newer), 2 稳增长、促改革, 3 经济平稳增长 (older)
    assert _decode(grams["增长"]) == [1, 2, 3]
    assert _decode(grams["稳增"]) == [2, 3]
    assert _decode(grams["碳达"]) == [0]
    assert _decode(grams["长$"]) == [1, 3]  # a paragraph's last character, for one-character queries
    english = {}
    for path, text in files.items():
        if path.startswith("search/en/"):
            english.update(_call(text, "shard")[2])
    assert _decode(english["stable"]) == [2]
    rows = _call(files["search/text/0.js"], "text")[1]
    assert [r[3] for r in rows] == ["", "", "Maintain stable growth", ""]  # pending: no English, never "pending"
    assert len(rows) <= CHUNK


_PARAGRAPHS = st.lists(st.text("增长稳碳达峰 中和改革、", max_size=8), min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(_PARAGRAPHS, st.lists(st.tuples(st.integers(0, 11), st.text("增长稳碳峰新质 ", max_size=6)), max_size=4),
       st.booleans())
def test_the_serve_memo_updates_the_chinese_shards_to_what_a_full_make_gives(texts, edits, add):
    """Under ``mkdocs serve`` an edit re-posts only the edited paragraphs' bigrams: the shards
    must be, byte for byte, those made from nothing (also when a paragraph is added)."""
    memo = SearchMemo()
    paragraphs = [Paragraph(0, f"p{n}", text, "") for n, text in enumerate(texts)]
    assert zh_files(paragraphs, memo) == zh_files(paragraphs)
    for where, text in edits:
        paragraphs[where % len(paragraphs)] = Paragraph(0, "p", text, "")
        assert zh_files(paragraphs, memo) == zh_files(paragraphs)
    if add:
        paragraphs.append(Paragraph(0, "new", "碳达峰", ""))
        assert zh_files(paragraphs, memo) == zh_files(paragraphs)


def test_toneless_pinyin_is_what_a_reader_types():
    assert toneless("xīnzhì shēngchǎnlì") == "xinzhishengchanli"
    assert toneless("Lǜsè") == "lvse"


def test_shards_grow_with_the_library_so_a_query_loads_about_the_same():
    assert shard_count(40_000) == 8
    assert shard_count(3_000_000) == 256
    assert shard_count(15_000_000) == 1024


# ---- in the browser -----------------------------------------------------------------------------

def _open(page, base: str, rel: str = "index.html") -> None:
    page.goto(base + rel)
    page.wait_for_load_state("load")


def _search(page, query: str, how: str = "fill") -> None:
    page.keyboard.press("/")
    field = page.locator(".db-search-input")
    assert field.is_visible() and field.evaluate("el => el === document.activeElement")
    field.fill("")
    if how == "fill":
        field.fill(query)
    elif how == "type":
        field.press_sequentially(query, delay=60)  # one character at a time, each an input event
    else:  # an input method: a composition (pinyin letters), then the committed characters
        cdp = page.context.new_cdp_session(page)
        for typed in ("w", "wen", "wenz", "wenzeng"):
            cdp.send("Input.imeSetComposition", {"text": typed, "selectionStart": len(typed),
                                                 "selectionEnd": len(typed)})
            page.wait_for_timeout(150)  # longer than the typing pause: nothing may run meanwhile
        cdp.send("Input.insertText", {"text": query})
    page.wait_for_function("q => document.querySelector('.db-search-status').textContent.indexOf('“' + q + '”') >= 0",
                           arg=query, timeout=15_000)


def _results(page) -> list[dict]:
    return page.locator(RESULTS).evaluate_all("""els => els.map(li => ({
        href: li.querySelector('a').href,
        where: li.querySelector('.db-search-where').textContent,
        snippet: li.querySelector('.db-search-snippet').textContent,
        marks: [...li.querySelectorAll('mark')].map(m => m.textContent)}))""")


def test_a_chinese_phrase_finds_the_paragraphs_that_hold_it_and_lands_on_one(page, base):
    _open(page, base)
    _search(page, "稳增长")
    results = _results(page)
    assert len(results) >= 5
    for result in results:
        assert "稳增长" in result["snippet"] and result["marks"] == ["稳增长"]
        assert re.search(r"/texts/gwr-20\d\d/text\.html\?q=%E7%A8%B3%E5%A2%9E%E9%95%BF#p\d+$", result["href"])
    first = page.locator(RESULTS).first.locator("a")
    target = results[0]["href"].rsplit("#", 1)[1]
    first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith(f"#{target}")
    paragraph = page.locator(f"#{target}")
    assert "db-found" in (paragraph.get_attribute("class") or "")
    assert page.locator(f"#{target} .db-zh mark.db-found-mark").evaluate_all(
        "els => els.map(m => m.textContent).join('')") == "稳增长"
    # each marked word keeps its pinyin (稳 增长: two words, each with its <rt>)
    marked = page.locator(f"#{target} .db-zh ruby:has(mark.db-found-mark)")
    assert marked.count() >= 1 and marked.locator("rt").count() == marked.count()
    top = paragraph.bounding_box()
    assert top and 0 <= top["y"] < 900, "the browser scrolled to the paragraph"
    assert page.watch.errors == [] and page.watch.foreign == []


def test_a_phrase_is_not_its_characters(page, base):
    """新质生产力's characters are in most paragraphs; the phrase in one or two."""
    _open(page, base)
    _search(page, "新质生产力")
    assert page.locator(".db-search-term").first.inner_text().startswith("新质生产力")
    results = _results(page)
    assert 1 <= len(results) <= 3
    assert all("新质生产力" in r["snippet"] for r in results)


@pytest.mark.parametrize("query", ["稳增长", "新质生产力"])
def test_typing_one_character_at_a_time_or_through_an_input_method_gives_the_same_results(page, base, query):
    _open(page, base)
    found = {}
    for how in ("fill", "type", "ime"):
        _search(page, query, how)
        found[how] = [r["href"] for r in _results(page)]
    assert found["fill"] and found["type"] == found["fill"] and found["ime"] == found["fill"]


def test_english_finds_the_phrase_first_then_paragraphs_with_all_its_words(page, base):
    _open(page, base)
    _search(page, "stable growth")
    results = _results(page)
    exact = [r for r in results if "stable growth" in r["snippet"].lower()]
    assert len(exact) >= 3
    assert results[:len(exact)] == exact, "paragraphs with the phrase come first"
    assert all(r["marks"] == ["stable growth"] for r in exact)
    loose = results[len(exact):]
    assert loose and all(r["marks"] and {m.lower() for m in r["marks"]} <= {"stable", "growth"} for r in loose)


@pytest.mark.parametrize(("query", "term"), [("xinzhi shengchanli", "新质生产力"), ("XinZhiShengChanLi", "新质生产力"),
                                             ("new quality productive forces", "新质生产力"),
                                             ("33618", "33618")])
def test_a_glossary_term_comes_first_for_its_own_name(page, base, query, term):
    _open(page, base)
    _search(page, query)
    first = page.locator(".db-search-results li").first
    assert "db-search-term" in (first.get_attribute("class") or "")
    assert first.locator(".db-search-where").inner_text() == term
    first.locator("a").click()
    page.wait_for_load_state("load")
    assert "/glossary/" in page.url and page.locator("h1").first.inner_text() == term


def test_pending_translations_and_pinyin_are_not_found(page, base):
    _open(page, base)
    _search(page, "Translation pending")
    assert _results(page) == []
    _search(page, "xīn")
    assert _results(page) == []


def test_search_works_on_a_phone(browser, base, artifacts):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    _open(page, base)
    page.locator(".db-search-open").tap()
    field = page.locator(".db-search-input")
    assert field.is_visible()
    box = page.locator(".db-search-panel").bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390
    field.fill("稳增长")
    page.wait_for_function("document.querySelectorAll('.db-search-results li').length > 3")
    page.screenshot(path=str(artifacts / f"search-phone-{base[:4]}.png"))
    context.close()
