"""Golden files: the generated Markdown of the seed document.

A change in pinyin, markup or content shows up here as a reviewable diff.
Regenerate with ``pytest tests/test_golden.py --update-golden`` and review
``git diff tests/golden`` — never edit the files by hand.
"""

from __future__ import annotations

import difflib

from duben.build.pipeline import generate_all
from duben.build.project import Project, load_documents, load_glossary

from .conftest import ROOT, SEED

GOLDEN = ROOT / "tests" / "golden"


def test_seed_markdown_matches_golden_files(update_golden):
    project = Project(ROOT)
    pages, _ = generate_all(load_documents(project), load_glossary(project), sandhi="citation")
    seed_pages = {rel: text for rel, text in pages.items() if rel.startswith(f"texts/{SEED}/") and rel.endswith(".md")}
    assert len(seed_pages) == 3  # two articles and the document index
    failures = []
    for rel, text in sorted(seed_pages.items()):
        golden = GOLDEN / rel
        if update_golden:
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_text(text, encoding="utf-8")
            continue
        assert golden.is_file(), f"missing golden file {golden}; run pytest --update-golden"
        expected = golden.read_text(encoding="utf-8")
        if expected != text:
            diff = difflib.unified_diff(expected.splitlines(), text.splitlines(), f"golden/{rel}", f"now/{rel}",
                                        lineterm="", n=0)
            failures.append("\n".join(list(diff)[:60]))
    assert not failures, "\n\n".join(failures)
