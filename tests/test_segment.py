"""duben's fast cache of jieba's prefix dictionary: the same entries, the same words, never a broken load."""

from __future__ import annotations

from pathlib import Path

import jieba

from duben.language.machinecache import load_or_build
from duben.language.segment import Jieba, load_prefix_dict, plain, save_prefix_dict

SENTENCE = "全会强调，要推动成渝地区双城经济圈建设走深走实，因地制宜发展新质生产力。"

def test_the_cache_holds_exactly_jiebas_entries(tmp_path: Path) -> None:
    own = jieba.Tokenizer()
    own.initialize()  # jieba's own loader
    path = tmp_path / "jieba.bin"
    save_prefix_dict(own.FREQ, own.total, path)
    freq, total = load_prefix_dict(path)
    assert total == own.total
    assert freq == own.FREQ


def test_segmentation_is_the_same_from_jieba_and_from_the_cache() -> None:
    assert Jieba().segment(SENTENCE) == list(jieba.Tokenizer().cut(SENTENCE, HMM=True))


def test_a_missing_or_damaged_cache_is_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "jieba.bin"
    entries = ({"推动": 5, "推": 0, "发展": 7, "发": 0}, 12)
    builds: list[int] = []

    def build() -> tuple[dict[str, int], int]:
        builds.append(1)
        return entries

    def get() -> tuple[dict[str, int], int]:
        return load_or_build(path, load_prefix_dict, build, lambda loaded, p: save_prefix_dict(*loaded, p))

    assert get() == entries and len(builds) == 1  # missing: built, then saved
    assert get() == entries and len(builds) == 1  # from the cache
    whole = path.read_bytes()
    for damage in (b"", b"dbjieba1" + b"\xff" * 40, whole[:-3]):
        path.write_bytes(damage)
        assert get() == entries
        assert path.read_bytes() == whole  # written again, whole
    assert len(builds) == 4


def test_what_one_segmenter_learns_does_not_change_another() -> None:
    taught = Jieba(["新质生产力"])
    assert "新质生产力" in taught.segment(SENTENCE)
    assert "新质生产力" not in Jieba().segment(SENTENCE)
    assert "新质生产力" not in plain().segment(SENTENCE)
