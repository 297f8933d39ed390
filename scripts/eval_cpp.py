"""Polyphone accuracy on the CPP dev set: pypinyin alone, g2pM alone, duben.

Why: the engine combines three sources (pypinyin's phrase table, g2pM, the
reviewed overrides); this shows, in one run, that the combination beats each
source alone. The last row ("duben -ovr") runs without the override file, as
some of its entries were found among CPP dev errors. Usage::

    PYTHONPATH=src .venv/bin/python scripts/eval_cpp.py [--data DIR] [--errors FILE]

The data folder holds ``dev.sent`` (target character wrapped in U+2581) and
``dev.lb`` (its pinyin, ``u:`` for ü, 5 for the neutral tone).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pypinyin import Style, pinyin

from duben.language.g2p import model
from duben.language.han import is_han
from duben.language.pinyin import annotate
from duben.language.segment import segment

MARK = "\u2581"


def load(folder: Path) -> list[tuple[str, int, str]]:
    """(sentence without markers, index of the target character, label in duben form)."""
    sents = (folder / "dev.sent").read_text(encoding="utf-8").splitlines()
    labels = (folder / "dev.lb").read_text(encoding="utf-8").splitlines()
    items = []
    for sent, label in zip(sents, labels, strict=True):
        index = sent.index(MARK)
        clean = sent.replace(MARK, "")
        items.append((clean, index, label.strip().replace("u:", "v")))
    return items


def pypinyin_alone(items: list[tuple[str, int, str]]) -> list[str]:
    """pypinyin 0.55 on the whole sentence, as most users call it."""
    out = []
    for sent, index, _ in items:
        syl = pinyin(sent, style=Style.TONE3, neutral_tone_with_five=True, errors=lambda x: [""] * len(x))
        out.append(syl[index][0].replace("ü", "v"))
    return out


def g2pm_alone(items: list[tuple[str, int, str]]) -> list[str]:
    """g2pM's own decision: argmax over all of its classes (as ``G2pM.predict``)."""
    order = sorted(range(len(items)), key=lambda k: len(items[k][0]))
    out = [""] * len(items)
    for start in range(0, len(order), 128):
        batch = order[start : start + 128]
        for k, row in zip(batch, model().argmax_all([items[k][0] for k in batch]), strict=True):
            out[k] = row.get(items[k][1], "")
    return out


def duben(items: list[tuple[str, int, str]], **options: Any) -> list[str]:
    """The engine as the site uses it: jieba words, then annotate (``options`` go to annotate)."""
    out = []
    for sent, index, _ in items:
        readings = [r for word in annotate(segment(sent), **options) for r in word]
        pos = 0
        found = ""
        for r in readings:
            if pos == index:
                found = r.syllables[0] if r.syllables and is_han(r.base) else ""
                break
            pos += len(r.base)
        out.append(found)
    return out


def duben_without_overrides(items: list[tuple[str, int, str]]) -> list[str]:
    """The engine without data/pinyin_overrides.txt: what the overrides add.

    Some override entries fix pypinyin phrase-table errors that showed up
    among CPP dev errors, so this row is the fairer benchmark number.
    """
    return duben(items, override_entries=())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path("/work/shared/eval/cpp"))
    parser.add_argument("--errors", type=Path, help="write duben's errors here (sentence, label, got)")
    args = parser.parse_args()
    items = load(args.data)
    systems: list[tuple[str, Callable[[list[tuple[str, int, str]]], list[str]]]] = [
        ("pypinyin", pypinyin_alone),
        ("g2pM", g2pm_alone),
        ("duben", duben),
        ("duben -ovr", duben_without_overrides),
    ]
    print(f"CPP dev: {len(items)} sentences")
    print(f"{'system':<10} {'accuracy':>9} {'seconds':>8}")
    results = {}
    for name, system in systems:
        start = time.perf_counter()
        got = system(items)
        seconds = time.perf_counter() - start
        correct = sum(g == label for g, (_, _, label) in zip(got, items, strict=True))
        results[name] = got
        print(f"{name:<10} {100 * correct / len(items):>8.2f}% {seconds:>8.1f}")
    if args.errors:
        with args.errors.open("w", encoding="utf-8") as fh:
            for (sent, index, label), got, g2 in zip(items, results["duben"], results["g2pM"], strict=True):
                if got != label:
                    marked = sent[:index] + "[" + sent[index] + "]" + sent[index + 1 :]
                    fh.write(f"{sent[index]}\t{label}\t{got}\tg2pM={g2}\t{marked}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
