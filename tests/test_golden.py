"""Golden files: the generated Markdown of the seed document, and of one small case per markup feature.

A change in pinyin, markup or content shows up here as a reviewable diff.
Regenerate with ``pytest tests/test_golden.py --update-golden`` and review
``git diff tests/golden`` — never edit the files by hand.

``tests/golden/cases/<name>/`` holds a document folder (``source.txt``,
``meta.yml``, ``text.en.yml``), optionally a ``glossary/``, and the pages it
must generate in ``expected/``: a failure there names the feature that broke.
"""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from duben.build.pipeline import generate_all
from duben.build.project import Project, load_content, load_documents, load_glossary

from .conftest import ROOT, SEED

GOLDEN = ROOT / "tests" / "golden"
CASES = sorted(p for p in (GOLDEN / "cases").iterdir() if p.is_dir())


def _compare(pages: dict[str, str], golden: Path, update: bool) -> list[str]:
    """Diffs between ``pages`` (name → text) and the files in ``golden``; with ``update``, rewrite them."""
    if update:
        shutil.rmtree(golden, ignore_errors=True)
    failures = []
    for rel, text in sorted(pages.items()):
        path = golden / rel
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            continue
        assert path.is_file(), f"missing golden file {path}; run pytest --update-golden"
        expected = path.read_text(encoding="utf-8")
        if expected != text:
            diff = difflib.unified_diff(expected.splitlines(), text.splitlines(), f"golden/{rel}", f"now/{rel}",
                                        lineterm="", n=0)
            failures.append("\n".join(list(diff)[:60]))
    stale = sorted(p.relative_to(golden).as_posix() for p in golden.rglob("*") if p.is_file()) if golden.is_dir() else []
    failures += [f"golden/{rel}: no longer generated" for rel in stale if rel not in pages]
    return failures


def test_seed_markdown_matches_golden_files(update_golden):
    project = Project(ROOT)
    pages, _ = generate_all(load_documents(project), load_glossary(project))
    seed_pages = {rel.removeprefix("texts/"): text for rel, text in pages.items()
                  if rel.startswith(f"texts/{SEED}/") and rel.endswith(".md")}
    assert len(seed_pages) == 3  # two articles and the document index
    failures = _compare(seed_pages, GOLDEN / "texts", update_golden)
    assert not failures, "\n\n".join(failures)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case_matches_its_golden_files(case: Path, tmp_path: Path, update_golden: bool):
    folder = tmp_path / "content" / "texts" / case.name
    shutil.copytree(case, folder, ignore=shutil.ignore_patterns("expected", "glossary"))
    (tmp_path / "content" / "glossary").mkdir()
    for term in (case / "glossary").glob("*.yml"):
        shutil.copy(term, tmp_path / "content" / "glossary" / term.name)
    glossary, documents, problems = load_content(Project(tmp_path))
    assert glossary is not None and problems == []
    pages, _ = generate_all(documents, glossary)
    mine = {rel.removeprefix(f"texts/{case.name}/"): text for rel, text in pages.items()
            if rel.startswith(f"texts/{case.name}/") and rel.endswith(".md")}
    failures = _compare(mine, case / "expected", update_golden)
    assert not failures, "\n\n".join(failures)
