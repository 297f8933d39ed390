"""``duben import`` / ``duben skeleton`` on real input, and work in progress as a normal state."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from duben.build.importer import read_tmx, run_import, skeleton
from duben.build.project import load_document
from duben.content.translation import Entry
from duben.errors import DubenError
from duben.site.render import english_html

from .conftest import BUILD_ENV, mkdocs_build, project_copy

TMX = Path(__file__).parent / "data" / "GR2018-head.tmx"


def _project(tmp: Path) -> Path:
    """An empty duben project: the site's configuration and pages, no content."""
    return project_copy(tmp, content=False)


def _import(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "duben.cli", "import", str(TMX), "--slug", "gwr-2018",
                           "--credit", "Official translation", *extra], cwd=root, capture_output=True, text=True)


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = _project(tmp_path_factory.mktemp("import"))
    result = _import(root)
    assert result.returncode == 0, result.stderr
    return root


def test_tmx_import_gives_structure_meta_and_english(imported):
    folder = imported / "content/texts/gwr-2018"
    meta = yaml.safe_load((folder / "meta.yml").read_text(encoding="utf-8"))
    assert meta["title"] == "政府工作报告" and meta["date"] == "2018-03-05"
    assert meta["speaker"] == "国务院总理 李克强" and meta["publisher"] == "国务院"
    doc = load_document(folder, imported)
    blocks = doc.document.articles[0].blocks
    roles = [b.role for b in blocks]
    assert roles[:5] == ["title", "dateline", "byline", "salutation", "body"]
    assert roles.count("title") == 1
    headings = [(b.level, b.text[:3]) for b in blocks if b.role == "heading"]
    assert headings[:3] == [(2, "一、过"), (3, "（一）"), (3, "（二）")]
    entries = doc.translations["text"]
    with_english = [b for b in blocks if entries.get(b.id) and entries[b.id].english]
    assert len(with_english) >= 0.99 * len(blocks)
    assert all(entries[b.id].status == "official" for b in with_english)
    # Paragraphs, not sentences: the aligned sentences are grouped, and kept as sentences.
    assert len(blocks) < 40 and any(len(entries[b.id].sentences) > 3 for b in with_english)


def test_reimport_changes_nothing_and_keeps_an_editors_change(imported):
    folder = imported / "content/texts/gwr-2018"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert _import(imported).returncode == 0
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    path = folder / "text.en.yml"
    edited = path.read_text(encoding="utf-8").replace("Fellow Deputies,", "Fellow Deputies (edited),")
    path.write_text(edited, encoding="utf-8")
    result = _import(imported)
    assert "kept (edited by an editor" in result.stdout
    assert path.read_text(encoding="utf-8") == edited
    path.write_bytes(before["text.en.yml"])


def test_the_imported_report_builds_with_sections_in_the_table_of_contents(imported):
    result = mkdocs_build(imported)
    assert result.returncode == 0, result.stderr
    html = (imported / "site/texts/gwr-2018/text.html").read_text(encoding="utf-8")
    assert len(re.findall(r"<h1\b", html)) == 1
    assert re.search(r'<a href="#s1" class="md-nav__link">', html), "sections missing from the page's TOC"
    assert "政府工作报告（2018）" in html  # the navigation label tells same-titled reports apart
    assert 'class="db-s" data-s="p2-1"' in html  # sentence alignment on both sides
    assert html.count('data-s="p2-1"') == 2


def test_malformed_tmx_is_refused_with_file_and_line(tmp_path):
    bad = TMX.read_text(encoding="utf-8").replace("</tuv>\n</tu>", "</tu>", 1)
    with pytest.raises(DubenError) as caught:
        read_tmx(bad.encode(), "bad.tmx")[0]
    assert re.match(r"bad\.tmx:\d+: not well-formed TMX", str(caught.value.problems[0]))


def test_numbered_english_lines_stay_prose():
    html = english_html(Entry("p1", "2. We refined macro-regulation.", "official", (), 1))
    assert "<ol" not in html and "<li" not in html and "2. We refined" in html
    html = english_html(Entry("p1", "# Not a heading, *but* emphasis", "draft", (), 1))
    assert "<h1" not in html and "<em>but</em>" in html


def test_one_sentence_per_line_text_becomes_paragraphs_with_a_note(tmp_path):
    root = _project(tmp_path)
    lines = [s for s in re.findall(r'zh-CN"><seg>(.*?)</seg>', TMX.read_text(encoding="utf-8"))]
    (tmp_path / "gwr.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    folder = root / "content/texts/gwr-plain"
    folder.mkdir()
    shutil.copy(tmp_path / "gwr.txt", folder / "source.txt")
    result = subprocess.run([sys.executable, "-m", "duben.cli", "check"], cwd=root, capture_output=True, text=True)
    assert "content/texts/gwr-plain/source.txt: note: read one paragraph per line" in result.stdout
    doc = load_document(folder, root).document
    assert len(doc.articles[0].blocks) > 50  # not one 3,000-character block


def test_work_in_progress_builds_and_check_names_each_pending_paragraph(imported, tmp_path):
    root = _project(tmp_path)
    shutil.copytree(imported / "content/texts/gwr-2018", root / "content/texts/gwr-2018")
    path = root / "content/texts/gwr-2018/text.en.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    removed = data["entries"][1::2]
    data["entries"] = data["entries"][::2]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    html = (root / "site/texts/gwr-2018/text.html").read_text(encoding="utf-8")
    assert html.count('data-status="missing"') == len(removed)
    check = subprocess.run([sys.executable, "-m", "duben.cli", "check", "--strict"], cwd=root,
                           capture_output=True, text=True)
    assert check.returncode != 0
    assert check.stdout.count("has no translation entry") == len(removed)
    # duben skeleton writes the missing entries with their fingerprints
    added = skeleton(root, "gwr-2018")
    assert added == [f"content/texts/gwr-2018/text.en.yml: {len(removed)} entries added"]
    check = subprocess.run([sys.executable, "-m", "duben.cli", "check", "--strict"], cwd=root,
                           capture_output=True, text=True)
    assert "has no translation entry" not in check.stdout and "fingerprint" not in check.stdout
    assert check.stdout.count("has no English yet (pending)") == len(removed)  # still to translate


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return str(response.read().decode("utf-8"))


def _wait_for(url: str, needle: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    last = ""
    while time.monotonic() < deadline:
        try:
            last = _get(url)
            if needle in last:
                return last
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{needle!r} not served at {url} within {seconds} s")


def test_serve_starts_with_a_broken_file_and_recovers_when_it_is_fixed(imported, tmp_path):
    root = _project(tmp_path)
    shutil.copytree(imported / "content/texts/gwr-2018", root / "content/texts/gwr-2018")
    path = root / "content/texts/gwr-2018/text.en.yml"
    good = path.read_text(encoding="utf-8")
    path.write_text(good + "- zh: [broken\n", encoding="utf-8")
    port = 8700 + os.getpid() % 200
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                              cwd=root, env=BUILD_ENV, stdout=subprocess.DEVNULL, stderr=open(tmp_path / "serve.log", "w"))  # noqa: SIM115
    try:
        page = _wait_for(f"http://127.0.0.1:{port}/", "content/ has problems")
        assert "text.en.yml" in page
        path.write_text(good.replace("Fellow Deputies,", "Fellow Deputies, (fixed)"), encoding="utf-8")
        _wait_for(f"http://127.0.0.1:{port}/texts/gwr-2018/text.html", "(fixed)")
        assert "content/ has problems" not in _get(f"http://127.0.0.1:{port}/")
        # Two saves 0.2 s apart: the second rebuild must show the second save, and no cache
        # entry may keep the first one under the second one's key (later builds reuse the cache).
        for i, words in enumerate(("(first save)", "(second save)")):
            time.sleep(0.2 * i)
            path.write_text(good.replace("Fellow Deputies,", f"Fellow Deputies, {words}"), encoding="utf-8")
        _wait_for(f"http://127.0.0.1:{port}/texts/gwr-2018/text.html", "(second save)")
    finally:
        server.terminate()
        server.wait(timeout=20)
    assert mkdocs_build(root).returncode == 0
    assert "(second save)" in (root / "site/texts/gwr-2018/text.html").read_text(encoding="utf-8")


def test_make_serve_builds_once_per_save_and_still_sees_hand_written_pages(imported, tmp_path):
    """A save starts one build: the build's own writes to docs/ must not start a second one,
    which every page request would wait for. Pages written by hand in docs/ stay watched."""
    root = _project(tmp_path)
    shutil.copytree(imported / "content/texts/gwr-2018", root / "content/texts/gwr-2018")
    path = root / "content/texts/gwr-2018/text.en.yml"
    port = 8500 + os.getpid() % 200
    log = tmp_path / "serve.log"
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict",  # make serve
                               "-a", f"127.0.0.1:{port}"], cwd=root, env=BUILD_ENV, stdout=subprocess.DEVNULL,
                              stderr=open(log, "w"))  # noqa: SIM115
    page = f"http://127.0.0.1:{port}/texts/gwr-2018/text.html"
    try:
        _wait_for(page, "Fellow Deputies", seconds=120)
        time.sleep(1)
        path.write_text(path.read_text(encoding="utf-8").replace("Fellow Deputies,", "Fellow Deputies, (saved)"),
                        encoding="utf-8")
        saved = _wait_for(page, "(saved)")
        assert not re.search(r'class="md-ellipsis">\s*None\s*<', saved), "every sidebar entry keeps its title"
        time.sleep(3)  # a second build would start within the watcher's half-second poll
        assert log.read_text(encoding="utf-8").count("Building documentation") == 2, "startup, then one per save"
        contributing = root / "docs/contributing.md"
        contributing.write_text(contributing.read_text(encoding="utf-8") + "\nA line added by hand.\n",
                                encoding="utf-8")
        _wait_for(f"http://127.0.0.1:{port}/contributing.html", "A line added by hand.")
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_import_cli_writes_into_a_new_folder(tmp_path):
    result = run_import(tmp_path, TMX, "gwr", None, None, "official", False)
    assert sorted(result.files) == ["content/texts/gwr/meta.yml", "content/texts/gwr/source.txt",
                                    "content/texts/gwr/text.en.yml"]
    assert (tmp_path / "content/texts/gwr/source.txt").read_text(encoding="utf-8").startswith("政府工作报告\n\n")


@pytest.mark.browser
def test_sentence_alignment_by_mouse_keyboard_and_touch_from_disk(imported, browser):
    page_path = imported / "site/texts/gwr-2018/text.html"
    if not page_path.is_file():
        assert mkdocs_build(imported).returncode == 0
    lit = "Array.from(document.querySelectorAll('.db-lit')).map(n => (n.closest('.db-zh') ? 'zh:' : 'en:') + n.dataset.s)"
    for touch in (False, True):
        context = browser.new_context(viewport={"width": 390 if touch else 1280, "height": 800}, has_touch=touch)
        page = context.new_page()
        page.goto(page_path.as_uri())
        zh = page.locator('.db-zh .db-s[data-s="p2-2"]')
        zh.tap() if touch else zh.hover()
        assert sorted(page.evaluate(lit)) == ["en:p2-2", "zh:p2-2"]
        page.locator('.db-en .db-s[data-s="p2-3"]').focus()  # Tab reaches sentences: they are focusable
        assert sorted(page.evaluate(lit)) == ["en:p2-3", "zh:p2-3"]
        context.close()
