"""Typography in real Chromium, at desktop and phone width: what a reader sees of the lines.

Measured from the page itself: line membership and gaps from character boxes
(Range.getClientRects), and, with pinyin on, each word's width as painted
(ink on a screenshot of the word with its pinyin made invisible), because with
ruby the browser widens a character's box by the room its pinyin takes, so a
box does not say where the character is drawn.
"""

from __future__ import annotations

import base64

import pytest

from .conftest import SEED

pytestmark = pytest.mark.browser
PAGES = {"seed": f"texts/{SEED}/resolution.html", "report": "texts/gwr-2018/text.html"}
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
#: The most a word's characters may be drawn apart, per join, as a fraction of the font size (pinyin on);
#: Noto Sans CJK sets them 0 apart. The page before this limit: up to 0.78 (desktop) and 1.07 (phone).
MAX_GAP_IN_WORD = 0.12
#: With pinyin off, words touch as characters do: nothing between them beyond rounding.
MAX_GAP_PINYIN_OFF = 0.02

# Every character of the Chinese paragraphs outside <rt>, in order: its box, its word (<ruby>), whether
# white space follows it in the source; lines are told apart by the boxes' vertical positions.
LINES = r"""() => {
  const CLOSING = /[，。、；：？！）》」』】〕〉”’…,.;:?!)]/, HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
  const out = {lines: 0, split: [], closing: [], gapsBetweenWords: []};
  for (const zh of document.querySelectorAll('.db-zh')) {
    const size = parseFloat(getComputedStyle(zh).fontSize), where = zh.closest('.db-pair').id;
    const chars = [], walker = document.createTreeWalker(zh, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.parentElement.closest('rt')) continue;
      for (let i = 0; i < n.length; i++) {
        if (/\s/.test(n.data[i])) { if (chars.length) chars[chars.length - 1].space = true; continue; }
        const range = document.createRange(); range.setStart(n, i); range.setEnd(n, i + 1);
        const box = range.getClientRects()[0];
        if (box) chars.push({ch: n.data[i], box, word: n.parentElement.closest('ruby')});
      }
    }
    chars.forEach((c, i) => {
      const p = chars[i - 1], newLine = !p || c.box.top >= p.box.bottom - 2;
      if (newLine) out.lines++;
      if (!p) return;
      if (newLine && c.word && c.word === p.word) out.split.push(`${where}: ${p.ch}|${c.ch}`);
      if (newLine && CLOSING.test(c.ch)) out.closing.push(`${where}: ${p.ch}|${c.ch}`);
      if (!newLine && c.word !== p.word && HAN.test(c.ch) && HAN.test(p.ch) && !p.space) {
        // Without pinyin no box is widened: a Han character is 1em wide, centred in its box.
        const gap = ((c.box.left + c.box.right) - (p.box.left + p.box.right)) / 2 / size - 1;
        out.gapsBetweenWords.push([gap, `${where}: ${p.ch}|${c.ch}`]);
      }
    });
  }
  return out;
}"""

# The words of two or more Han characters on one line and inside the viewport (below the header).
WORD_BOXES = r"""() => {
  const HAN = /^[\u3400-\u9fff\uf900-\ufaff]{2,}$/;
  const top = document.querySelector('.md-header').getBoundingClientRect().bottom;
  const words = [];
  for (const ruby of document.querySelectorAll('.db-zh ruby')) {
    const texts = [...ruby.childNodes].filter(n => n.nodeType === 3), base = texts.map(n => n.data).join('');
    if (!HAN.test(base)) continue;
    const rects = texts.flatMap(n => {
      const r = document.createRange(); r.selectNodeContents(n); return [...r.getClientRects()];
    });
    const outer = ruby.getBoundingClientRect();
    if (!rects.length || rects.some(r => Math.abs(r.top - rects[0].top) > 2)) continue;
    if (rects[0].top < top + 2 || rects[0].bottom > innerHeight - 2 || outer.left < 0 || outer.right > innerWidth) continue;
    words.push({word: base, left: outer.left, right: outer.right, top: rects[0].top, bottom: rects[0].bottom,
                size: parseFloat(getComputedStyle(ruby).fontSize)});
  }
  return words;
}"""

# Per word: how far apart its characters are drawn, per join, from the dark columns of the screenshot.
INK = r"""async ([png, words]) => {
  const img = new Image(); img.src = 'data:image/png;base64,' + png; await img.decode();
  const canvas = document.createElement('canvas'); canvas.width = img.width; canvas.height = img.height;
  const ctx = canvas.getContext('2d'); ctx.drawImage(img, 0, 0);
  return words.map(w => {
    const x0 = Math.floor(w.left), x1 = Math.ceil(w.right), y0 = Math.ceil(w.top), y1 = Math.floor(w.bottom);
    const data = ctx.getImageData(x0, y0, x1 - x0, y1 - y0).data, cols = [];
    for (let x = 0; x < x1 - x0; x++) for (let y = 0; y < y1 - y0; y++) {
      const i = (y * (x1 - x0) + x) * 4;
      if (data[i] + data[i + 1] + data[i + 2] < 3 * 110) { cols.push(x); break; }
    }
    const ink = cols.length ? cols[cols.length - 1] - cols[0] + 1 : 0;
    return [(ink / w.size - [...w.word].length) / ([...w.word].length - 1), w.word];
  });
}"""

# Pinyin made invisible (its room kept), the characters black on white: only they make dark pixels.
INK_ONLY = """.db-zh rt { visibility: hidden !important; }
.db-zh, .db-zh * { color: #000 !important; background: transparent !important; text-decoration: none !important;
                   outline: none !important; }
.db-pair { content-visibility: visible !important; }"""


def word_gaps(page, screens: int = 3) -> list[tuple[float, str]]:
    """(gap per join in em, word) for the words on the first ``screens`` screens of the page."""
    page.add_style_tag(content=INK_ONLY)
    found: list[tuple[float, str]] = []
    height = page.viewport_size["height"]
    for n in range(screens):
        page.evaluate(f"window.scrollTo(0, {n * (height - 120)})")
        words = page.evaluate(WORD_BOXES)
        png = base64.b64encode(page.screenshot()).decode()
        found.extend((gap, word) for gap, word in page.evaluate(INK, [png, words]))
    return found


def _page(browser, base: str, rel: str, device: str, pinyin: str):
    width, height = WIDTHS[device]
    context = browser.new_context(viewport={"width": width, "height": height}, is_mobile=device == "phone",
                                  has_touch=device == "phone")
    if pinyin == "off":  # as the reader's saved choice: classes on <html> before the first paint
        context.add_init_script("localStorage.setItem('duben.settings', '{\"pinyin\":\"off\"}');"
                                "localStorage.setItem('duben.classes', 'db-pinyin-off');")
    page = context.new_page()
    page.goto(base + rel)
    page.wait_for_load_state("load")
    page.add_style_tag(content=".db-pair { content-visibility: visible !important; }")  # lay out every line
    return context, page


@pytest.mark.same_over_file_and_http
@pytest.mark.parametrize("device", list(WIDTHS))
@pytest.mark.parametrize("name", list(PAGES))
@pytest.mark.parametrize("pinyin", ["on", "off"])
def test_no_word_split_no_line_opens_with_closing_punctuation(browser, base, name, device, pinyin):
    context, page = _page(browser, base, PAGES[name], device, pinyin)
    lines = page.evaluate(LINES)
    assert lines["lines"] > 100
    assert lines["split"] == [], "words broken across lines"
    assert lines["closing"] == [], "lines that begin with closing punctuation"
    if pinyin == "off":
        wide = [(round(g, 3), where) for g, where in lines["gapsBetweenWords"] if g > MAX_GAP_PINYIN_OFF]
        assert len(lines["gapsBetweenWords"]) > 500 and wide == [], "gaps between words with pinyin off"
    context.close()


@pytest.mark.same_over_file_and_http
@pytest.mark.parametrize("device", list(WIDTHS))
@pytest.mark.parametrize("name", list(PAGES))
def test_a_words_characters_sit_together_with_pinyin_on(browser, base, name, device, artifacts):
    context, page = _page(browser, base, PAGES[name], device, "on")
    page.screenshot(path=str(artifacts / f"typography-{name}-{device}.png"))
    gaps = word_gaps(page)
    assert len(gaps) > 40, "too few words measured"
    wide = sorted(((round(g, 3), w) for g, w in gaps if g > MAX_GAP_IN_WORD), reverse=True)
    assert wide == [], f"characters of a word drawn apart (em per join): {wide[:10]}"
    context.close()
