"""Long words shown as parts that can wrap."""

from __future__ import annotations

from duben.language.pinyin import annotate
from duben.language.segment import knowing, plain
from duben.site.generate import LONG_WORD, shown_words


def test_a_long_word_is_shown_as_its_parts_with_their_readings():
    term = "习近平新时代中国特色社会主义思想"
    segmenter = knowing([term])
    words = segmenter.segment(term + "，全面深化改革")
    assert words[0] == term
    readings = annotate(words, segmenter=segmenter)
    shown, shown_readings = shown_words(words, readings, plain())
    assert "".join(shown) == "".join(words)
    assert all(len(w) <= LONG_WORD or w == "中国特色社会主义" for w in shown), shown
    assert shown[0] == "习近平" and "思想" in shown and shown[shown.index("思想") + 1] == "，"
    flat = [s for r in shown_readings for reading in r for s in reading.syllables]
    assert flat == [s for r in readings for reading in r for s in reading.syllables]  # same pinyin, regrouped
