"""A second, independent pinyin reader for the review list: pinyin-pro (npm, MIT), run with node.

Where duben and another reader disagree is where its errors are: measured on
two Government Work Reports (``make bench-pinyin``), disagreement with
pypinyin and g2pM's doubt alone hold about two thirds of duben's remaining
errors; with pinyin-pro as well, nearly all, for about 0.5 % of characters
flagged. pinyin-pro is JavaScript: the Makefile fetches one pinned file
(``build/vendor/pinyin-pro.js``, checked by sha512) and this module runs it
with node, once for all the paragraphs of an article. Without node or the
file the review list is built from the other signals, and says so.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

_SCRIPT = """
const {pinyin} = require(process.argv[1]);
const texts = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const options = {toneType: 'num', type: 'array', toneSandhi: false, v: true};
process.stdout.write(JSON.stringify(texts.map(t => pinyin(t, options))));
"""


def available(script: Path) -> bool:
    return script.is_file() and shutil.which("node") is not None


def read_texts(texts: Sequence[str], script: Path) -> list[list[str]] | None:
    """One numbered syllable ('' where none) per character of each text, or None if it cannot run."""
    if not texts or not available(script):
        return None
    done = subprocess.run(["node", "-e", _SCRIPT, str(script.resolve())], input=json.dumps(list(texts)),
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return None
    rows = json.loads(done.stdout)
    out = []
    for text, row in zip(texts, rows, strict=True):
        syllables = [s[:-1] + "5" if s.endswith("0") else (s if s[-1:].isdigit() else "") for s in row]
        out.append(syllables if len(syllables) == len(text) else [""] * len(text))
    return out
