"""Source bytes → text, with the encoding detected where it is not UTF-8.

Documents arrive from PDFs, web pages and Word files: GB18030/GBK, Big5,
UTF-16, with or without a BOM, with CRLF or lone CR line ends. UTF-8 (with
or without BOM) and BOM-marked UTF-16/32 are read directly; anything else is
identified by charset-normalizer and accepted only when it is a Chinese
encoding decoded without noise — otherwise the file is refused with what to
do, never guessed. Control characters (NUL and the like) are refused with
their line and column: a page must not carry invisible garbage.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

from duben.errors import DubenError, Problem, Severity
from duben.language.han import HAN

CHINESE_ENCODINGS = {"gb18030", "gbk", "gb2312", "hz", "big5", "big5hkscs", "cp950", "cp936", "euc_jp"}
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")
MAX_CHAOS = 0.1


def decode(data: bytes, path: str) -> tuple[str, list[Problem]]:
    """Decoded text with ``\\n`` line ends, and notes (e.g. which encoding was assumed)."""
    notes: list[Problem] = []
    text: str | None = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise DubenError(Problem(path, None, f"starts with a {encoding} byte-order mark but is not valid "
                                         f"{encoding} ({exc.reason}); save the file as UTF-8")) from exc
            break
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            text = _detect(data, path, exc)
            notes.append(Problem(path, None, f"not UTF-8: read as {_detected_name(data)}; save it as UTF-8 "
                                 "to be sure", severity=Severity.INFO))
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    _refuse_controls(text, path)
    return text, notes


def _detected_name(data: bytes) -> str:
    best = from_bytes(data).best()
    return best.encoding if best else "unknown"


def _detect(data: bytes, path: str, error: UnicodeDecodeError) -> str:
    best = from_bytes(data).best()
    line = data[: error.start].count(b"\n") + 1
    if best is None or best.encoding not in CHINESE_ENCODINGS or best.chaos > MAX_CHAOS:
        guess = f" (best guess {best.encoding}, not trusted)" if best else ""
        raise DubenError(Problem(path, line, f"not valid UTF-8 (first bad byte at line {line}) and the encoding "
                                 f"could not be determined with confidence{guess}; save the file as UTF-8"))
    text = str(best)
    if not HAN.search(text):
        raise DubenError(Problem(path, line, f"not UTF-8, and read as {best.encoding} it holds no Chinese; "
                                 "save the file as UTF-8"))
    return text


def _refuse_controls(text: str, path: str) -> None:
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        for match in _CONTROL.finditer(line):
            code = f"U+{ord(match.group()):04X}"
            problems.append(Problem(path, number, f"control character {code} at column {match.start() + 1}; "
                                    "delete it (it is invisible and would be published)"))
            if len(problems) >= 20:
                raise DubenError(problems)
    if problems:
        raise DubenError(problems)
