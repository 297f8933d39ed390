"""Screenshot a card as Anki shows it: export an article's vocabulary in headless Chromium
(the page's own button), import the file into a fresh Anki collection with the options Anki
proposes, render one card with Anki's card renderer (``card.answer()``: its template, CSS
and fields) and screenshot that HTML in Chromium, as Anki's web view would show it.

Usage: python scripts/anki_card.py [ARTICLE WORD]  (ARTICLE relative to site/; run make site first)
Writes docs/assets/anki-card.png (the README shows it).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from anki.collection import Collection, ImportCsvRequest
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def main(article: str, word: str) -> None:
    page_file = ROOT / "site" / article
    if not page_file.is_file():
        sys.exit(f"{page_file}: not built; run make site")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 600, "height": 400}, device_scale_factor=1)
        page.goto(page_file.as_uri())
        page.select_option("form.db-vocab select[name=format]", "anki")
        with page.expect_download() as info:
            page.click("form.db-vocab button")
        export = Path(tmp) / info.value.suggested_filename
        info.value.save_as(export)

        col = Collection(str(Path(tmp) / "collection.anki2"))
        col.import_csv(ImportCsvRequest(path=str(export), metadata=col.get_csv_metadata(str(export), None)))
        cards = col.find_cards(f'"front:{word}"')
        if not cards:
            sys.exit(f"{export.name}: no card for {word}")
        answer = col.get_card(cards[0]).answer()
        col.close()
        # Anki's reviewer puts the rendered card in a body of class "card" (its template's CSS targets .card).
        page.set_content(f'<!doctype html><meta charset="utf-8"><body class="card">{answer}</body>')
        target = ROOT / "docs" / "assets" / "anki-card.png"
        height = page.evaluate("document.body.scrollHeight") + 16
        page.set_viewport_size({"width": 600, "height": height})
        page.screenshot(path=str(target))
        browser.close()
    print(target.relative_to(ROOT))


if __name__ == "__main__":
    main(*(sys.argv[1:3] if len(sys.argv) >= 3 else ("texts/gwr-2018/text.html", "脱贫")))
