"""The built site in real headless Chromium, opened from disk (file://) and over http."""

from __future__ import annotations

import pytest
import yaml

from .conftest import ROOT, SEED

pytestmark = pytest.mark.browser
ARTICLE = f"texts/{SEED}/resolution.html"

# The glossary's rendering of 西部大开发, read from the entry an editor may change.
XIBU_EN = yaml.safe_load((ROOT / "content/glossary/xibu-da-kaifa.yml").read_text(encoding="utf-8"))["english"]


def _open(page, base: str, rel: str) -> None:
    page.goto(base + rel)
    page.wait_for_load_state("load")


@pytest.mark.same_over_file_and_http
def test_ruby_is_visible_with_each_syllable_over_its_character(page, base, artifacts):
    _open(page, base, ARTICLE)
    rt = page.locator("#p1 .db-zh rt").first
    rt_box = rt.bounding_box()
    ruby_box = page.locator("#p1 .db-zh ruby").first.bounding_box()
    assert rt_box and ruby_box
    assert rt_box["height"] > 6 and rt_box["width"] > 6
    assert rt_box["y"] < ruby_box["y"] + ruby_box["height"] / 2  # pinyin above the character
    font_px = page.evaluate("parseFloat(getComputedStyle(document.querySelector('#p1 rt')).fontSize)")
    assert font_px >= 10, "pinyin too small to read"
    page.screenshot(path=str(artifacts / f"article-{base[:4]}.png"))
    assert page.watch.errors == []
    assert page.watch.foreign == []


@pytest.mark.same_over_file_and_http
def test_copying_chinese_copies_no_pinyin(page, base):
    _open(page, base, ARTICLE)
    copied = page.evaluate("""() => {
        const p = document.querySelector('#p8 .db-zh');
        const range = document.createRange();
        range.selectNodeContents(p);
        const sel = window.getSelection();
        sel.removeAllRanges(); sel.addRange(range);
        return sel.toString();
    }""")
    expected = page.evaluate("""() => {
        const p = document.querySelector('#p8 .db-zh').cloneNode(true);
        p.querySelectorAll('rt').forEach(rt => rt.remove());
        return p.textContent;
    }""")
    assert copied.replace("\n", "") == expected
    assert copied.startswith("全会强调，要切实抓好当前重点工作")


def test_home_lists_the_documents_and_navigation_works(page, base):
    _open(page, base, "index.html")
    page.click(f".md-content a[href$='{SEED}/resolution.html']")
    page.wait_for_load_state("load")
    assert page.url.endswith(ARTICLE)
    assert page.locator(".db-pair").count() == 12
    assert page.watch.errors == []
    assert page.watch.foreign == []


def test_notes_reachable_by_mouse_keyboard_and_touch(browser, site, artifacts):
    total = 0
    for slug in ("resolution", "press-conference"):
        page = browser.new_page()
        page.goto(site.as_uri() + f"/texts/{SEED}/{slug}.html")
        total += page.locator(".db-note-ref").count()
        page.close()
    assert total >= 15
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site.as_uri() + f"/texts/{SEED}/resolution.html")
    marker = page.locator(".db-note-ref").first
    note_id = marker.get_attribute("href").lstrip("#")
    note_text = page.locator(f"#{note_id}").inner_text()[:40]
    # mouse: hovering the marker shows the note, as a tooltip that describes the marker
    marker.hover()
    pop = page.locator("#db-pop")
    assert pop.is_visible() and note_text in pop.inner_text()
    assert pop.get_attribute("role") == "tooltip" and marker.get_attribute("aria-describedby") == "db-pop"
    page.mouse.move(5, 5)
    assert not pop.is_visible()
    assert marker.get_attribute("aria-describedby") is None
    # keyboard: focus shows it too; Enter jumps to the note in the list
    marker.focus()
    assert pop.is_visible() and note_text in pop.inner_text()
    assert pop.get_attribute("role") == "tooltip" and marker.get_attribute("aria-describedby") == "db-pop"
    page.keyboard.press("Enter")
    page.wait_for_timeout(200)
    assert page.url.endswith(f"#{note_id}")
    assert page.locator(f"#{note_id}").is_visible()
    page.close()
    # touch: tapping a marker on a phone shows the note in the pop-up
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    phone = context.new_page()
    phone.goto(site.as_uri() + f"/texts/{SEED}/resolution.html")
    first = phone.locator(".db-note-ref").first
    first.scroll_into_view_if_needed()
    first.tap()
    phone_pop = phone.locator("#db-pop")
    assert phone_pop.is_visible() and note_text in phone_pop.inner_text()
    assert phone_pop.get_attribute("role") == "dialog" and first.get_attribute("aria-expanded") == "true"
    phone.screenshot(path=str(artifacts / "note-phone.png"))
    context.close()


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_term_and_word_popups_by_mouse_touch_and_keyboard(browser, site, artifacts, device):
    phone = device == "phone"
    context = browser.new_context(viewport={"width": 390, "height": 844} if phone else {"width": 1280, "height": 900},
                                  has_touch=phone, is_mobile=phone)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site.as_uri() + f"/texts/{SEED}/resolution.html")
    term = page.locator("#p2 a.db-term[href$='/xibu-da-kaifa.html']").first
    term.scroll_into_view_if_needed()
    pop = page.locator("#db-pop")
    if not phone:  # hover shows the English rendering and the one-line gloss, as a tooltip
        term.hover()
        assert pop.is_visible() and XIBU_EN in pop.inner_text()
        assert "western" in pop.locator(".db-pop-gloss").inner_text()
        assert pop.get_attribute("role") == "tooltip" and term.get_attribute("aria-describedby") == "db-pop"
    term.tap() if phone else term.click()
    assert pop.is_visible()
    # click or tap pins it: an interactive dialog, its opener expanded and no longer described by it
    assert pop.get_attribute("role") == "dialog" and term.get_attribute("aria-expanded") == "true"
    assert term.get_attribute("aria-describedby") is None
    assert "西部大开发" in pop.inner_text() and XIBU_EN in pop.inner_text()
    assert pop.locator("a.db-pop-link").get_attribute("href").endswith("glossary/xibu-da-kaifa.html")
    page.screenshot(path=str(artifacts / f"term-popup-{device}.png"))
    # an ordinary word: its pinyin as printed above it, HSK level and CC-CEDICT glosses
    word = page.locator("#p2 .db-zh > ruby").filter(has_text="是").first
    word.tap() if phone else word.click()
    page.wait_for_function("document.querySelector('#db-pop .db-pop-def')")
    assert pop.get_attribute("role") == "dialog" and term.get_attribute("aria-expanded") == "false"
    text = pop.inner_text()
    assert "shì" in text and "HSK 1" in text and "to be" in text
    assert XIBU_EN not in text
    # a click elsewhere closes it
    page.locator(".db-facts").click()
    assert not pop.is_visible()
    # keyboard: focus the term, Enter opens the pop-up, Escape closes it and returns focus
    term.focus()
    page.keyboard.press("Enter")
    assert pop.is_visible() and XIBU_EN in pop.inner_text()
    assert pop.get_attribute("role") == "dialog" and term.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Escape")
    assert not pop.is_visible()
    assert page.evaluate("document.activeElement.getAttribute('href')").endswith("/xibu-da-kaifa.html")
    assert term.get_attribute("aria-expanded") == "false"
    assert errors == []
    context.close()
