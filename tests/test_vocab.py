"""The vocabulary export, as a learner gets it: clicked in Chromium on an article page (file://
and http), the downloaded file fed to Anki's own import engine (the ``anki`` package, the
engine of Anki desktop) and checked line by line against Pleco's flashcard text format."""

from __future__ import annotations

import html as html_module
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import SEED, Watch

pytestmark = pytest.mark.browser
ARTICLE = f"texts/{SEED}/resolution.html"
HAN = re.compile(r"[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
SYLLABLE = re.compile(r"^(?:[a-zü]|[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])+$|^\?$")  # tone marks, as printed; ? unknown
DATA_DIV = re.compile(r'<div id="db-data" hidden ([^>]*)></div>')


@dataclass
class AnkiResult:
    field_columns: list[int]
    notetype: str
    first_new: int
    again_new: int
    notes: int
    backs: dict[str, str]  # first field → back
    decks: set[str]
    tags: dict[str, list[str]]


def anki_import(path: Path, collection_dir: Path) -> AnkiResult:
    """Import ``path`` twice into a fresh collection, each time with the options Anki proposes
    for it (``get_csv_metadata``: what a learner gets by clicking Import without changing anything)."""
    from anki.collection import Collection, ImportCsvRequest

    col = Collection(str(collection_dir / "collection.anki2"))
    try:
        metadata = col.get_csv_metadata(str(path), None)
        notetype = col.models.get(metadata.global_notetype.id)
        first = col.import_csv(ImportCsvRequest(path=str(path), metadata=metadata)).log
        again = col.import_csv(ImportCsvRequest(path=str(path), metadata=col.get_csv_metadata(str(path), None))).log
        notes = [col.get_note(i) for i in col.find_notes("")]
        return AnkiResult(
            field_columns=list(metadata.global_notetype.field_columns),
            notetype=notetype["name"] if notetype else "",
            first_new=len(first.new), again_new=len(again.new), notes=len(notes),
            backs={n.fields[0]: n.fields[1] for n in notes},
            decks={col.decks.name(c.did) for n in notes for c in n.cards()},
            tags={n.fields[0]: list(n.tags) for n in notes},
        )
    finally:
        col.close()


def assert_complete_anki_cards(result: AnkiResult, words: set[str]) -> None:
    """What a learner would notice after importing: one card per word, each with its answer,
    and nothing new on a second import."""
    assert result.notetype == "Basic"
    assert result.field_columns == [1, 2], "Front and Back must both be mapped"
    assert result.first_new == len(words) == result.notes
    assert set(result.backs) == words
    empty = [word for word, back in result.backs.items() if not back.strip()]
    assert empty == [], f"{len(empty)} of {result.notes} cards have an empty back, e.g. {empty[:5]}"
    assert result.again_new == 0 and result.notes == len(words), "a second import must update, not add"


def _word_file(path: Path) -> dict[str, list[object]]:
    text = path.read_text(encoding="utf-8")
    prefix = "window.dbWords=Object.assign(window.dbWords||{},"
    assert text.startswith(prefix), path
    data: dict[str, list[object]] = json.loads(text.removeprefix(prefix).rstrip().removesuffix(");"))
    return data


def page_words(site: Path, rel: str) -> dict[str, list[object]]:
    """The article's word data as the build wrote it (its own file and the site's shared HSK words),
    for the words of the article: every distinct Han word → [HSK level or 0, senses]."""
    own = _word_file((site / rel).with_suffix(".words.js"))
    shared = _word_file(site / "words" / "hsk.js")
    assert not set(own) & set(shared), "a word is in one file or the other"
    html = (site / rel).read_text(encoding="utf-8")
    shown = set()
    for attrs, base in re.findall(r"<ruby([^>]*)>([^<]*)<rt", html):
        name = re.search(r'data-w="([^"]*)"', attrs)
        shown.add(html_module.unescape(name.group(1)) if name else base)
    # A word longer than six characters is shown as its parts (README, "Typography"): the parts
    # are the page's words; the whole stays in the word data for the pop-up.
    return {w: own[w] if w in own else shared[w] for w in shown if w in own or w in shared}


def page_names(site: Path, rel: str) -> dict[str, str]:
    import html

    attrs = DATA_DIV.search((site / rel).read_text(encoding="utf-8"))
    assert attrs, f"{rel}: no #db-data element"
    return {k: html.unescape(v) for k, v in re.findall(r'data-([a-z]+)="([^"]*)"', attrs.group(1))}


def export(page, fmt: str = "anki", level: str = "0", skip: bool = False, save_to: Path | None = None):
    """Choose in the page's vocabulary control, click Download; (file, status text)."""
    form = page.locator("form.db-vocab")
    form.locator("select[name=format]").select_option(fmt)
    form.locator("select[name=level]").select_option(level)
    form.locator("input[name=skip]").set_checked(skip)
    with page.expect_download() as info:
        form.locator("button").click()
    download = info.value
    path = (save_to or Path(download.path()).parent) / download.suggested_filename
    download.save_as(path)
    page.wait_for_function("document.querySelector('.db-vocab-status').textContent.indexOf('→') > 0")
    return path, page.locator(".db-vocab-status").text_content()


def _open(context, base: str, rel: str = ARTICLE):
    page = context.new_page()
    page.watch = Watch(page, base)
    page.goto(base + rel)
    page.wait_for_load_state("load")
    return page


def test_anki_export_imports_into_anki_as_complete_cards(context, base, site, tmp_path):
    page = _open(context, base)
    path, status = export(page, "anki", save_to=tmp_path)
    words = page_words(site, ARTICLE)
    names = page_names(site, ARTICLE)
    assert path.name == f"{SEED}-resolution.anki.txt"
    assert status == f"{len(words)} words → {path.name}"
    result = anki_import(path, tmp_path)
    assert_complete_anki_cards(result, set(words))
    assert result.decks == {f"duben::{names['label']}"}
    # The back: pinyin as printed, English, the sentence with the word in bold, level, source.
    back = result.backs["召开"]
    assert "zhào kāi" in back and "to convene" in back and "<b>召开</b>" in back
    assert "HSK 5" in back and f"{names['title']} ¶p1" in back
    assert sorted(result.tags["召开"]) == sorted(["duben", SEED, "HSK5"])
    term = result.backs["两个确立"]  # a glossary term: the glossary's English, not CC-CEDICT's silence
    assert "Two Establishments" in term and "duben-term" in result.tags["两个确立"]
    link = f'<a href="{base}{ARTICLE}#p1">'
    assert (link in back) == base.startswith("http"), "over http a card links to its paragraph; from disk it cannot"
    assert page.watch.errors == []


def test_pleco_export_follows_pleco_flashcard_format(context, base, site, tmp_path):
    page = _open(context, base)
    path, _status = export(page, "pleco", save_to=tmp_path)
    assert path.name == f"{SEED}-resolution.pleco.txt"
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "no byte-order mark before the category line"
    text = raw.decode("utf-8")  # strict: Pleco is told to read UTF-8
    assert text.endswith("\n") and "\r" not in text
    lines = text.split("\n")[:-1]
    names = page_names(site, ARTICLE)
    # A category line: "//" and the category path, its parts separated by "/".
    assert lines[0] == f"//duben/{names['label']}/{names['title']}"
    words = page_words(site, ARTICLE)
    headwords = []
    for number, line in enumerate(lines[1:], start=2):
        where = f"{path.name}:{number}: {line!r}"
        assert not line.startswith("//"), where
        fields = line.split("\t")
        assert len(fields) == 3, where  # headword TAB pinyin TAB definition
        headword, pinyin, definition = fields
        assert headword and HAN.search(headword) and not re.search(r"\s", headword), where
        syllables = pinyin.split(" ")
        assert all(SYLLABLE.match(s) for s in syllables), where
        if all(HAN.match(ch) for ch in headword):
            assert len(syllables) == len(headword), where
        assert definition == definition.strip(), where
        headwords.append(headword)
    assert len(headwords) == len(set(headwords)) == len(words)
    assert set(headwords) == set(words)
    by_word = {line.split("\t")[0]: line.split("\t") for line in lines[1:]}
    assert by_word["召开"][1] == "zhào kāi" and by_word["召开"][2].startswith("to convene")


@pytest.mark.same_over_file_and_http
def test_hsk_filter_and_known_words_change_the_rows(context, base, site, tmp_path):
    words = page_words(site, ARTICLE)
    levels = {w: int(str(v[0])) for w, v in words.items()}
    page = _open(context, base)

    def rows(path: Path) -> list[str]:
        return [line.split("\t")[0] for line in path.read_text(encoding="utf-8").splitlines()[1:]]

    for level in (2, 4, 6):
        path, status = export(page, "pleco", str(level), save_to=tmp_path)
        expected = {w for w, lv in levels.items() if lv == 0 or lv > level}  # words outside HSK stay
        assert set(rows(path)) == expected and path.name.endswith(f"-above-hsk{level}.pleco.txt")
        assert status.startswith(f"{len(expected)} words")

    # No known-word list yet: the checkbox changes nothing. An unreadable one neither.
    path, _ = export(page, "pleco", "0", skip=True, save_to=tmp_path)
    assert len(rows(path)) == len(words)
    page.evaluate("localStorage.setItem('duben-known', '{not json')")
    path, _ = export(page, "pleco", "0", skip=True, save_to=tmp_path)
    assert len(rows(path)) == len(words)

    known = sorted(words)[:40]
    page.evaluate("known => localStorage.setItem('duben-known', JSON.stringify(known))", [*known, "不在这页上的词"])
    path, status = export(page, "pleco", "0", skip=True, save_to=tmp_path)
    assert set(rows(path)) == set(words) - set(known)
    assert "(40 you know left out)" in status and path.name.endswith("-new.pleco.txt")
    path, _ = export(page, "anki", "4", skip=True, save_to=tmp_path)
    expected = {w for w, lv in levels.items() if (lv == 0 or lv > 4) and w not in known}
    assert {line.split("\t")[0] for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")} \
        == expected
    # Unticked, the known words are back.
    path, _ = export(page, "pleco", "0", skip=False, save_to=tmp_path)
    assert len(rows(path)) == len(words)
    assert page.watch.errors == []


def test_anki_check_fails_on_the_old_csv_columns(tmp_path):
    """The import check can fail: the CSV the build used to write (header lines, six named
    columns) imports into Anki as cards with an empty back, and its pinyin as tags."""
    old = Path(__file__).parent / "data" / "vocab-old-format.csv"
    result = anki_import(old, tmp_path)
    assert result.field_columns == [1, 0]
    with pytest.raises(AssertionError, match="must both be mapped"):
        assert_complete_anki_cards(result, set(result.backs))


@pytest.mark.same_over_file_and_http
@pytest.mark.parametrize("width", [1280, 390])
def test_export_control_fits_and_is_screenshotted(browser, base, artifacts, width):
    ctx = browser.new_context(viewport={"width": width, "height": 800})
    page = ctx.new_page()
    page.goto(base + ARTICLE)
    page.wait_for_load_state("load")
    form = page.locator("form.db-vocab")
    box = form.bounding_box()
    button = page.locator("form.db-vocab button").bounding_box()
    assert box and button and box["x"] >= 0 and box["x"] + box["width"] <= width
    assert button["x"] + button["width"] <= width and button["height"] >= 24  # a tap target
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(artifacts / f"vocab-export-{width}.png"), clip={
        "x": 0, "y": max(0, box["y"] - 120), "width": width, "height": min(800, box["height"] + 240)})
    page.emulate_media(media="print")
    assert not form.is_visible(), "a printed article has no export control"
    ctx.close()
