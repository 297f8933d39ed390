"""The library at scale (``make bench``): what 200 and 1,000 documents cost.

For each corpus size (documents made by scripts/bench.py's generator: the
seed, translated, plus real Chinese prose to about 15,000 Han characters):

* ``build_s`` / ``peak_rss_mb``: a full cold ``mkdocs build`` (generation in
  the worker pool, then MkDocs), and the largest resident set of the build
  or one of its workers;
* ``warm_pass_s``: the same build again, generation all from the cache;
* ``site_bytes`` and ``bytes_per_han``: the whole site ÷ Han characters of
  source; ``search_bytes``: the search index (``search/``);
* ``shard_s``: ``duben build --shard 0/4``, one of four CI jobs that fill a
  shared ``build/cache`` (each generates a quarter of the documents; a last
  job then makes the site warm);
* ``edit_to_preview_s``: under ``mkdocs serve --dirty`` (``make serve``),
  from saving a translation to the page serving the new English (median of
  3 edits; 100 documents, the issue's yardstick, and the corpus size), and
  on 100 documents ``..._chinese_s``, the same for an edit of the source's
  Chinese (which changes the search index's Chinese shards too) and
  ``..._full_pass_s``, plain ``mkdocs serve``;
* on the 200-document corpus, in Chromium over http: ``first_result_ms``,
  typing a query to its first result (median over queries; and with the CPU
  throttled 4×), and ``search_transfer_kb``, the most any of those queries
  loaded.

Usage: .venv/bin/python scripts/bench_library.py [--sizes 200 1000]
Writes build/bench-library.json.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import make_corpus, project_copy, report, timed_build

QUERIES = ["稳增长", "高质量发展", "新质生产力", "碳", "中国式现代化", "plenary session", "xinzhi shengchanli"]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def folder_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def shard_seconds(project: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "duben.cli", "build", "--root", str(project), "--shard", "0/4"],
                   check=True, capture_output=True)
    return time.perf_counter() - start


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except OSError:
        return ""


EDITS = {  # what an editor saves: the file, the text it changes, and where the marker goes
    "english": ("resolution.en.yml", "The Fifth Plenary Session", "{marker} The Fifth Plenary Session"),
    "chinese": ("source.txt", "市委常委会主持会议。", "市委常委会主持会议{marker}。"),
}


def edit_to_preview(project: Path, edits: int = 3, dirty: bool = True, kind: str = "english") -> float:
    """Seconds from saving an English entry (``kind="chinese"``: a paragraph of the source) to
    ``mkdocs serve --dirty`` (``make serve``) serving it (median); ``dirty=False``: MkDocs
    renders every page again on each save."""
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    flags = ["--dirty", "--no-strict"] if dirty else []
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", *flags, "-a",
                               f"127.0.0.1:{port}"], cwd=project, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    page = f"http://127.0.0.1:{port}/texts/corpus-042/resolution.html"
    name, old, new = EDITS[kind]
    try:
        deadline = time.time() + 1800
        while "db-pair" not in _get(page):
            if time.time() > deadline or server.poll() is not None:
                raise SystemExit("mkdocs serve did not start")
            time.sleep(1)
        time.sleep(2)  # let the watcher settle
        path = project / "content/texts/corpus-042" / name
        times = []
        for n in range(edits):
            marker = f"Benchmark{n}x{time.time():.0f}"
            text = path.read_text(encoding="utf-8")
            assert old in text, f"{path}: no {old!r} to edit"
            start = time.perf_counter()
            path.write_text(text.replace(old, new.format(marker=marker), 1), encoding="utf-8")
            while marker not in _get(page):
                if time.perf_counter() - start > 300:
                    raise SystemExit("the edit never reached the preview")
                time.sleep(0.05)
            times.append(time.perf_counter() - start)
            path.write_text(text, encoding="utf-8")  # the next edit starts from the same text
            time.sleep(2)
        return statistics.median(times)
    finally:
        server.terminate()
        server.wait(timeout=30)


def search_timings(site: Path) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    results: dict[str, float] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for throttle in (1, 4):
                times, transfers = [], []
                for query in QUERIES:
                    context = browser.new_context(viewport={"width": 1280, "height": 900})
                    page = context.new_page()
                    loaded: list[int] = []
                    page.on("response", lambda r, loaded=loaded: loaded.append(len(r.body()))
                            if "/search/" in r.url else None)
                    if throttle > 1:
                        page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": throttle})
                    page.goto(base + "index.html")
                    page.wait_for_load_state("load")
                    page.keyboard.press("/")
                    start = time.perf_counter()
                    page.locator(".db-search-input").press_sequentially(query, delay=0)
                    page.wait_for_function("q => document.querySelector('.db-search-status').textContent"
                                           ".indexOf('“' + q + '”') >= 0", arg=query, timeout=60_000)
                    times.append((time.perf_counter() - start) * 1000)
                    transfers.append(sum(loaded) / 1024)
                    context.close()
                key = "first_result_ms" if throttle == 1 else "first_result_ms_cpu4x"
                results[key] = statistics.median(times)
                results[key.replace("_ms", "_max_ms")] = max(times)
                if throttle == 1:
                    results["search_transfer_kb_max"] = max(transfers)
            browser.close()
    finally:
        server.shutdown()
    return results


def measure(documents: int, tmp: Path, search: bool, preview: bool) -> dict[str, float]:
    project = project_copy(tmp / f"corpus{documents}", with_texts=False)
    han = make_corpus(project, documents)
    out: dict[str, float] = {"han_chars": han}
    site = tmp / f"site{documents}"
    seconds, me, kids = timed_build(project, site)
    out["build_s"], out["peak_rss_mb"] = seconds, max(me, kids)
    out["warm_pass_s"] = timed_build(project, tmp / f"site{documents}-warm")[0]
    out["site_bytes"] = folder_bytes(site)
    out["bytes_per_han"] = out["site_bytes"] / han
    out["search_bytes"] = folder_bytes(site / "search")
    out["html_bytes"] = sum(p.stat().st_size for p in site.rglob("*.html"))
    out["word_data_bytes"] = sum(p.stat().st_size for p in site.rglob("*.words.js"))
    shutil.rmtree(project / "build" / "cache")
    out["shard_s"] = shard_seconds(project)
    if search:
        out.update(search_timings(site))
    if preview:
        timed_build(project, tmp / "rewarm")  # the shard left three quarters to generate
        out["edit_to_preview_s"] = edit_to_preview(project)
    shutil.rmtree(tmp / f"site{documents}-warm", ignore_errors=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 1000])
    args = parser.parse_args()
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        small = project_copy(tmp / "corpus100", with_texts=False)
        make_corpus(small, 100)
        timed_build(small, tmp / "site100")
        results["corpus100_edit_to_preview_s"] = edit_to_preview(small)
        results["corpus100_edit_to_preview_chinese_s"] = edit_to_preview(small, kind="chinese")
        results["corpus100_edit_to_preview_full_pass_s"] = edit_to_preview(small, dirty=False)
        shutil.rmtree(small)
        for size in args.sizes:
            for key, value in measure(size, tmp, search=size == min(args.sizes), preview=True).items():
                results[f"corpus{size}_{key}"] = value
            for leftover in tmp.iterdir():
                shutil.rmtree(leftover, ignore_errors=True)
    report(results, "bench-library.json", digits=14)


if __name__ == "__main__":
    main()
