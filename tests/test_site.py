"""A real `mkdocs build --strict`: pages, ruby on every character, clean search index."""

from __future__ import annotations

import json
import re
from pathlib import Path

import html5lib

from duben.language.han import HAN

from .conftest import ROOT, SEED, mkdocs_build, project_copy
from .helpers import text_without_rt

TONE_MARKS = re.compile(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")
ARTICLES = ["resolution", "press-conference"]


def _tree(path: Path):
    return html5lib.parse(path.read_text(encoding="utf-8"), namespaceHTMLElements=False)


def _zh_blocks(site: Path):
    for slug in ARTICLES:
        tree = _tree(site / "texts" / SEED / f"{slug}.html")
        yield from (el for el in tree.iter() if "db-zh" in (el.get("class") or "").split())



def test_both_articles_with_32_blocks(site):
    blocks = list(_zh_blocks(site))
    assert len(blocks) == 32
    for slug in ARTICLES:
        tree = _tree(site / "texts" / SEED / f"{slug}.html")
        pairs = [el for el in tree.iter("div") if "db-pair" in (el.get("class") or "")]
        assert all(p.get("id") for p in pairs)
        assert all(el.get("lang") == "en" for p in pairs for el in p.iter("div") if "db-en" in el.get("class", ""))


def test_every_han_character_of_the_seed_once_in_order_each_with_its_own_syllable(site):
    source = (ROOT / "content/texts" / SEED / "source.txt").read_text(encoding="utf-8")
    syllable = r"[a-zü" + TONE_MARKS.pattern[1:-1] + r"]+"
    shown = []
    for block in _zh_blocks(site):
        assert block.get("lang") == "zh-Hans"
        shown.append(text_without_rt(block))
        for ruby in block.iter("ruby"):
            (rt,) = list(ruby)  # the word, then one <rt>: its syllables
            assert rt.tag == "rt" and ruby.text and not rt.tail
            if HAN.fullmatch(ruby.text[0]):  # a run of digits reads as its number instead
                assert re.fullmatch(rf"{syllable}( {syllable})*", rt.text or ""), (ruby.text, rt.text)
                assert len((rt.text or "").split()) == len(ruby.text), (ruby.text, rt.text)
    assert HAN.findall("".join(shown)) == HAN.findall(source)
    assert re.sub(r"\s", "", "".join(shown)) == re.sub(r"\s", "", source)


def test_every_han_character_has_a_syllable(site):
    for block in _zh_blocks(site):
        for ruby in block.iter("ruby"):
            han = HAN.findall(ruby.text or "")
            assert len(han) <= len("".join(rt.text or "" for rt in ruby.iter("rt")).split())
        outside = block.text or ""
        outside += "".join(c.tail or "" for c in block if c.tag == "ruby")
        assert not HAN.search(outside), f"Han characters without ruby: {outside!r}"


def test_search_index_has_the_chinese_and_english_but_no_pinyin(site):
    rows = [row for path in sorted((site / "search" / "text").glob("*.js"))
            for row in json.loads(path.read_text(encoding="utf-8").removeprefix("dbSearch.text(").split(",", 1)[1]
                                  .removesuffix(");\n"))]
    zh = " ".join(row[2] for row in rows)
    en = " ".join(row[3] for row in rows)
    assert not TONE_MARKS.search(zh), TONE_MARKS.findall(zh)[:10]
    assert "新质生产力" in zh
    assert "plenary" in en
    assert "Translation pending" not in en


def test_offline_site_loads_nothing_from_other_hosts(site):
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        loads = re.findall(r'<(?:script|img|iframe|link|source|video|audio)\b[^>]*?(?:src|href)="((?:https?:)?//[^"]+)"',
                           html)
        assert not loads, f"{page.relative_to(site)} loads {loads}"
    assert (site / "search" / "index.js").is_file()
    assert not (site / "search" / "search_index.json").exists(), "Material's search index is not built"


def test_glossary_backlinks_lead_to_paragraphs_holding_the_term(site):
    pages = sorted((site / "glossary").glob("*.html"))
    assert len(pages) > 40 and (site / "glossary" / "index.html").is_file()
    articles: dict[Path, dict[str, str]] = {}
    checked = 0
    for page in pages:
        if page.name == "index.html":
            continue
        tree = _tree(page)
        term = next(el for el in tree.iter("h1") if el.get("id") == "term").text or ""
        forms = {term}
        for el in tree.iter("span"):
            if (el.get("lang") == "zh-Hans") and el.text and "、" in el.text:
                forms.update(el.text.split("、"))
        hrefs = [a.get("href") or "" for a in tree.iter("a")]
        links = [h for h in hrefs if h.startswith("../texts/") and "#" in h]
        assert links, f"{page.name}: no occurrence listed"
        for href in links:
            target, anchor = href.split("#")
            path = (page.parent / target).resolve()
            if path not in articles:
                blocks = {}
                for el in _tree(path).iter("div"):
                    if "db-pair" in (el.get("class") or "").split():
                        blocks[el.get("id")] = text_without_rt(el)
                articles[path] = blocks
            assert anchor in articles[path], href
            assert any(f in articles[path][anchor] for f in forms), (page.name, href)
            checked += 1
    assert checked >= 150


def test_every_internal_link_and_anchor_resolves(site):
    """Link integrity over the whole built site: files exist and #anchors are ids on the target page."""
    ids: dict[Path, set[str]] = {}
    broken = []
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        for href in re.findall(r'<a\b[^>]*?\shref="([^"]+)"', html):
            if re.match(r"^(?:[a-z][a-z0-9+.-]*:|//)", href) or href.startswith("javascript"):
                continue
            path_part, _, anchor = href.partition("#")
            base = site if path_part.startswith("/") else page.parent  # 404.html links from the site root
            target = (base / path_part.split("?")[0].lstrip("/")).resolve() if path_part else page
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(site)}: {href} (no file)")
                continue
            if anchor and target.suffix == ".html":
                if target not in ids:
                    ids[target] = set(re.findall(r'\sid="([^"]+)"', target.read_text(encoding="utf-8")))
                if anchor not in ids[target]:
                    broken.append(f"{page.relative_to(site)}: {href} (no #{anchor})")
    assert broken == [], "\n".join(broken[:20])


def test_two_cold_builds_are_byte_identical(site, tmp_path):
    """Reproducible: a second build of a fresh copy, generating every page anew (no cache), equals
    the fixture's, file for file (SOURCE_DATE_EPOCH pins the date MkDocs writes into sitemap.xml)."""
    root = project_copy(tmp_path / "again")
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    again = root / "site"
    first = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    second = {p.relative_to(again).as_posix(): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert sorted(first) == sorted(second)
    differing = [name for name in first if first[name] != second[name]]
    assert differing == []


def test_vocabulary_is_made_in_the_browser_not_shipped_as_files(site):
    """Four CSV files per article were two thirds of the site; the page now carries what the
    export needs (tests/test_vocab.py clicks it): the names it uses, on #db-data."""
    assert sorted(p.name for p in site.rglob("*.csv")) == []
    page = (site / "texts" / SEED / "resolution.html").read_text(encoding="utf-8")
    assert (f'<div id="db-data" hidden data-words="resolution.words.js ../../words/hsk.js" '
            f'data-hant="resolution.hant.js ../../words/hant-chars.js" data-doc="{SEED}" '
            'data-label="中共重庆市委六届五次全会决议及新闻发布会（2024）" '
            'data-title="中国共产党重庆市第六届委员会第五次全体会议决议" '
            f'data-file="{SEED}-resolution"></div>') in page
    assert "vocab.js" in page
