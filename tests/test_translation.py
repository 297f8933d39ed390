"""Translation files: anchoring, fingerprints, notes, validation and sanitizing."""

from __future__ import annotations

from duben.content.translation import fingerprint, parse_translation
from duben.model import Article, Block
from duben.site.richtext import to_html

ARTICLE = Article("a", (Block("标题", 1, "title", "title"),
                        Block("全会强调，要以上率下，走深走实，以上率下。", 3, "body", "p1")))
PATH = "content/texts/d/a.en.yml"


def _yaml(zh: str, fp: str, quote: str = "走深走实", extra: str = "") -> str:
    return (f"- zh: 标题\n  fingerprint: '{fingerprint('标题')}'\n  status: draft\n  en: Title\n"
            f"- zh: {zh}\n  fingerprint: '{fp}'\n  status: draft\n  en: The plenum stressed …\n"
            f"  notes:\n    - quote: {quote}\n{extra}      text: A note.\n")


def test_entries_anchor_by_opening_words_and_notes_by_quote():
    entries, problems, _ = parse_translation(_yaml("全会强调", fingerprint(ARTICLE.blocks[1].text)), PATH, ARTICLE)
    assert problems == []
    assert entries["p1"].status == "draft"
    assert entries["p1"].notes[0].start == ARTICLE.blocks[1].text.index("走深走实")


def test_changed_source_marks_exactly_that_paragraph_outdated():
    entries, problems, _ = parse_translation(_yaml("全会强调", "0badcafe"), PATH, ARTICLE)
    assert entries["p1"].status == "outdated"
    assert entries["title"].status == "draft"
    assert len(problems) == 1 and problems[0].severity == "warning"
    assert str(problems[0]).startswith(f"{PATH}:6: ")
    assert fingerprint(ARTICLE.blocks[1].text) in str(problems[0])


def test_misquoted_note_suggests_the_nearest_words():
    _, problems, _ = parse_translation(_yaml("全会强调", fingerprint(ARTICLE.blocks[1].text), quote="走深走好"),
                                    PATH, ARTICLE)
    assert [p.severity for p in problems] == ["error"]
    assert "quote “走深走好” not found" in str(problems[0]) and "“走深走实”" in str(problems[0])
    assert str(problems[0]).startswith(f"{PATH}:10: ")


def test_repeated_quote_needs_an_occurrence():
    fp = fingerprint(ARTICLE.blocks[1].text)
    _, problems, _ = parse_translation(_yaml("全会强调", fp, quote="以上率下"), PATH, ARTICLE)
    assert "occurs 2 times" in str(problems[0])
    entries, problems, _ = parse_translation(_yaml("全会强调", fp, quote="以上率下", extra="      occurrence: 2\n"),
                                          PATH, ARTICLE)
    assert problems == [] and entries["p1"].notes[0].start == ARTICLE.blocks[1].text.rindex("以上率下")


def test_unknown_paragraph_and_unknown_field_are_errors():
    _, problems, _ = parse_translation(_yaml("全会指出", "x"), PATH, ARTICLE)
    assert "no paragraph of the article starts with “全会指出”; nearest: “全会强调”" in "\n".join(map(str, problems))
    _, problems, _ = parse_translation(_yaml("全会强调", "x") + "  colour: red\n", PATH, ARTICLE)
    assert f"{PATH}:12: entry 2: unknown field 'colour'" in "\n".join(map(str, problems))


def test_a_new_entry_without_a_fingerprint_is_not_called_changed():
    for placeholder in ("00000000", "", "todo"):
        entries, problems, _ = parse_translation(_yaml("全会强调", placeholder), PATH, ARTICLE)
        assert entries["p1"].status == "draft"
        assert len(problems) == 1 and "has no fingerprint yet" in str(problems[0])
        assert "changed" not in str(problems[0])
        assert fingerprint(ARTICLE.blocks[1].text) in str(problems[0])


REPEATED = Article("a", (Block("各位代表！", 1, "salutation", "salutation"),
                         Block("正文。", 3, "body", "p1"),
                         Block("各位代表！", 5, "salutation", "salutation-2")))


def test_repeated_paragraphs_are_translated_by_id():
    fp = fingerprint("各位代表！")
    text = (f"- id: salutation\n  fingerprint: '{fp}'\n  status: official\n  en: Fellow Deputies,\n"
            f"- id: salutation-2\n  fingerprint: '{fp}'\n  status: official\n  en: Fellow Deputies!\n")
    entries, problems, _ = parse_translation(text, PATH, REPEATED)
    assert entries["salutation"].english == "Fellow Deputies,"
    assert entries["salutation-2"].english == "Fellow Deputies!"
    assert [p.severity for p in problems] == ["warning"] and "p1" in str(problems[0])  # p1 pending
    _, problems, _ = parse_translation(f"- zh: 各位代表\n  fingerprint: '{fp}'\n  status: draft\n  en: x\n",
                                       PATH, REPEATED)
    assert "begins 2 paragraphs (salutation, salutation-2); quote more words, or name the paragraph by 'id'" in str(
        problems[0])
    _, problems, _ = parse_translation("- id: p9\n  status: draft\n", PATH, REPEATED)
    assert "the article has no paragraph 'p9'" in str(problems[0])


def test_sentences_keep_the_alignment_and_make_the_english():
    text = "全会强调，要以上率下，走深走实，以上率下。"
    article = Article("a", (Block(text, 1, "body", "p1"),))
    yml = {"translation": {"credit": "Official translation"}, "entries": [{
        "zh": "全会强调", "fingerprint": fingerprint(text), "status": "official",
        "sentences": [{"zh": "全会强调，要以上率下，", "en": "The plenum stressed leading by example,"},
                      {"zh": "走深走实，以上率下。", "en": "going deep."}]}]}
    import yaml

    entries, problems, credit = parse_translation(yaml.safe_dump(yml, allow_unicode=True), PATH, article)
    assert problems == [] and credit is not None and credit.credit == "Official translation"
    entry = entries["p1"]
    assert entry.english == "The plenum stressed leading by example, going deep."
    assert [(s.start, s.end) for s in entry.sentences] == [(0, 11), (11, len(text))]
    yml["entries"][0]["sentences"][1]["zh"] = "走深走好。"
    entries, problems, _ = parse_translation(yaml.safe_dump(yml, allow_unicode=True), PATH, article)
    assert entries["p1"].sentences == () and entries["p1"].english
    assert "does not make up paragraph p1" in str(problems[0])


XSS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<svg onload=alert(1)>",
    "<iframe src=\"https://evil.example\"></iframe>",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "[x](JaVaScRiPt:alert(1))",
    "<body onload=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
]


def test_xss_payloads_never_survive_rendering():
    for payload in XSS:
        html = to_html(f"Note with {payload} inside").lower()
        assert "<script" not in html and "onerror" not in html and "onload" not in html
        assert "javascript:" not in html and "<iframe" not in html and "<svg" not in html


def test_a_note_stating_a_fact_needs_a_source():
    fp = fingerprint(ARTICLE.blocks[1].text)
    fact = _yaml("全会强调", fp).replace("text: A note.", "text: Coined in 2015.")
    _, problems, _ = parse_translation(fact, PATH, ARTICLE)
    assert [str(p) for p in problems] == [f"{PATH}:11: warning: entry 2, note 1: it states a fact (a date or a number) "
                                          "but names no source; add 'source:' (a Markdown link, or the glossary "
                                          "entry it rests on)"]
    sourced = fact.replace("text: Coined in 2015.", "text: Coined in 2015.\n      source: '[Xinhua](https://news.cn/)'")
    entries, problems, _ = parse_translation(sourced, PATH, ARTICLE)
    assert problems == [] and entries["p1"].notes[0].source == "[Xinhua](https://news.cn/)"
    linked = fact.replace("Coined in 2015.", "Coined in [2015](https://news.cn/).")
    assert parse_translation(linked, PATH, ARTICLE)[1] == []  # a link in the text is a source too
