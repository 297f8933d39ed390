"""A corpus of hostile and broken inputs (tests/bad_inputs/<case>/), each with its expected outcome.

``expected.txt``: first line ``ok`` or ``error``; every further line must
appear in one of the reported messages. Files under ``glossary/`` go to
``content/glossary/``, the rest to ``content/texts/doc/``.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import html5lib
import pytest

from duben.build.pipeline import build, check
from duben.errors import DubenError
from duben.limits import MAX_PARAGRAPH_CHARS

from .conftest import mkdocs_build, project_copy
from .helpers import text_without_rt

CASES = sorted(p for p in (Path(__file__).parent / "bad_inputs").iterdir() if p.is_dir())
HAN_OR_TEXT = re.compile(r"\S")


def make_project(case: Path, root: Path) -> Path:
    for path in case.rglob("*"):
        if path.is_dir() or path.name == "expected.txt":
            continue
        rel = path.relative_to(case)
        target = (root / "content" / rel) if rel.parts[0] == "glossary" else root / "content/texts/doc" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    (root / "content/texts/doc").mkdir(parents=True, exist_ok=True)
    (root / "docs").mkdir(exist_ok=True)
    return root


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _zh_text(markdown: str) -> str:
    out = []
    for line in markdown.splitlines():
        if line.startswith('<div class="db-pair'):
            tree = html5lib.parseFragment(line, namespaceHTMLElements=False)
            for el in tree.iter():
                if "db-zh" in (el.get("class") or "").split():
                    out.append(text_without_rt(el))
    return "".join(out)



@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_case(case: Path, tmp_path: Path):
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    outcome, needles = expected[0], expected[1:]
    root = make_project(case, tmp_path)
    before = tree_digest(root / "content")
    problems = check(root)
    messages = "\n".join(str(p) for p in problems)
    errors = [p for p in problems if p.severity == "error"]
    for needle in needles:
        assert needle in messages, f"{case.name}: expected “{needle}” in:\n{messages}"
    if outcome == "error":
        assert errors, f"{case.name}: expected an error, got:\n{messages}"
        with pytest.raises(DubenError):
            build(root)
        assert not (root / "docs" / "texts").exists(), "a failed build must write nothing"
    else:
        assert not errors, messages
        result = build(root)
        pages = [p for p in (root / "docs/texts/doc").glob("*.md") if p.name != "index.md"]
        assert pages
        shown = "".join(_zh_text(p.read_text(encoding="utf-8")) for p in sorted(pages, key=_article_order(result)))
        source = "".join(b.text for loaded in result.documents for a in loaded.document.articles for b in a.blocks)
        assert HAN_OR_TEXT.findall(shown) == HAN_OR_TEXT.findall(source)
        if case.name in ("gb18030", "utf16-bom", "utf8-bom", "crlf", "lone-cr"):
            assert "全会指出，今年是新中国成立75周年" in source
    for problem in problems:  # every message names a file under content/
        assert problem.path.startswith("content/"), problem
    assert tree_digest(root / "content") == before, "the build must never write inside content/"


def _article_order(result):
    order = [a.slug for loaded in result.documents for a in loaded.document.articles]
    return lambda p: order.index(p.stem) if p.stem in order else len(order)


def test_traditional_characters_get_right_pinyin():
    from duben.language.pinyin import line_syllables

    assert line_syllables("中國共產黨重慶市委員會") == ["zhong1", "guo2", "gong4", "chan3", "dang3", "chong2",
                                                      "qing4", "shi4", "wei3", "yuan2", "hui4"]
    assert line_syllables("長期堅持黨的領導") == ["chang2", "qi1", "jian1", "chi2", "dang3", "de5", "ling3", "dao3"]


def test_extension_b_characters_get_a_reading_each(tmp_path):
    from duben.language.pinyin import annotate
    from duben.language.segment import segment
    from duben.site.render import ruby_text

    words = annotate(segment("𠮷野家和𪚥"))
    readings = [r for w in words for r in w]
    assert [r.base for r in readings] == ["𠮷", "野", "家", "和", "𪚥"]  # surrogate pairs stay whole
    assert [r.syllables for r in readings][1:] == [("ye3",), ("jia1",), ("he2",), ("zhe2",)]
    html = ruby_text(words)
    # every character keeps its own syllable in its word's <rt>; an unknown reading says so, in its place
    syllables = " ".join(re.findall(r"<rt[^>]*>([^<]*)</rt>", html)).split()
    assert syllables == ["?", "yě", "jiā", "hé", "zhé"]
    assert '𠮷<rt class="db-unknown" title="reading unknown">?</rt>' in html


def test_a_long_paragraph_is_kept_whole(tmp_path):
    # A paragraph just under the limit (five times the longest we hold): nothing is cut or lost
    # on the way. Longer ones are refused (test_security).
    phrase = "全会强调，要推动成渝地区双城经济圈建设走深走实，发展新质生产力"
    paragraph = phrase * ((MAX_PARAGRAPH_CHARS - 1) // len(phrase)) + "。"
    assert MAX_PARAGRAPH_CHARS - len(phrase) < len(paragraph) <= MAX_PARAGRAPH_CHARS
    doc = tmp_path / "content/texts/big"
    doc.mkdir(parents=True)
    (doc / "source.txt").write_text("标题\n\n" + paragraph + "\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    build(tmp_path)
    page = (tmp_path / "docs/texts/big/article-1.md").read_text(encoding="utf-8")
    assert _zh_text(page) == "标题" + paragraph


def test_markup_in_the_source_is_shown_literally_in_a_real_build(tmp_path):
    """A real mkdocs build: metacharacters appear as text, nothing is interpreted."""
    project_copy(tmp_path, content=False)
    make_project(Path(__file__).parent / "bad_inputs" / "markup", tmp_path)
    result = mkdocs_build(tmp_path)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site/texts/doc/article-1.html").read_text(encoding="utf-8")
    tree = html5lib.parse(html, namespaceHTMLElements=False)
    shown = "".join(text_without_rt(el) for el in tree.iter() if "db-zh" in (el.get("class") or "").split())
    source = (tmp_path / "content/texts/doc/source.txt").read_text(encoding="utf-8")
    assert shown == "".join(source.split("\n"))
    assert "<script>alert" not in html and "<b onmouseover" not in html
    chinese = [el for el in tree.iter() if "db-zh" in (el.get("class") or "").split()]
    interpreted = [el.tag for zh in chinese for el in zh.iter()
                   if el.tag in ("b", "em", "ol", "table", "code", "script", "input")]
    assert interpreted == []


def test_a_failed_build_leaves_the_previous_output_intact(tmp_path):
    root = make_project(Path(__file__).parent / "bad_inputs" / "utf8-bom", tmp_path)
    build(root)
    before = tree_digest(root / "docs")
    assert before
    (root / "content/texts/doc/meta.yml").write_text("titel: typo\n", encoding="utf-8")
    with pytest.raises(DubenError):
        build(root)
    assert tree_digest(root / "docs") == before
