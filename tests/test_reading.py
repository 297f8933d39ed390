"""Reading aids in real Chromium over file:// and http: known words, 简/繁, reading aloud, dark mode,
gloss order in the pop-up."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from duben.language.script import traditional

from .conftest import SEED, Watch

pytestmark = pytest.mark.browser
ARTICLE = f"texts/{SEED}/resolution.html"

# The shown text of a paragraph without its pinyin, and each of its <rt> in order.
SHOWN = """(id) => { const zh = document.querySelector('#' + id + ' .db-zh').cloneNode(true);
    zh.querySelectorAll('rt').forEach(rt => rt.remove()); return zh.textContent; }"""
RTS = "(id) => [...document.querySelectorAll('#' + id + ' .db-zh rt')].map(rt => rt.textContent)"
# Whether a word's pinyin shows: (word, shown) for every word of a paragraph.
PINYIN_SHOWN = """(id) => [...document.querySelectorAll('#' + id + ' .db-zh ruby')].map(r =>
    [r.firstChild.data, getComputedStyle(r.querySelector('rt')).display !== 'none'])"""


def _open(context, url: str):
    page = context.new_page()
    page.watch = Watch(page, url.rsplit("/texts/", 1)[0] + "/")
    page.goto(url)
    page.wait_for_load_state("load")
    return page


def _word(page, block: str, text: str):
    """The first word of a paragraph that is exactly ``text`` (as shown)."""
    index = page.evaluate("""([block, text]) => [...document.querySelectorAll('#' + block + ' .db-zh ruby')]
        .findIndex(r => r.firstChild.data === text)""", [block, text])
    assert index >= 0, text
    return page.locator(f"#{block} .db-zh ruby").nth(index)


def _pinyin_shown(page, block: str) -> dict[str, bool]:
    return dict(page.evaluate(PINYIN_SHOWN, block))


def test_known_words_are_kept_across_visits_and_hide_their_pinyin_with_the_hsk_level(context, base):
    page = _open(context, base + ARTICLE)
    assert _pinyin_shown(page, "p2")["指出"]
    # the pop-up marks a word known: a toggle button, pressed
    _word(page, "p2", "指出").click()
    known = page.locator("#db-pop .db-pop-known")
    assert known.get_attribute("aria-pressed") == "false"
    known.click()
    assert known.get_attribute("aria-pressed") == "true"
    assert json.loads(page.evaluate("localStorage.getItem('duben-known')")) == ["指出"]
    page.keyboard.press("Escape")
    # the pinyin mode "not for words I know", combined with "only above HSK 1"
    page.check("input[name=known]")
    page.select_option("select[name=pinyin]", "hsk1")
    shown = _pinyin_shown(page, "p2")
    assert not shown["指出"]  # known (HSK 4)
    assert not shown["今年"]  # HSK 1
    assert shown["成立"] and shown["全会"]  # neither
    # a new visit: the word is still known, and its pinyin still hidden
    page.reload()
    page.wait_for_load_state("load")
    assert page.locator("input[name=known]").is_checked()
    assert not _pinyin_shown(page, "p2")["指出"]
    assert page.locator("#db-known-count").inner_text() == "1"
    page.select_option("select[name=pinyin]", "on")
    assert not _pinyin_shown(page, "p2")["指出"] and _pinyin_shown(page, "p2")["今年"]
    # unknown again: its pinyin is back
    _word(page, "p2", "指出").click()
    page.locator("#db-pop .db-pop-known").click()
    assert page.evaluate("localStorage.getItem('duben-known')") == "[]"
    page.keyboard.press("Escape")
    assert _pinyin_shown(page, "p2")["指出"]
    assert page.watch.errors == []
    page.evaluate("localStorage.clear()")


def test_known_words_import_a_word_list_or_an_anki_or_pleco_export_and_export_a_word_list(context, base, tmp_path):
    page = _open(context, base + ARTICLE)
    listing = tmp_path / "anki.txt"
    listing.write_text("#separator:tab\n#html:false\n成立\tchéng lì\tto establish\n"
                       "\"重要\",zhòngyào,important\n// Pleco: a category line\n全會[全会]\tquan2hui4\tplenum\n"
                       "\n\ufeffnot Chinese\tx\n", encoding="utf-8")
    page.locator(".db-known-tools input[type=file]").set_input_files(str(listing))
    page.wait_for_function("document.getElementById('db-known-status').textContent.startsWith('Imported')")
    assert page.locator("#db-known-status").inner_text() == "Imported 3 words, 3 new."
    assert sorted(json.loads(page.evaluate("localStorage.getItem('duben-known')"))) == ["全会", "成立", "重要"]
    assert _word(page, "p2", "成立").get_attribute("class").split()[-1] == "k"
    with page.expect_download() as download:
        page.click(".db-known-export")
    path = download.value.path()
    assert download.value.suggested_filename == "duben-known-words.txt"
    assert path is not None and Path(path).read_text(encoding="utf-8") == "全会\n成立\n重要\n"
    assert page.watch.errors == []
    page.evaluate("localStorage.clear()")


def test_the_script_switch_shows_traditional_characters_over_the_same_pinyin(context, base, seed_document):
    page = _open(context, base + ARTICLE)
    paragraphs = ["title", "p1", "p2", "p9"]
    before = {p: (page.evaluate(SHOWN, p), page.evaluate(RTS, p)) for p in paragraphs}
    page.select_option("select[name=script]", "hant")
    page.wait_for_function("document.documentElement.classList.contains('db-hant-ready')")
    for p in paragraphs:
        shown, rts = page.evaluate(SHOWN, p), page.evaluate(RTS, p)
        assert shown == traditional(seed_document.articles[0].block(p).text), p
        assert shown != before[p][0] and rts == before[p][1], p  # other characters, each <rt> as it was
    assert page.evaluate("document.querySelector('#p2 .db-zh').lang") == "zh-Hant"
    assert "會" in page.evaluate(SHOWN, "p2") and "国" not in page.evaluate(SHOWN, "p2")
    # the pop-up of a swapped word looks it up by its simplified form and shows both
    _word(page, "p2", "發表").click()
    page.wait_for_function("document.querySelector('#db-pop .db-pop-def')")
    assert "发表" in page.locator("#db-pop").inner_text() and "to issue" in page.locator("#db-pop").inner_text()
    page.keyboard.press("Escape")
    # kept for the next visit; and back to simplified, exactly the source again
    page.reload()
    page.wait_for_load_state("load")
    page.wait_for_function("document.documentElement.classList.contains('db-hant-ready')")
    assert page.evaluate(SHOWN, "p1") == traditional(seed_document.articles[0].block("p1").text)
    page.select_option("select[name=script]", "hans")
    for p in paragraphs:
        assert (page.evaluate(SHOWN, p), page.evaluate(RTS, p)) == before[p]
    assert page.evaluate("document.querySelector('#p2 .db-zh').lang") == "zh-Hans"
    assert page.watch.errors == []
    page.evaluate("localStorage.clear()")


# A stub of the Web Speech API: records what would be said; the test plays the speech engine's part
# (an utterance starts, ends). Chromium's own speechSynthesis has no voices headless.
SPEECH_STUB = """(() => {
  const voices = %s;
  window.dbSaid = []; window.dbQueue = []; window.dbCancelled = 0;
  window.SpeechSynthesisUtterance = function (text) { this.text = text; };
  const synth = {
    getVoices: () => voices,
    speak: (u) => { window.dbSaid.push({text: u.text, lang: u.lang, voice: u.voice && u.voice.name, rate: u.rate});
                    window.dbQueue.push(u); },
    cancel: () => { window.dbCancelled++; window.dbQueue = []; },
    addEventListener: () => {}, removeEventListener: () => {},
  };
  Object.defineProperty(window, 'speechSynthesis', {value: synth, configurable: true});
  window.dbStart = () => { const u = window.dbQueue[0]; if (u && u.onstart) u.onstart(); };
  window.dbEnd = () => { const u = window.dbQueue.shift(); if (u && u.onend) u.onend(); };
})();"""
VOICES = [{"name": "Stub English", "lang": "en-US", "localService": True},
          {"name": "Stub Taiwan", "lang": "zh-TW", "localService": True},
          {"name": "Stub Mandarin", "lang": "zh_CN", "localService": True}]


def test_read_aloud_says_the_paragraphs_in_chinese_and_lights_up_the_one_being_read(context, base, seed_document):
    context.add_init_script(SPEECH_STUB % json.dumps(VOICES))
    page = _open(context, base + ARTICLE)
    article = seed_document.articles[0]
    play = page.locator("#p2 button.db-say")
    assert play.get_attribute("aria-label") == "Read aloud from paragraph 2"
    assert play.get_attribute("aria-pressed") == "false"
    page.select_option("select[name=rate]", "0.8")
    play.click()
    said = page.evaluate("window.dbSaid")
    after = [b for b in article.blocks[article.blocks.index(article.block("p2")):]]
    assert [s["text"] for s in said] == [b.text for b in after]  # this paragraph and those after it
    assert {(s["lang"], s["voice"], s["rate"]) for s in said} == {("zh-CN", "Stub Mandarin", 0.8)}
    assert play.get_attribute("aria-pressed") == "true"
    page.evaluate("window.dbStart()")
    assert page.evaluate("[...document.querySelectorAll('.db-speaking')].map(e => e.id)") == ["p2"]
    page.evaluate("window.dbEnd(); window.dbStart()")  # on to the next paragraph
    assert page.evaluate("[...document.querySelectorAll('.db-speaking')].map(e => e.id)") == ["p3"]
    play.click()  # pressed again: stop
    assert page.evaluate("document.querySelectorAll('.db-speaking').length") == 0
    assert play.get_attribute("aria-pressed") == "false" and page.evaluate("window.dbCancelled") >= 2
    # the pop-up's speaker says the word
    _word(page, "p2", "指出").click()
    page.locator("#db-pop .db-pop-say").click()
    assert page.evaluate("window.dbSaid.at(-1)") == {"text": "指出", "lang": "zh-CN", "voice": "Stub Mandarin",
                                                     "rate": 0.8}
    assert page.watch.errors == []
    page.evaluate("localStorage.clear()")


@pytest.mark.parametrize("stub", [True, False], ids=["no-chinese-voice", "chromium-headless"])
def test_read_aloud_says_so_when_no_chinese_voice_exists(context, base, stub):
    if stub:
        context.add_init_script(SPEECH_STUB % json.dumps(VOICES[:1]))
    page = _open(context, base + ARTICLE)
    page.locator("#p3 button.db-say").click()
    status = page.locator("#p3 .db-say-status")
    status.wait_for(state="visible", timeout=5000)
    assert "No Chinese voice" in status.inner_text()
    assert page.locator("#p3 button.db-say").get_attribute("aria-pressed") == "false"
    if stub:
        assert page.evaluate("window.dbSaid") == []
    _word(page, "p2", "指出").click()
    page.locator("#db-pop .db-pop-say").click()
    page.wait_for_function("document.querySelector('#db-pop .db-pop-say-note').textContent"
                           ".includes('No Chinese voice')")
    assert page.watch.errors == []


def test_the_pop_up_gives_the_sense_used_in_text_before_a_surname(page, base):
    page.goto(base + ARTICLE)
    page.wait_for_load_state("load")
    _word(page, "p2", "和").click()
    page.wait_for_function("document.querySelector('#db-pop .db-pop-def')")
    defs = page.locator("#db-pop .db-pop-def").all_inner_texts()
    assert defs[0].startswith("(joining two nouns) and")
    assert any("surname He" in d for d in defs) and "surname" not in " ".join(defs[:2])


# Relative luminance contrast (WCAG) of two CSS rgb() colours.
CONTRAST = """([fg, bg]) => { const lum = c => { const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map(v => {
    v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x); return (a + 0.05) / (b + 0.05); }"""


@pytest.mark.same_over_file_and_http
def test_dark_mode_colours_tones_terms_notes_and_pop_ups_and_prints_light(browser, base):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    page = _open(context, base + ARTICLE)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    page.check("input[name=tones]")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    tones = page.evaluate("""[1, 2, 3, 4, 5].map(t => getComputedStyle(
        document.querySelector('#p2 rt .t' + t) || document.querySelector('rt .t' + t)).color)""")
    assert len(set(tones)) == 5
    for colour in tones:
        assert page.evaluate(CONTRAST, [colour, background]) >= 4.5, colour
    for selector in ("#p2 .db-zh", "#p2 rt", "#p2 a.db-term", ".db-notes li", ".db-controls"):
        colour = page.evaluate(f"getComputedStyle(document.querySelector('{selector}')).color")
        assert page.evaluate(CONTRAST, [colour, background]) >= 4.5, selector
    page.locator("#p2 a.db-term").first.click()
    pop = page.evaluate("""(() => { const s = getComputedStyle(document.getElementById('db-pop'));
        return [s.color, s.backgroundColor, s.borderTopWidth]; })()""")
    assert page.evaluate(CONTRAST, pop[:2]) >= 7 and pop[2] == "1px"
    page.keyboard.press("Escape")
    # print: dark text on white, whatever the screen's scheme
    page.emulate_media(media="print")
    for selector in ("#p2 .db-zh", "#p2 rt", "#p2 .db-en"):
        colour = page.evaluate(f"getComputedStyle(document.querySelector('{selector}')).color")
        assert page.evaluate(CONTRAST, [colour, "rgb(255, 255, 255)"]) >= 7, selector
    tone = page.evaluate("getComputedStyle(document.querySelector('#p2 rt .t1')).color")
    assert tone == "rgb(196, 0, 0)"  # the light scheme's red
    assert not page.locator("#p2 button.db-say").is_visible()
    page.evaluate("localStorage.clear()")
    context.close()
