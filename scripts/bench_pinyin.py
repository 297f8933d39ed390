"""Throughput of the pinyin engine, in Han characters per second.

Why: ``duben pinyin`` must keep up with whole documents (target: 20,000 Han
characters a second on the 2-core CI machine). This reads the seed paragraphs
(the source texts under content/texts/ unless files are given),
repeats them to about 100k Han characters and times, in one run:

* pypinyin alone on each paragraph string (the floor any engine pays),
* the same through jieba words (the engine duben had before g2pM),
* duben: jieba + ``annotate`` (phrases, g2pM, rules, overrides, numbers).

g2pM's per-sentence cache is cleared before every repetition of the seed, so
repeated paragraphs cost what new ones would. Usage::

    PYTHONPATH=src .venv/bin/python scripts/bench_pinyin.py [PARAGRAPH_FILE ...] [--chars N]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from pypinyin import Style, pinyin

from duben.language import pinyin as engine
from duben.language.segment import segment

ROOT = Path(__file__).resolve().parent.parent


def load_paragraphs(paths: list[Path]) -> list[str]:
    """Non-empty lines of the given files (lines in [brackets] are labels)."""
    lines = [line.strip() for path in paths for line in path.read_text(encoding="utf-8").splitlines()]
    return [line for line in lines if line and not line.startswith("[")]


def han_count(paragraphs: list[str]) -> int:
    return sum(1 for p in paragraphs for ch in p if engine.is_han(ch))


def pypinyin_alone(paragraph: str) -> None:
    pinyin(paragraph, style=Style.TONE3, neutral_tone_with_five=True)


def jieba_pypinyin(paragraph: str) -> None:
    pinyin(segment(paragraph), style=Style.TONE3, neutral_tone_with_five=True)


def duben(paragraph: str) -> None:
    engine.annotate(segment(paragraph))


def timed(run: Callable[[str], None], seed: list[str], repeats: int) -> float:
    """Seconds for ``repeats`` passes over the seed (cold g2pM cache each pass)."""
    total = 0.0
    for _ in range(repeats):
        engine._guesses.cache_clear()
        start = time.perf_counter()
        for paragraph in seed:
            run(paragraph)
        total += time.perf_counter() - start
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("seed", nargs="*", type=Path, help="paragraph files (default: content/texts/*/source.txt)")
    parser.add_argument("--chars", type=int, default=100_000, help="about this many Han characters")
    args = parser.parse_args()
    seed = load_paragraphs(args.seed or sorted(ROOT.glob("content/texts/*/source.txt")))
    per_pass = han_count(seed)
    repeats = max(1, round(args.chars / per_pass))
    # Warm up: load jieba's dictionary, g2pM's weights and the override file once.
    duben(seed[0])
    print(f"seed: {len(seed)} paragraphs, {per_pass} Han characters, x{repeats} = {per_pass * repeats}")
    print(f"{'engine':<22} {'seconds':>8} {'Han chars/s':>12}")
    for name, run in (("pypinyin alone", pypinyin_alone), ("jieba + pypinyin", jieba_pypinyin), ("duben", duben)):
        seconds = timed(run, seed, repeats)
        print(f"{name:<22} {seconds:>8.2f} {per_pass * repeats / seconds:>12,.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
