"""Pinyin accuracy, in one run: CPP dev and running text, each reader and each part of duben (``make bench-pinyin``).

Two measures, because they disagree about what matters:

* CPP dev (``../shared/eval/cpp``, Wikipedia sentences, one ambiguous
  character each): accuracy on that character.
* Running text: ``tests/data/pinyin-gold-gr2018.txt`` and ``-gr2017.txt``
  (every Han character of two Government Work Reports, conventions at their
  top; the 2018 one is where duben's running-text fixes came from, the 2017
  one was made after and is held out): wrong readings per 10,000 Han
  characters, and Han characters per second (over both).

Readers: pypinyin alone, pinyin-pro (npm, pinned in the Makefile, run with
node), and duben with its steps added one at a time (see
:data:`duben.language.pinyin.STEPS`); "duben" is all of them. Usage::

    make bench-pinyin        # or: PYTHONPATH=src .venv/bin/python scripts/bench_pinyin_accuracy.py
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pypinyin import Style, pinyin

from duben.language import pinyin as engine
from duben.language.han import is_han
from duben.language.segment import plain

ROOT = Path(__file__).resolve().parent.parent
#: GR2018 was the text the engine's running-text review was drawn from; GR2017 was made after, held out.
GOLDS = {"GR2018 (dev)": ROOT / "tests" / "data" / "pinyin-gold-gr2018.txt",
         "GR2017 (held out)": ROOT / "tests" / "data" / "pinyin-gold-gr2017.txt"}
CPP = ROOT.parent / "shared" / "eval" / "cpp"
PINYIN_PRO = ROOT / "build" / "vendor" / "pinyin-pro.js"
MARK = "\u2581"

#: A reader: paragraphs → one numbered syllable (or "") per character of each.
Reader = Callable[[Sequence[str]], list[list[str]]]


def load_gold(path: Path) -> list[tuple[str, list[set[str]]]]:
    """(paragraph, accepted readings of each Han character) from the gold file."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return [(text, [set(tok.split("/")) for tok in readings.split()]) for text, readings in zip(lines[::2], lines[1::2],
                                                                                               strict=True)]


def load_cpp(folder: Path = CPP) -> list[tuple[str, int, str]]:
    sents = (folder / "dev.sent").read_text(encoding="utf-8").splitlines()
    labels = (folder / "dev.lb").read_text(encoding="utf-8").splitlines()
    return [(s.replace(MARK, ""), s.index(MARK), lb.strip().replace("u:", "v")) for s, lb in zip(sents, labels, strict=True)]


def pypinyin_reader(texts: Sequence[str]) -> list[list[str]]:
    out = []
    for text in texts:
        items = pinyin(text, style=Style.TONE3, neutral_tone_with_five=True, errors=lambda x: [""] * len(x))
        out.append([i[0].replace("ü", "v") if i[0][-1:].isdigit() else "" for i in items])
    return out


def pinyin_pro_reader(texts: Sequence[str]) -> list[list[str]]:
    # Its own copy of duben.language.second_reader's call: the bench also runs engines older than that module.
    script = f"""
const {{pinyin}} = require({json.dumps(str(PINYIN_PRO))});
const texts = JSON.parse(require('fs').readFileSync(0, 'utf8'));
console.log(JSON.stringify(texts.map(t => pinyin(t, {{toneType: 'num', type: 'array', toneSandhi: false, v: true}}))));
"""
    done = subprocess.run(["node", "-e", script], input=json.dumps(list(texts)), capture_output=True, text=True,
                          check=True)
    return [[s[:-1] + "5" if s.endswith("0") else (s if s[-1:].isdigit() else "") for s in row]
            for row in json.loads(done.stdout)]


def duben_reader(steps: Sequence[engine.Step], **options: Any) -> Reader:
    def read(texts: Sequence[str]) -> list[list[str]]:
        out = []
        for text in texts:
            syllables: list[str] = []
            for word in engine.annotate(plain().segment(text), steps=steps, **options):
                for r in word:
                    syllables.extend([r.syllables[0] if r.syllables else ""] if is_han(r.base) else [""] * len(r.base))
            out.append(syllables)
        return out
    return read


def readers() -> list[tuple[str, Reader]]:
    s = engine
    found: list[tuple[str, Reader]] = [("pypinyin", pypinyin_reader)]
    if shutil.which("node") and PINYIN_PRO.is_file():
        found.append(("pinyin-pro", pinyin_pro_reader))
    found += [
        ("duben: phrases", duben_reader((s.phrase_readings,), override_entries=())),
        ("+ g2pM", duben_reader((s.phrase_readings, s.settled_readings, s.g2pm_readings), override_entries=())),
    ]
    word_step = getattr(s, "word_readings", None)  # absent from engines before it (a baseline run)
    if word_step is None:
        return [*found, ("+ rules, overrides = duben", duben_reader(s.STEPS))]
    return [*found, ("+ rules, overrides", duben_reader(tuple(x for x in s.STEPS if x is not word_step))),
            ("+ word readings = duben", duben_reader(s.STEPS))]


def errors(reader: Reader, gold: list[tuple[str, list[set[str]]]]) -> tuple[int, int, float, list[str]]:
    """(wrong, Han characters, seconds, examples) of a reader on the gold text."""
    start = time.perf_counter()
    got = reader([text for text, _ in gold])
    seconds = time.perf_counter() - start
    wrong, han, examples = 0, 0, []
    for (text, accepted), syllables in zip(gold, got, strict=True):
        k = 0
        for i, ch in enumerate(text):
            if not is_han(ch):
                continue
            han += 1
            if syllables[i] not in accepted[k]:
                wrong += 1
                examples.append(f"{text[max(0, i - 5):i]}[{ch}]{text[i + 1:i + 6]} {syllables[i]} ≠ {'/'.join(accepted[k])}")
            k += 1
    return wrong, han, seconds, examples


def review_list(gold: list[tuple[str, list[set[str]]]]) -> tuple[int, int, int, int]:
    """(flagged, Han characters, duben's errors, errors flagged) of ``duben review`` on the gold text."""
    from duben.language.second_reader import read_texts  # (absent from engines before the review list)

    flagged = han = wrong = caught = 0
    seconds = read_texts([text for text, _ in gold], PINYIN_PRO) or [None] * len(gold)
    for (text, accepted), second in zip(gold, seconds, strict=True):
        paragraph = engine.read(plain().segment(text))
        doubtful = {d.offset for d in engine.doubts(paragraph, second)}
        k = 0
        for i, ch in enumerate(text):
            if not is_han(ch):
                continue
            han += 1
            flagged += i in doubtful
            if paragraph.syl[i] not in accepted[k]:
                wrong += 1
                caught += i in doubtful
            k += 1
    return flagged, han, wrong, caught


def cpp_accuracy(reader: Reader, items: list[tuple[str, int, str]]) -> float:
    got = reader([sent for sent, _, _ in items])
    return 100 * sum(row[index] == label for row, (_, index, label) in zip(got, items, strict=True)) / len(items)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--errors", type=Path, help="write duben's running-text errors here")
    args = parser.parse_args()
    golds = {name: load_gold(path) for name, path in GOLDS.items()}
    items = load_cpp() if (CPP / "dev.sent").is_file() else []
    engine.annotate(plain().segment("重庆发展"))  # load jieba, g2pM and the dictionaries: not per-character cost
    if not PINYIN_PRO.is_file():
        print(f"(pinyin-pro left out: {PINYIN_PRO} is missing; `make bench-pinyin` fetches it)")
    sizes = ", ".join(f"{name} {sum(len(a) for _, a in gold):,}" for name, gold in golds.items())
    print(f"running text, Han characters: {sizes}; CPP dev: {len(items):,} sentences"
          + ("" if items else f" (not found at {CPP})"))
    names = list(golds)
    print(f"{'reader':<26} {'CPP dev':>8} " + " ".join(f"{n + ' err/10k':>24}" for n in names) + f" {'Han chars/s':>12}")
    for name, reader in readers():
        cells, total_han, total_s = [], 0, 0.0
        for gold_name, gold in golds.items():
            wrong, han, seconds, examples = errors(reader, gold)
            cells.append(f"{1e4 * wrong / han:24.1f}")
            total_han, total_s = total_han + han, total_s + seconds
            if args.errors and name.endswith("= duben"):
                with args.errors.open("a", encoding="utf-8") as out:
                    out.write(f"# {gold_name}\n" + "\n".join(examples) + "\n")
        cpp = f"{cpp_accuracy(reader, items):7.2f}%" if items else "       —"
        print(f"{name:<26} {cpp} " + " ".join(cells) + f" {total_han / total_s:12,.0f}")
    for gold_name, gold in golds.items() if hasattr(engine, "doubts") else ():
        flagged, han, wrong, caught = review_list(gold)
        print(f"review list on {gold_name}: flags {flagged} of {han:,} Han characters ({100 * flagged / han:.2f} %), "
              f"holds {caught} of duben's {wrong} errors ({100 * caught / max(wrong, 1):.0f} %)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
