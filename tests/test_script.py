"""Traditional characters for the 简/繁 switch: converted at build time, per page only what differs."""

from __future__ import annotations

import json

from duben.language.script import traditional_words
from duben.site.generate import hant_script


def test_traditional_forms_are_phrase_aware_and_keep_each_word_its_length():
    words = ["头发", "和", "发展", "，", "干部", "干燥", "为", "人民", "服务", "里"]
    assert traditional_words(words) == ["頭髮", "和", "發展", "，", "幹部", "乾燥", "為", "人民", "服務", "裡"]


def test_a_word_whose_conversion_changes_its_length_keeps_its_form():
    words = traditional_words(["一", "发", "不可", "收拾"])
    assert [len(w) for w in words] == [1, 1, 2, 2]


def test_the_page_map_holds_only_words_whose_form_differs():
    text = hant_script({"发展": "發展"})
    assert text.startswith("window.dbHant=")
    assert json.loads(text.removeprefix("window.dbHant=").rstrip(";\n")) == {"发展": "發展"}
