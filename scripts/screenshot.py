"""Screenshot built pages in headless Chromium at desktop and phone widths.

Usage: python scripts/screenshot.py [page.html ...]  (paths relative to site/)
Writes PNGs to build/screenshots/. Opens the pages from disk (file://).
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
SIZES = {"desktop": (1440, 1000), "phone": (390, 844)}


def main(pages: list[str]) -> None:
    out = ROOT / "build" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for name, (width, height) in SIZES.items():
            page = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=1)
            for rel in pages:
                page.goto((ROOT / "site" / rel).as_uri())
                page.wait_for_load_state("load")
                target = out / f"{rel.replace('/', '_').removesuffix('.html')}-{name}.png"
                page.screenshot(path=str(target), full_page=False)
                print(target.relative_to(ROOT))
            page.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1:] or ["index.html", "texts/chongqing-plenum-2024-05-24/resolution.html"])
