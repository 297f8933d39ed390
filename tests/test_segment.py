"""duben's fast cache of jieba's prefix dictionary: the same entries, the same words, never a broken load."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jieba

from duben.language.segment import load_prefix_dict, save_prefix_dict

SENTENCE = "全会强调，要推动成渝地区双城经济圈建设走深走实，因地制宜发展新质生产力。"
RUN = """
import json, sys
from duben.language import segment
words = segment.segment(sys.argv[1])
print(json.dumps({"words": words, "file": str(segment.cache_file()), "entries": len(segment._tokenizer().FREQ)}))
"""


def _run(cache_home: Path) -> dict:
    env = dict(os.environ, XDG_CACHE_HOME=str(cache_home))
    out = subprocess.run([sys.executable, "-c", RUN, SENTENCE], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_the_cache_holds_exactly_jiebas_entries(tmp_path: Path) -> None:
    own = jieba.Tokenizer()
    own.initialize()  # jieba's own loader
    path = tmp_path / "jieba.bin"
    save_prefix_dict(own.FREQ, own.total, path)
    freq, total = load_prefix_dict(path)
    assert total == own.total
    assert freq == own.FREQ


def test_segmentation_is_the_same_from_jieba_and_from_the_cache(tmp_path: Path) -> None:
    first = _run(tmp_path)  # no cache yet: jieba loads, duben writes the cache
    assert Path(first["file"]).is_file()
    second = _run(tmp_path)  # from the cache
    assert second == first
    assert first["words"] == list(jieba.Tokenizer().cut(SENTENCE, HMM=True))


def test_a_damaged_cache_is_rebuilt(tmp_path: Path) -> None:
    good = _run(tmp_path)
    path = Path(good["file"])
    for damage in (b"", b"dbjieba1" + b"\xff" * 40, path.read_bytes()[:-1000]):
        path.write_bytes(damage)
        assert _run(tmp_path) == good
        assert load_prefix_dict(path)[0]  # written again, whole
