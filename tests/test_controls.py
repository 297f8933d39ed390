"""Reader controls, accessibility (axe-core), print and copy, in real Chromium over file:// and http."""

from __future__ import annotations

import re

import pytest

from .conftest import ROOT, SEED, Watch

pytestmark = pytest.mark.browser
ARTICLE = f"texts/{SEED}/resolution.html"
OTHER = f"texts/{SEED}/press-conference.html"
AXE = ROOT / "build" / "vendor" / "axe.min.js"


def _open(context, url: str, *, dark: bool = False):
    page = context.new_page()
    if dark:  # as the reader's system asks for it, from the first load on (see the axe test)
        page.emulate_media(color_scheme="dark")
    page.watch = Watch(page, url.rsplit("/texts/", 1)[0].rsplit("/", 1)[0] + "/")
    page.goto(url)
    page.wait_for_load_state("load")
    return page


def _visible_rt(page, selector: str) -> int:
    return page.evaluate(f"""[...document.querySelectorAll('{selector}')]
        .filter(rt => rt.getBoundingClientRect().height > 0 || getComputedStyle(rt).display !== 'none').length""")


def test_controls_change_the_page_and_persist_across_pages_and_visits(context, base, artifacts):
    page = _open(context, base + ARTICLE)
    form = page.locator("form.db-controls")
    assert form.is_visible()
    # pinyin off
    page.select_option("select[name=pinyin]", "off")
    assert page.evaluate("getComputedStyle(document.querySelector('#p1 rt')).display") == "none"
    # English below, then hidden
    page.select_option("select[name=english]", "below")
    zh, en = page.locator("#p1 .db-zh").bounding_box(), page.locator("#p1 .db-en").bounding_box()
    assert en["y"] > zh["y"] + zh["height"] - 1
    page.select_option("select[name=english]", "hidden")
    assert not page.locator("#p1 .db-en").is_visible()
    # text size
    before = page.evaluate("parseFloat(getComputedStyle(document.querySelector('#p1 .db-zh')).fontSize)")
    page.select_option("select[name=size]", "xl")
    after = page.evaluate("parseFloat(getComputedStyle(document.querySelector('#p1 .db-zh')).fontSize)")
    assert after > before * 1.3
    # tone colours
    page.select_option("select[name=pinyin]", "on")
    page.check("input[name=tones]")
    colours = page.evaluate("""[...document.querySelectorAll('#p2 rt > span')].slice(0, 60)
        .map(syllable => [syllable.className, getComputedStyle(syllable).color])""")
    # each syllable of a word coloured by its own tone: 指出 zhǐ chū, third then first
    assert page.evaluate("""[...document.querySelectorAll('#p2 ruby')].find(r => r.firstChild.data === '指出')
        .querySelector('rt').innerHTML""") == '<span class="t3">zhǐ</span> <span class="t1">chū</span>'
    assert page.evaluate("document.querySelector('#p2 rt').textContent") == "quán huì"  # the text itself unchanged
    by_tone = {cls: colour for cls, colour in colours}
    assert len({by_tone[t] for t in by_tone}) == len(by_tone) >= 4  # one colour per tone
    page.screenshot(path=str(artifacts / f"controls-{base[:4]}.png"))
    # persists after navigation and a new visit
    page.goto(base + OTHER)
    page.wait_for_load_state("load")
    assert page.locator("select[name=english]").input_value() == "hidden"
    assert page.locator("select[name=size]").input_value() == "xl"
    assert page.locator("input[name=tones]").is_checked()
    assert not page.locator("#p1 .db-en").is_visible()
    assert page.evaluate("document.documentElement.classList.contains('db-tones')")
    assert page.watch.errors == [] and page.watch.foreign == []
    page.close()
    again = _open(context, base + ARTICLE)
    assert again.locator("select[name=size]").input_value() == "xl"
    again.evaluate("localStorage.clear()")
    again.close()


@pytest.mark.same_over_file_and_http
@pytest.mark.parametrize("level", [1, 3, 6, 7])
def test_hide_by_hsk_hides_exactly_the_words_at_or_below_the_level(context, base, level):
    page = _open(context, base + ARTICLE)
    page.select_option("select[name=pinyin]", f"hsk{level}")
    state = page.evaluate("""() => [...document.querySelectorAll('.db-zh ruby')].map(r => {
        const word = [...r.childNodes].filter(n => n.nodeName !== 'RT').map(n => n.textContent).join('');
        const hidden = [...r.querySelectorAll(':scope > rt')].every(rt => getComputedStyle(rt).display === 'none');
        return [word, hidden];
    })""")
    from duben.language.dictionary import hsk_level

    wrong = [(w, hidden) for w, hidden in state if hidden != ((hsk_level(w) or 99) <= level)]
    assert wrong == []
    assert any(hidden for _, hidden in state) and any(not hidden for _, hidden in state)
    page.evaluate("localStorage.clear()")


def test_without_javascript_everything_is_shown_and_no_controls(browser, site):
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto(site.as_uri() + "/" + ARTICLE)
    assert page.locator("form.db-controls").count() == 0
    assert page.locator("#p1 rt").first.is_visible()
    assert page.locator("#p1 .db-en").is_visible()
    ctx.close()


@pytest.mark.same_over_file_and_http
def test_print_shows_text_without_chrome(context, base):
    page = _open(context, base + ARTICLE)
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert not page.locator("form.db-controls").is_visible()
    assert page.locator("#p9 rt").first.is_visible() and page.locator("#p9 .db-en").is_visible()
    assert page.evaluate("getComputedStyle(document.querySelector('#p3')).breakInside") == "avoid"
    pdf = page.pdf()
    assert pdf[:4] == b"%PDF" and len(pdf) > 20_000


@pytest.mark.same_over_file_and_http
@pytest.mark.parametrize("rel", ["index.html", ARTICLE, ARTICLE + "?tones", ARTICLE + "?dark",
                                 "glossary/index.html", "glossary/liang-ge-queli.html"])
def test_axe_finds_no_serious_or_critical_violations(context, base, rel):
    assert AXE.is_file(), "run make (it vendors axe-core into build/vendor/)"
    rel, _, variant = rel.partition("?")
    # Dark mode, tone colours on. Dark before the first load: Material saves the scheme it chose
    # then and keeps it, and switching the media afterwards made it save its choice again, now and
    # then after a localStorage.clear() meant to forget it (the page then stayed light).
    page = _open(context, base + rel, dark=variant == "dark")
    if variant == "dark":
        page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    if variant in ("tones", "dark"):  # tone colours must keep their contrast too
        page.check("input[name=tones]")
        page.evaluate("localStorage.clear()")
    if variant == "dark":  # and the word pop-up with its buttons
        page.locator("#p2 .db-zh ruby").nth(1).click()
        page.wait_for_function("document.querySelector('#db-pop .db-pop-known')")
        page.locator("#p9 a.db-term").first.hover()  # a hovered term keeps its contrast too
        # Material fades the page into its scheme: judge the colours once no transition runs
        page.wait_for_function("document.getAnimations().length === 0")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]]) for v in result["violations"]
           if v["impact"] in ("serious", "critical")]
    assert bad == []
    langs = page.evaluate("[...document.querySelectorAll('.db-zh')].every(e => e.lang === 'zh-Hans')")
    assert langs


@pytest.mark.same_over_file_and_http
def test_switching_to_dark_mode_leaves_no_term_in_the_light_schemes_colour(context, base):
    # An off-screen pair keeps its style until it comes on screen (content-visibility); a colour
    # transition then started from the light scheme's colour: near-black terms on the dark page.
    page = _open(context, base + ARTICLE)
    # every link styled in the light scheme, those in off-screen pairs too, as when a reader has read on
    page.evaluate("document.querySelectorAll('.db-pair a').forEach(a => getComputedStyle(a).color)")
    page.locator("label[for=__palette_1]").click()  # the header's toggle to dark mode
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'"
                           " && !document.body.hasAttribute('data-md-color-switching')")
    stale = page.evaluate("""[...document.querySelectorAll('.db-zh a.db-term')]
        .filter(a => getComputedStyle(a).color !== getComputedStyle(a.parentElement).color)
        .map(a => a.closest('.db-pair').id)""")
    assert stale == []


# One page of each kind the generator or a template makes; foreign requests on every page are
# covered statically by test_offline_site_loads_nothing_from_other_hosts.
PAGE_KINDS = ("index.html", f"texts/{SEED}/index.html", ARTICLE, OTHER, "glossary/index.html",
              "glossary/liang-ge-queli.html", "contributing.html", "how-to-read.html")  # 404.html: served from the root only


def test_each_kind_of_page_has_no_console_errors_and_no_foreign_requests(browser, site):
    ctx = browser.new_context()
    for rel in PAGE_KINDS:
        assert (site / rel).exists(), rel
        page = ctx.new_page()
        page.watch = Watch(page, site.as_uri() + "/")
        page.goto((site / rel).as_uri())
        page.wait_for_load_state("load")
        assert page.watch.errors == [], (rel, page.watch.errors)
        assert page.watch.foreign == [], (rel, page.watch.foreign)
        page.close()
    ctx.close()


@pytest.mark.same_over_file_and_http
def test_copying_a_chinese_paragraph_yields_its_source_text(context, base, seed_document):
    page = _open(context, base + ARTICLE)
    for block_id in ("p1", "p4", "p9"):  # p1 has a note quote, p4 several terms
        copied = page.evaluate(f"""() => {{
            const range = document.createRange();
            range.selectNodeContents(document.querySelector('#{block_id} .db-zh'));
            const sel = getSelection(); sel.removeAllRanges(); sel.addRange(range);
            return sel.toString();
        }}""")
        assert copied == seed_document.articles[0].block(block_id).text


# Recorded from an init script: <html>'s classes when <body> first exists, i.e. after the inline
# script in <head> and before any script in <body> (duben.js) has run.
FIRST_PAINT = """new MutationObserver((_, observer) => {
    if (!document.body) return;
    window.dbFirstClasses = document.documentElement.className.split(/\\s+/).filter(Boolean);
    observer.disconnect();
}).observe(document, {childList: true, subtree: true});"""


def test_settings_before_first_paint_come_from_the_one_saved_class_string(context, base, site):
    # the inline script in <head> maps nothing: it adds the class string duben.js saved
    html = (site / ARTICLE).read_text(encoding="utf-8")
    inline = [s for s in re.findall(r"<script>(.*?)</script>", html, re.S) if "duben." in s]
    assert len(inline) == 1 and "duben.classes" in inline[0]
    assert not re.search(r"pinyin|hsk|tones|english|size|duben\.settings", inline[0])
    context.add_init_script(FIRST_PAINT)
    page = _open(context, base + ARTICLE)
    assert page.evaluate("window.dbFirstClasses") == ["no-js", "db-js"]
    page.select_option("select[name=pinyin]", "hsk3")
    page.select_option("select[name=english]", "below")
    page.select_option("select[name=size]", "l")
    page.check("input[name=tones]")
    saved = page.evaluate("localStorage.getItem('duben.classes')")
    assert sorted(saved.split()) == ["db-en-below", "db-hsk3", "db-size-l", "db-tones"]
    page.reload()
    page.wait_for_load_state("load")
    first = page.evaluate("window.dbFirstClasses")
    assert set(saved.split()) <= set(first), "saved settings must be on <html> before the body is parsed"
    # changing a setting replaces exactly its own class, on this page and in what is saved
    page.select_option("select[name=size]", "m")
    classes = page.evaluate("[...document.documentElement.classList]")
    assert "db-size-l" not in classes and {"db-en-below", "db-hsk3", "db-tones"} <= set(classes)
    assert sorted(page.evaluate("localStorage.getItem('duben.classes')").split()) == ["db-en-below", "db-hsk3",
                                                                                       "db-tones"]
    # a reader who saved settings before the class string existed gets it on the next page
    page.evaluate("localStorage.removeItem('duben.classes')")
    page.goto(base + OTHER)
    page.wait_for_load_state("load")
    assert "db-hsk3" in page.evaluate("localStorage.getItem('duben.classes')")
    assert page.watch.errors == []
    page.evaluate("localStorage.clear()")
