"""duben's own whole-number writer against cn2an, the library it stands in for.

duben does not import cn2an at build time (its import alone costs about 0.4 s;
see src/duben/numbers.py), so cn2an is the oracle here: every number up to
120,000 and random numbers of every length up to 16 digits must come out the
same, except where cn2an drops the 零 of a whole 万 group that is zero
(3,0000,8924), which the school rule reads 三亿零八千九百二十四.
"""

from __future__ import annotations

import re

import cn2an  # type: ignore[import-untyped]
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from duben.language.numbers import an2cn

from .test_properties import EXAMPLES


def _cn2an_skips_zero_group(n: int) -> bool:
    """cn2an writes 三亿八千 for 300008000: 亿 part, an all-zero 万 group, then 1000–9999."""
    return n >= 10**8 and (n // 10**4) % 10**4 == 0 and n % 10**4 >= 1000


def test_every_number_to_120000_as_cn2an_writes_it() -> None:
    mismatches = [n for n in range(120_001) if an2cn(str(n)) != cn2an.an2cn(str(n))]
    assert mismatches == []


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.integers(min_value=1, max_value=16).flatmap(lambda k: st.integers(10 ** (k - 1), 10**k - 1)))
def test_numbers_of_every_length_as_cn2an_writes_them(n: int) -> None:
    if _cn2an_skips_zero_group(n):
        assert an2cn(str(n)) == re.sub("亿(?=[一二三四五六七八九])", "亿零", cn2an.an2cn(str(n)), count=1)
    else:
        assert an2cn(str(n)) == cn2an.an2cn(str(n))


@pytest.mark.parametrize(("digits", "expected"), [
    ("0", "零"),
    ("10", "十"),
    ("110000", "十一万"),
    ("1010", "一千零一十"),
    ("10001000", "一千万一千"),        # zeros at the end of a group are not read
    ("100001000", "一亿零一千"),       # a whole zero group between is read as one 零
    ("300008924", "三亿零八千九百二十四"),
    ("100010000", "一亿零一万"),
    ("1000000000000", "一万亿"),
    ("9999999999999999", "九千九百九十九万九千九百九十九亿九千九百九十九万九千九百九十九"),
])
def test_school_readings(digits: str, expected: str) -> None:
    assert an2cn(digits) == expected


def test_more_than_16_digits_is_refused() -> None:
    with pytest.raises(ValueError, match="16 digits"):
        an2cn("1" + "0" * 16)
