"""Readings of Arabic digit runs inside Chinese text.

A reader hears 2024年 as èr líng èr sì nián but 75周年 as qīshíwǔ zhōunián, so a
digit run is read from its context: years and codes digit by digit, everything
else as a number (:func:`an2cn` writes the Chinese numerals; this module gives
their citation syllables, so 一 in a number is always yi1).

:func:`an2cn` does what ``cn2an.an2cn`` does for whole numbers and is tested
against it (tests/test_numbers.py). It is written here because importing cn2an
compiles its Chinese-to-Arabic patterns: 0.39 s measured, a third of a whole
plain ``mkdocs build`` of the seed, for a conversion of a few lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_SYLLABLES = {
    "零": "ling2",
    "〇": "ling2",
    "一": "yi1",
    "二": "er4",
    "两": "liang3",
    "三": "san1",
    "四": "si4",
    "五": "wu3",
    "六": "liu4",
    "七": "qi1",
    "八": "ba1",
    "九": "jiu3",
    "十": "shi2",
    "百": "bai3",
    "千": "qian1",
    "万": "wan4",
    "亿": "yi4",
    "点": "dian3",
}
_DIGIT_NAMES = "零一二三四五六七八九"
_PERCENT = ("bai3", "fen1", "zhi1")

#: Opening quote → closing quote: a number quoted alone is a name or code.
_QUOTES = {"“": "”", "‘": "’", '"': '"', "「": "」", "『": "』", "《": "》"}
#: A year range: 2024—2027年 reads both ends digit by digit.
_YEAR_RANGE = re.compile(r"[—–\-~～至到][0-9]{4}年")
#: Counters after which a lone 2 is 两 (两个, 两项), not 二.
_COUNTERS = set("个项次名位件种条家所批台辆座只张本份轮届期年天周岁倍人亿万千百层套架艘支部颗枚篇首句块元吨")
#: Thousands separators: the groups after the first one of 1,234,567.
_GROUPS_AFTER = re.compile(r"(?:,[0-9]{3})+(?![0-9])(?:\.[0-9]+)?[%％]?")
_GROUP_BEFORE = re.compile(r"[0-9],$")
#: Digit strings this long are identifiers (phone numbers, codes), not amounts.
_LONG = 9


_UNITS = ("千", "百", "十", "")


def _four(n: int) -> str:
    """0 < n < 10000: 1010 → 一千零一十 (zeros inside collapse to one 零, trailing zeros unsaid)."""
    out: list[str] = []
    zero = False
    for digit, unit in zip(f"{n:04d}", _UNITS, strict=True):
        if digit == "0":
            zero = bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        out.append(_DIGIT_NAMES[int(digit)] + unit)
    return "".join(out)


def _grouped(n: int, width: int, unit: str, part: Callable[[int], str]) -> str:
    """n read as high·unit + low, where low has ``width`` digits (零 where low has leading zeros)."""
    high, low = divmod(n, 10**width)
    if not high:
        return part(low)
    out = part(high) + unit
    if low:
        out += ("零" if low < 10 ** (width - 1) else "") + part(low)
    return out


def an2cn(digits: str) -> str:
    """Whole number (at most 16 digits) → Chinese numerals: 100010000 → 一亿零一万, 15 → 十五."""
    n = int(digits)
    if n >= 10**16:
        raise ValueError(f"{digits}: more than 16 digits")
    if n == 0:
        return "零"
    text = _grouped(n, 8, "亿", lambda m: _grouped(m, 4, "万", _four))
    return text[1:] if text.startswith("一十") else text  # 十五, 十一万: the leading 一 is not said


def _say(chinese: str) -> tuple[str, ...]:
    return tuple(_SYLLABLES[ch] for ch in chinese)


def digit_by_digit(digits: str) -> tuple[str, ...]:
    """2024 → er4 ling2 er4 si4 (years, codes)."""
    return tuple(_SYLLABLES[_DIGIT_NAMES[int(d)]] for d in digits)


def cardinal(number: str) -> tuple[str, ...]:
    """75 → qi1 shi2 wu3; 3.5 → san1 dian3 wu3; 2000 → liang3 qian1."""
    whole, _, fraction = number.partition(".")
    if len(whole) > 16:
        return digit_by_digit(whole) + (("dian3", *digit_by_digit(fraction)) if fraction else ())
    chinese = an2cn(whole)
    if len(chinese) > 1 and chinese[0] == "二" and chinese[1] in "千万亿":
        chinese = "两" + chinese[1:]  # 两千, 两万, 两亿 are how these are said
    out = _say(chinese)
    if fraction:
        out += ("dian3", *digit_by_digit(fraction))
    return out


def read(token: str, before: str = "", after: str = "") -> tuple[str, ...]:
    """Syllables of a digit run (optionally with a decimal part and %) in context.

    ``before`` and ``after`` are the paragraph text around the token. In a
    number with thousands separators (1,000万元; jieba cuts it into three
    words) the first group carries the reading of the whole number and the
    later groups none.
    """
    if _GROUP_BEFORE.search(before) and re.fullmatch(r"[0-9]{3}(?:\.[0-9]+)?[%％]?", token):
        return ()
    grouped = _GROUPS_AFTER.match(after)
    if grouped and re.fullmatch(r"[0-9]{1,3}", token):
        token = token + grouped.group().replace(",", "")
        after = after[grouped.end() :]
    percent = token.endswith(("%", "％"))
    number = token.rstrip("%％")
    quoted = before[-1:] in _QUOTES and after[:1] == _QUOTES[before[-1:]]
    if "." not in number and (
        (len(number) == 4 and (after.startswith("年") or _YEAR_RANGE.match(after)))
        or quoted
        or len(number) >= _LONG
        or (len(number) > 1 and number.startswith("0"))
    ):
        out = digit_by_digit(number)
    elif number == "2" and after[:1] in _COUNTERS and not before.endswith("第"):
        out = ("liang3",)
    else:
        out = cardinal(number)
    return (*_PERCENT, *out) if percent else out
