"""Pop-up semantics and the keyboard's way to word glosses, in real Chromium over file:// and http."""

from __future__ import annotations

import pytest

from .conftest import SEED

pytestmark = pytest.mark.browser
ARTICLE = f"texts/{SEED}/resolution.html"

# The focused element: what it is, and its Chinese without pinyin.
ACTIVE = """() => { const a = document.activeElement, copy = a.cloneNode(true);
    copy.querySelectorAll('rt').forEach(rt => rt.remove());
    return {tag: a.tagName, id: a.id, role: a.getAttribute('role'), expanded: a.getAttribute('aria-expanded'),
            text: copy.textContent, para: a.closest('.db-pair') ? a.closest('.db-pair').id : null}; }"""


def _open(page, base: str) -> None:
    page.goto(base + ARTICLE)
    page.wait_for_load_state("load")


def _active(page) -> dict:
    return page.evaluate(ACTIVE)


@pytest.mark.same_over_file_and_http
def test_hover_and_focus_show_a_tooltip_that_describes_its_opener(page, base):
    _open(page, base)
    pop = page.locator("#db-pop")
    term = page.locator("#p2 a.db-term").first
    term.hover()
    assert pop.is_visible() and pop.get_attribute("role") == "tooltip"
    assert pop.get_attribute("aria-labelledby") is None  # a tooltip is named by its content
    assert term.get_attribute("aria-describedby") == "db-pop"
    page.mouse.move(5, 5)
    assert not pop.is_visible() and term.get_attribute("aria-describedby") is None
    # focus shows it too; Escape dismisses it and leaves focus where it is
    term.focus()
    assert pop.get_attribute("role") == "tooltip" and term.get_attribute("aria-describedby") == "db-pop"
    page.keyboard.press("Escape")
    assert not pop.is_visible() and term.get_attribute("aria-describedby") is None
    assert page.evaluate("document.activeElement === document.querySelector('#p2 a.db-term')")
    assert page.watch.errors == []


@pytest.mark.same_over_file_and_http
def test_click_pins_a_dialog_named_by_its_first_line(page, base):
    _open(page, base)
    pop = page.locator("#db-pop")
    term = page.locator("#p2 a.db-term").first
    assert term.get_attribute("aria-haspopup") == "dialog" and term.get_attribute("aria-expanded") == "false"
    term.click()
    assert pop.get_attribute("role") == "dialog" and term.get_attribute("aria-expanded") == "true"
    name = page.evaluate("document.getElementById(document.getElementById('db-pop').getAttribute('aria-labelledby'))"
                         ".closest('#db-pop') !== null")
    assert name, "the dialog's aria-labelledby points into the dialog"
    assert _active(page)["id"] == "db-pop"
    page.keyboard.press("Escape")
    assert not pop.is_visible() and term.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.classList.contains('db-term')")
    assert page.watch.errors == []


@pytest.mark.same_over_file_and_http
def test_each_chinese_paragraph_is_one_tab_stop_for_its_words(page, base):
    _open(page, base)
    counts = page.evaluate("""[...document.querySelectorAll('.db-zh')].map(zh =>
        [zh.querySelectorAll('ruby[tabindex]').length, zh.querySelectorAll('ruby').length])""")
    assert all(focusable <= 1 for focusable, _ in counts)
    assert sum(f for f, _ in counts) >= len(counts) - 3  # paragraphs that open with a term link start on it
    assert sum(total for _, total in counts) > 1000  # ... out of over a thousand words


def test_keyboard_opens_a_words_gloss_and_escape_returns_focus(page, base, artifacts):
    _open(page, base)
    pop = page.locator("#db-pop")
    page.locator("#p2 .db-anchor").focus()
    page.keyboard.press("Tab")  # into the paragraph's Chinese: its first word
    first = _active(page)
    assert (first["para"], first["tag"], first["role"], first["text"]) == ("p2", "RUBY", "button", "全会")
    # Right steps word by word in reading order; the paragraph keeps one Tab stop, the word last visited
    for expect in ("指出", "今年", "是"):
        page.keyboard.press("ArrowRight")
        assert (_active(page)["para"], _active(page)["text"]) == ("p2", expect)
    assert page.evaluate("document.querySelectorAll('#p2 ruby[tabindex]').length") == 1
    # Enter opens its gloss as a dialog, focus moves into it
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('#db-pop .db-pop-def')")
    assert pop.get_attribute("role") == "dialog"
    text = pop.inner_text()
    assert "shì" in text and "HSK 1" in text and "to be" in text
    assert _active(page)["id"] == "db-pop"
    assert page.evaluate("document.querySelector('#p2 ruby[tabindex]').getAttribute('aria-expanded')") == "true"
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900 if width > 400 else 844})
        page.screenshot(path=str(artifacts / f"word-popup-keyboard-{width}-{base[:4]}.png"))
    page.set_viewport_size({"width": 1280, "height": 900})
    # Escape closes it and gives focus back to the word
    page.keyboard.press("Escape")
    assert not pop.is_visible()
    back = _active(page)
    assert (back["text"], back["role"], back["expanded"]) == ("是", "button", "false")
    # Space opens it too; Tab goes through the dialog's buttons (say it, I know this word), and
    # out of its end closes it and moves on from the word
    page.keyboard.press(" ")
    assert pop.is_visible() and _active(page)["id"] == "db-pop"
    visited = []
    for _ in range(2):
        page.keyboard.press("Tab")
        visited.append(page.evaluate("document.activeElement.classList[0]"))
    assert visited == ["db-pop-say", "db-pop-known"] and pop.is_visible()
    page.keyboard.press("Tab")
    after = _active(page)
    assert after["id"] != "db-pop" and after["para"] == "p2"
    assert page.evaluate("""document.querySelector('#p2 ruby[tabindex]')
        .compareDocumentPosition(document.activeElement) & Node.DOCUMENT_POSITION_FOLLOWING""")
    # term links are stops on the way (focus shows their tooltip); Left, Home and End move too
    page.locator("#p2 ruby[tabindex]").focus()
    for _ in range(10):
        page.keyboard.press("ArrowRight")
        if _active(page)["tag"] == "A":
            break
    assert _active(page)["text"] == "西部大开发" and pop.get_attribute("role") == "tooltip"
    page.keyboard.press("ArrowLeft")
    assert _active(page)["text"] == "周年"
    page.keyboard.press("Home")
    assert _active(page)["text"] == "全会"
    page.keyboard.press("ArrowLeft")  # at the start: stays
    assert _active(page)["text"] == "全会"
    page.keyboard.press("End")
    assert _active(page)["para"] == "p2" and _active(page)["role"] == "button"
    assert page.evaluate("document.querySelectorAll('#p2 ruby[tabindex]').length") == 1
    assert page.watch.errors == []


@pytest.mark.same_over_file_and_http
def test_mouse_and_sentence_highlight_still_work_with_word_stops(page, base):
    _open(page, base)
    page.mouse.move(640, 5)  # over the fixed header: scrolling brings no other element under the pointer
    # a focused aligned sentence (as imported from TMX) lights up and lets Right step into its words
    page.evaluate("""() => {
        const words = [...document.querySelectorAll('#p4 .db-zh > ruby')].slice(2, 6);
        const s = document.createElement('span');
        s.className = 'db-s'; s.dataset.s = 'p4-1'; s.tabIndex = 0;
        words[0].before(s); words.forEach(w => s.append(w));
    }""")
    sentence = page.locator("#p4 .db-zh .db-s")
    sentence.focus()
    assert "db-lit" in sentence.get_attribute("class")
    page.keyboard.press("ArrowRight")
    now = page.evaluate("""[document.activeElement.parentElement.classList.contains('db-s'),
                            document.activeElement.getAttribute('role')]""")
    assert now == [True, "button"]  # the sentence's first word, which is inside it: still lit
    assert "db-lit" in sentence.get_attribute("class")
    # a click on a word that is not a Tab stop still shows its gloss, and does not make it one
    word = page.locator("#p3 .db-zh > ruby:not([tabindex])").nth(3)
    word.click()
    page.wait_for_function("document.querySelector('#db-pop .db-pop-def')")
    assert page.locator("#db-pop").get_attribute("role") == "dialog"
    assert word.get_attribute("tabindex") is None and word.get_attribute("role") is None
    assert page.watch.errors == []
