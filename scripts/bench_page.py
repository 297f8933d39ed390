"""Page weight and load time of an annotated article against the same article plain.

Why: annotations (ruby, term links, notes, the per-page word data) must not
make pages heavy or slow. In one run, on this machine, this builds the real
site and a plain twin — the same articles as plain Chinese and English
paragraphs, same theme, plugins and CSS, no ruby, terms, notes or word data —
and prints, per article:

* HTML bytes and gzip bytes, annotated ÷ plain;
* DOMContentLoaded in headless Chromium from file:// (median of N loads,
  annotated and plain loads interleaved so machine noise hits both alike).

Usage: .venv/bin/python scripts/bench_page.py [--loads N]   (make bench)
Writes build/bench-page.json.
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from duben.build.project import Project, load_documents

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def mkdocs_build(config: Path, site: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
                   check=True, env=env, cwd=config.parent)


def plain_twin(work: Path) -> Path:
    """A project with the same articles as plain paragraphs and no duben hook."""
    docs = work / "docs"
    shutil.copytree(ROOT / "docs", docs, ignore=shutil.ignore_patterns("texts", "glossary"))
    for loaded in load_documents(Project(ROOT)):
        doc = loaded.document
        for article in doc.articles:
            entries = loaded.translations.get(article.slug, {})
            lines = ["---", f"title: {json.dumps(article.title, ensure_ascii=False)}", "hide:", "  - toc", "---", "",
                     '<div class="db-article">']
            for block in article.blocks:
                entry = entries.get(block.id)
                english = html.escape(entry.english) if entry and entry.english else "Translation pending."
                tag = "h1" if block.role == "title" else "p"
                lines.append(f'<div class="db-pair db-{block.role}" id="{block.id}"><a class="db-anchor" '
                             f'href="#{block.id}">¶</a><{tag} class="db-zh" lang="zh-Hans">{html.escape(block.text)}'
                             f'</{tag}><div class="db-en" lang="en"><p>{english}</p></div></div>')
            lines.append("</div>")
            page = docs / "texts" / doc.slug / f"{article.slug}.md"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config.pop("hooks", None)
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    (work / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return work / "mkdocs.yml"


def dcl_ms(browser, url: str) -> float:
    page = browser.new_page()
    page.goto(url)
    value = page.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")
    page.close()
    return float(value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--loads", type=int, default=7)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        annotated, plain = work / "site-annotated", work / "site-plain"
        mkdocs_build(ROOT / "mkdocs.yml", annotated)
        mkdocs_build(plain_twin(work / "plain"), plain)
        rows = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for page_path in sorted(annotated.glob("texts/*/*.html")):
                rel = page_path.relative_to(annotated)
                if rel.name == "index.html":
                    continue
                a_bytes, p_bytes = page_path.read_bytes(), (plain / rel).read_bytes()
                times: dict[str, list[float]] = {"a": [], "p": []}
                for _ in range(args.loads):
                    times["a"].append(dcl_ms(browser, page_path.as_uri()))
                    times["p"].append(dcl_ms(browser, (plain / rel).as_uri()))
                a_ms, p_ms = statistics.median(times["a"]), statistics.median(times["p"])
                rows.append({
                    "page": str(rel), "bytes": len(a_bytes), "plain_bytes": len(p_bytes),
                    "page_bytes_ratio": round(len(a_bytes) / len(p_bytes), 2),
                    "page_gzip_ratio": round(len(gzip.compress(a_bytes)) / len(gzip.compress(p_bytes)), 2),
                    "dcl_ms": round(a_ms, 1), "plain_dcl_ms": round(p_ms, 1), "dcl_ratio": round(a_ms / p_ms, 2),
                })
            browser.close()
    print(f"{'page':52} {'bytes':>8} {'plain':>7} {'bytes×':>6} {'gzip×':>6} {'DCL ms':>7} {'plain':>6} {'DCL×':>5}")
    for r in rows:
        print(f"{r['page']:52} {r['bytes']:8d} {r['plain_bytes']:7d} {r['page_bytes_ratio']:6.2f} "
              f"{r['page_gzip_ratio']:6.2f} {r['dcl_ms']:7.1f} {r['plain_dcl_ms']:6.1f} {r['dcl_ratio']:5.2f}")
    out = ROOT / "build" / "bench-page.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(rows, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
