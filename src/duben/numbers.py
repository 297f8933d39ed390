"""Readings of Arabic digit runs inside Chinese text.

A reader hears 2024年 as èr líng èr sì nián but 75周年 as qīshíwǔ zhōunián, so a
digit run is read from its context: years and codes digit by digit, everything
else as a number (cn2an writes the Chinese numerals; this module gives their
citation syllables, so 一 in a number is always yi1).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

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


@cache
def _cn2an() -> Any:
    """cn2an, imported on first use: its import costs a quarter second of startup."""
    import cn2an  # type: ignore[import-untyped]

    return cn2an


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
    chinese = _cn2an().an2cn(whole)
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
