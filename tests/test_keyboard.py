"""Pop-up semantics for keyboard and assistive technology, in real Chromium over file:// and http."""

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
