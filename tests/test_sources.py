"""The importer: blocks, page-break repair, roles, article split, ids."""

from __future__ import annotations

import re

import pytest

from duben.content.sources import detect_role, ends_sentence, parse_document, raw_blocks, repair
from duben.errors import DubenError
from duben.model import ArticleMeta, Meta, Role

from .conftest import ROOT, SEED

NON_SPACE = re.compile(r"\S")


def test_seed_splits_into_two_articles_of_12_and_20_blocks(seed_document):
    articles = seed_document.articles
    assert [a.slug for a in articles] == ["resolution", "press-conference"]
    assert [len(a.blocks) for a in articles] == [12, 20]
    resolution, press = articles
    assert [b.role for b in resolution.blocks] == ["title", "dateline"] + ["body"] * 9 + ["source"]
    assert [b.role for b in press.blocks] == ["title", "subtitle"] + ["body"] * 17 + ["byline"]
    assert resolution.blocks[-1].text == "据新重庆-重庆日报"
    assert press.blocks[-1].text == "新重庆-重庆晨报记者 陈军"
    assert press.blocks[1].text.startswith("——市委举行新闻发布会")


def test_seed_page_breaks_are_repaired(seed_document):
    joined = [b for a in seed_document.articles for b in a.blocks if b.joined_lines]
    assert [(b.line, b.joined_lines) for b in joined] == [(15, (17,)), (19, (21,)), (45, (47,)), (59, (61,))]
    assert "要把打造新时代西部大开发" in joined[0].text
    for article in seed_document.articles:
        for block in article.blocks:
            if block.role == "body":
                assert ends_sentence(block.text), block.text[-20:]


def test_seed_keeps_every_character_in_order(seed_document):
    source = (ROOT / "content/texts" / SEED / "source.txt").read_text(encoding="utf-8")
    rebuilt = "".join(b.text for a in seed_document.articles for b in a.blocks)
    assert NON_SPACE.findall(rebuilt) == NON_SPACE.findall(source)


def test_ids_are_readable_and_unique(seed_document):
    for article in seed_document.articles:
        ids = [b.id for b in article.blocks]
        assert len(ids) == len(set(ids))
    assert [b.id for b in seed_document.articles[0].blocks] == (
        ["title", "dateline"] + [f"p{i}" for i in range(1, 10)] + ["source"]
    )


def test_ids_are_stable_when_a_paragraph_is_edited():
    text = "标题\n\n第一段。\n\n第二段，内容。\n"
    edited = text.replace("第一段。", "第一段改过了。")
    ids = [b.id for a in parse_document("d", text, Meta(), "x").articles for b in a.blocks]
    ids2 = [b.id for a in parse_document("d", edited, Meta(), "x").articles for b in a.blocks]
    assert ids == ids2 == ["title", "p1", "p2"]


@pytest.mark.parametrize(
    ("text", "ends"),
    [("走深走实。", True), ("开花结果！", True), ("四个方面——", True), ("如下：", True),
     ("“见行动”。", True), ("要把打造新", False), ("立足西部、", False), ("民营经济，", False)],
)
def test_ends_sentence(text, ends):
    assert ends_sentence(text) is ends


def test_repair_joins_only_prose_cut_mid_sentence():
    blocks = raw_blocks("标题没有标点\n\n正文，要把打造新\n\n时代西部大开发。\n\n下一段。")
    repaired = repair(blocks)
    assert [b.text for b in repaired] == ["标题没有标点", "正文，要把打造新时代西部大开发。", "下一段。"]
    assert repaired[1].line == 3 and repaired[1].joined_lines == (5,)


def test_repair_can_be_forced_and_forbidden():
    blocks = raw_blocks("正文，未完\n\n续。\n\n甲\n\n乙。")
    assert [b.text for b in repair(blocks, no_join=[1])] == ["正文，未完", "续。", "甲", "乙。"]
    assert [b.text for b in repair(blocks, join=[5])] == ["正文，未完续。", "甲乙。"]


def test_hard_wrapped_lines_join_without_spaces_but_latin_words_keep_one():
    assert [b.text for b in raw_blocks("中文\n接着\n\nHello\nworld")] == ["中文接着", "Hello world"]


@pytest.mark.parametrize(
    ("text", "role"),
    [("(2024年5月24日中国共产党重庆市第六届委员会第五次全体会议通过)", "dateline"),
     ("（二〇二四年五月二十四日）", "dateline"),
     ("据新重庆-重庆日报", "source"), ("来源：新华社", "source"),
     ("新重庆-重庆晨报记者 陈军", "byline"), ("本报记者 张三 李四", "byline"),
     ("——市委举行新闻发布会解读市委六届五次全会精神", "subtitle"),
     ("中国共产党重庆市第六届委员会第五次全体会议决议", "title"),
     ("全会指出，今年是新中国成立75周年。", "body")],
)
def test_detect_role(text, role):
    assert detect_role(text) == role


def test_meta_overrides_roles_and_split():
    text = "甲标题\n\n正文。\n\n乙标题\n\n正文二。"
    doc = parse_document("d", text, Meta(), "x")
    assert len(doc.articles) == 2
    merged = parse_document("d", text, Meta(no_split_before=(5,), roles={5: Role.SUBTITLE}), "x")
    assert len(merged.articles) == 1
    assert merged.articles[0].blocks[2].role == "subtitle"


def test_meta_naming_a_line_without_a_paragraph_is_an_error():
    with pytest.raises(DubenError) as info:
        parse_document("d", "标题\n\n正文。", Meta(join=(2,)), "content/texts/d/source.txt")
    assert str(info.value).startswith("content/texts/d/source.txt:2: ")


def test_empty_source_is_an_error():
    with pytest.raises(DubenError, match="no text"):
        parse_document("d", "\n \n", Meta(), "content/texts/d/source.txt")


def test_wrong_article_count_in_meta_is_explained():
    with pytest.raises(DubenError, match="lists 1 articles but the source splits into 2"):
        parse_document("d", "甲标题\n\n正文。\n\n乙标题\n\n正文二。", Meta(articles=(ArticleMeta("a"),)), "x")


