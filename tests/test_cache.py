"""The per-document generation cache: any input change regenerates, no change regenerates nothing."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

from duben.build.pipeline import build

from .conftest import SEED, two_documents


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return two_documents(tmp_path, "全会强调，要推动高质量发展。")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_cache_regenerates_exactly_what_changed(project: Path):
    seed = project / "content/texts" / SEED
    assert sorted(build(project).regenerated) == [SEED, "other"]
    assert build(project).regenerated == []  # nothing changed, nothing regenerated
    page = project / "docs/texts" / SEED / "resolution.md"

    _edit(seed / "source.txt", "更加紧密地团结", "更加紧密的团结")  # the source
    assert build(project).regenerated == [SEED]
    assert "紧密的团结" in re.sub(r"<[^>]+>", "", re.sub(r"<rt>[^<]*</rt>", "", page.read_text(encoding="utf-8")))

    _edit(seed / "resolution.en.yml", "Literally", "Word for word")  # a note in its translation
    assert build(project).regenerated == [SEED]
    assert "Word for word" in page.read_text(encoding="utf-8")

    _edit(seed / "meta.yml", "date: 2024-05-24", "date: 2024-05-25")  # its settings
    assert build(project).regenerated == [SEED]

    _edit(project / "content/glossary/gaozhiliang-fazhan.yml", "english: ", "english: HQD ")  # a term it uses
    assert sorted(build(project).regenerated) == [SEED, "other"]

    assert sorted(build(project, sandhi="spoken").regenerated) == [SEED, "other"]  # the tone policy
    assert build(project, sandhi="spoken").regenerated == []
    # one entry per document: going back to citation tones regenerates again
    assert sorted(build(project).regenerated) == ["chongqing-plenum-2024-05-24", "other"]


def test_cached_and_fresh_output_are_identical(project: Path):
    build(project)
    first = {p: p.read_bytes() for p in (project / "docs").rglob("*") if p.is_file()}
    shutil.rmtree(project / "docs")
    (project / "docs").mkdir()
    assert build(project).regenerated == []  # all from the cache…
    second = {p: p.read_bytes() for p in (project / "docs").rglob("*") if p.is_file()}
    assert first == second  # …and byte for byte what a fresh generation wrote


def test_has_agrees_with_get(project: Path):
    from duben.build.cache import PageCache

    build(project)
    cache = PageCache(project / "build" / "cache")
    key = json.loads((project / "build/cache" / f"{SEED}.json").read_text(encoding="utf-8"))["key"]
    assert cache.has(SEED, key) and cache.get(SEED, key) is not None
    assert not cache.has(SEED, "0" * 32) and cache.get(SEED, "0" * 32) is None
    assert not cache.has("no-such-document", key)


def test_workers_are_started_early_only_when_pages_must_be_generated(project: Path):
    from duben.build.pipeline import new_pool, prestart

    build(project)
    pool = new_pool()
    try:
        prestart(project, pool)  # everything cached: nothing to load an engine for
        assert len(pool) == 0
        _edit(project / "content/texts" / SEED / "source.txt", "更加紧密地团结", "更加紧密的团结")
        prestart(project, pool)
        cores = os.cpu_count() or 1
        assert len(pool) == (min(cores, 2) if cores > 1 else 0)  # one per article of the edited document
        assert build(project, pool=pool).regenerated == [SEED]  # and the build uses them
    finally:
        pool.close()


def test_a_save_during_a_build_shows_in_the_next_build(project: Path, monkeypatch: pytest.MonkeyPatch):
    """An editor saves while the build runs (``make serve``, two saves 0.2 s apart).

    The save lands after the build has read the old text: that build may show
    the old text, but it must not file it under the new text's cache key, or
    every later build serves the old page for good.
    """
    import duben.build.project

    source = project / "content/texts/other/source.txt"
    real_decode = duben.build.project.decode
    saved: list[bool] = []

    def decode_then_save(data: bytes, rel: str):  # the save happens just after the read
        result = real_decode(data, rel)
        if rel.endswith("other/source.txt") and not saved:
            source.write_text("标题\n\n全会强调，要推动绿色发展。\n", encoding="utf-8")
            saved.append(True)
        return result

    monkeypatch.setattr(duben.build.project, "decode", decode_then_save)
    build(project)
    assert saved
    monkeypatch.undo()
    build(project)
    page = project / "docs/texts/other/article-1.md"
    shown = re.sub(r"<[^>]+>", "", re.sub(r"<rt>[^<]*</rt>", "", page.read_text(encoding="utf-8")))
    assert "绿色发展" in shown, "the page kept the text from before the save"


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_a_serve_memo_changes_what_is_read_never_what_is_written(project: Path, tmp_path: Path):
    """Under ``mkdocs serve`` the build remembers what it parsed and wrote; after each edit, docs/
    holds exactly what a build with no memory writes."""
    from duben.build.pipeline import Memo

    memo = Memo()
    build(project, memo=memo)
    seed = project / "content/texts" / SEED
    edits = [(seed / "resolution.en.yml", "Literally", "Word for word"),  # a note
             (seed / "resolution.en.yml", "The plenary session", "The plenum"),  # the English
             (seed / "source.txt", "更加紧密地团结", "更加紧密的团结"),  # the Chinese
             (seed / "source.txt", "三攻坚一盘活", "三个攻坚一个盘活"),  # a term's occurrence goes
             (seed / "source.txt", "新质生产力", "新质生产力（新）"),  # a term's quoted context changes
             (project / "content/texts/other/source.txt", "高质量发展", "高质量的发展")]  # another document
    for path, old, new in edits:
        _edit(path, old, new)
        with_memo = build(project, memo=memo)
        assert with_memo.regenerated == [path.parent.name]
        fresh = tmp_path / f"fresh-{len(memo.parsed)}-{new}"
        shutil.copytree(project / "content", fresh / "content")
        (fresh / "docs").mkdir()
        build(fresh)
        assert _tree(project / "docs") == _tree(fresh / "docs"), f"after editing {path.name}"
    # the other document was parsed once, then taken from the memo while only the seed changed
    assert set(memo.parsed) == {f"content/texts/{SEED}", "content/texts/other"}
    # a glossary entry changes every page; a deleted document's pages go (the memo knows which)
    glossary_entry = sorted((project / "content/glossary").glob("*.yml"))[0]
    _edit(glossary_entry, "gloss: ", "gloss: Edited. ")
    shutil.rmtree(project / "content/texts/other")
    build(project, memo=memo)
    fresh = tmp_path / "fresh-last"
    shutil.copytree(project / "content", fresh / "content")
    (fresh / "docs").mkdir()
    build(fresh)
    assert _tree(project / "docs") == _tree(fresh / "docs")
    assert not (project / "docs/texts/other").exists()


def test_a_worker_reads_each_paragraph_once_and_writes_what_it_would_have(project: Path,
                                                                         monkeypatch: pytest.MonkeyPatch):
    """Paragraph readings kept between calls (a worker under ``mkdocs serve``): the second
    generation reads nothing again, and its pages are what a generation without memory makes."""
    from dataclasses import replace

    from duben.build.project import Project, load_content
    from duben.language import pinyin
    from duben.site.generate import document_pages

    glossary, documents, _ = load_content(Project(project))
    assert glossary is not None
    seed = next(d for d in documents if d.document.slug == SEED)
    memo: dict = {}
    first = document_pages(seed.document, translations=seed.translations, glossary=glossary, memo=memo)
    assert memo and first == document_pages(seed.document, translations=seed.translations, glossary=glossary)
    entries = dict(seed.translations["resolution"])
    entries["p1"] = replace(entries["p1"], english="Edited English.")
    edited = {**seed.translations, "resolution": entries}
    calls = []
    monkeypatch.setattr("duben.site.generate.annotate", lambda *a, **k: calls.append(1) or pinyin.annotate(*a, **k))
    again = document_pages(seed.document, translations=edited, glossary=glossary, memo=memo)
    monkeypatch.undo()
    assert calls == [], "no paragraph was read again"
    assert again == document_pages(seed.document, translations=edited, glossary=glossary)
    assert "Edited English." in again[0][f"texts/{SEED}/resolution.md"]
