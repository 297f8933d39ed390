"""Ruby and page rendering: markup contract and escaping."""

from __future__ import annotations

from xml.etree import ElementTree

import html5lib

from duben.language.han import HAN
from duben.language.pinyin import Reading, annotate
from duben.language.segment import segment
from duben.model import Block
from duben.site.generate import article_markdown
from duben.site.render import english_html, pair_html, ruby_text, ruby_word

from .helpers import text_without_rt


def _parse(fragment: str) -> ElementTree.Element:
    return html5lib.parseFragment(fragment, namespaceHTMLElements=False)



def test_one_ruby_per_word_with_one_syllable_per_character():
    html = ruby_word([Reading("重", ("chong2",)), Reading("庆", ("qing4",))])
    assert html == "<ruby>重庆<rt>chóng qìng</rt></ruby>"


def test_an_unknown_character_is_marked_in_its_place():
    html = ruby_word([Reading("重", ("chong2",)), Reading("\U00030000", ())])
    assert html == '<ruby>重\U00030000<rt class="db-unknown" title="reading unknown">chóng ?</rt></ruby>'


def test_punctuation_stays_outside_ruby():
    html = ruby_text(annotate(segment("全会指出，要走深走实。")))
    tree = _parse(html)
    in_ruby = "".join("".join(r.itertext()) for r in tree.iter("ruby"))
    assert "，" not in in_ruby and "。" not in in_ruby
    assert "，" in text_without_rt(tree) and text_without_rt(tree).endswith("。")  # shown, outside the ruby
    assert html.count("<ruby>") == len([w for w in segment("全会指出，要走深走实。") if HAN.search(w)])
    assert html.count("<rt") == html.count("<ruby>")
    syllables = " ".join(rt.text or "" for rt in tree.iter("rt")).split()
    assert len(syllables) == len(HAN.findall("全会指出，要走深走实。"))


def test_a_word_in_more_than_one_piece_is_named_on_its_first_ruby():
    """The page script reads words from the ruby (the vocabulary export lists each once): a
    word with plain text inside, or cut by a note's quote, must still read as one word."""
    from duben.site.render import Span

    words = annotate(["推进", "互联网+", "政务"])
    whole = ruby_text(words)
    assert '<ruby data-w="互联网+">互联网<rt>hù lián wǎng</rt></ruby>+' in whole
    assert whole.count("data-w") == 1  # words in one ruby carry nothing
    cut = ruby_text(words, [Span(1, 3, "<mark>", "</mark>")])  # 进互: cuts 推进 and 互联网+
    assert cut == ('<ruby data-w="推进">推<rt>tuī</rt></ruby><mark><ruby data-w="">进<rt>jìn</rt></ruby>'
                   '<ruby data-w="互联网+">互<rt>hù</rt></ruby></mark><ruby data-w="">联网<rt>lián wǎng</rt>'
                   '</ruby>+<ruby>政务<rt>zhèng wù</rt></ruby>')
    tree = _parse(cut)
    assert text_without_rt(tree) == "推进互联网+政务"


def test_source_markup_is_shown_literally_never_interpreted():
    text = "<script>alert(1)</script>标题 & *强调* `代码` [x] | # 1. &amp;"
    html = ruby_text(annotate(segment(text)))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "&amp;amp;" in html
    assert text_without_rt(_parse(html)) == text


def test_pair_has_id_lang_permalink_and_pending_english():
    html = pair_html(Block("全会指出。", 9, "body", "p3"), "全会指出。", english_html(None))
    tree = _parse(html)
    pair = tree.find("div")
    assert pair is not None and pair.get("id") == "p3"
    anchor = pair.find("a")
    assert anchor is not None and anchor.get("href") == "#p3"
    zh = pair.find("p")
    assert zh is not None and zh.get("lang") == "zh-Hans"
    en = [d for d in pair.iter("div") if d.get("lang") == "en"]
    assert en and en[0].get("data-status") == "missing"
    assert "Translation pending" in "".join(en[0].itertext())


def test_article_markdown_is_one_raw_html_line_per_block(seed_document):
    article = seed_document.articles[0]
    md = article_markdown(seed_document, article, sandhi="citation").markdown
    pair_lines = [line for line in md.splitlines() if line.startswith('<div class="db-pair')]
    assert len(pair_lines) == len(article.blocks)
    assert md.startswith('---\ntitle: "中国共产党重庆市第六届委员会第五次全体会议决议"\n')
