"""Per-machine caches of package data in a form that loads fast (jieba's dictionary, CC-CEDICT).

Both were the largest costs of a build that generates pages: jieba's prefix
dictionary loads from its ``marshal`` cache in 0.8 s, CC-CEDICT parses in
0.45 s. Like jieba's own cache (which it keeps in the temp directory), these
are derived from installed packages, not from the project: they live in
``$XDG_CACHE_HOME/duben`` (else ``~/.cache/duben``), are named by a hash of
the source file's path, size and mtime and a format version, are written
once per machine and package version, and are rebuilt from the package
whenever missing or unreadable (a reader of a damaged file gets ValueError).
Words are stored as one UTF-8 text and numbers as arrays of integers: no
pickle or marshal, so a planted file can at worst be refused.
"""

from __future__ import annotations

import array
import contextlib
import hashlib
import os
import struct
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from duben.atomic import replace_file

T = TypeVar("T")

# magic, number of items, one free integer (jieba's total count), length of the text in bytes: a file
# cut short anywhere, even between two characters of the text, is refused (format 2).
_HEADER = struct.Struct("<8sQQQ")


def directory() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "duben"


#: In every file name: checkouts of duben with another format never read each other's files.
FORMAT = 2


def path_for(name: str, source: Path, version: str) -> Path:
    stat = source.stat()
    key = f"{FORMAT} {version} {source.resolve()} {stat.st_size} {stat.st_mtime_ns}"
    return directory() / f"{name}-{hashlib.sha256(key.encode()).hexdigest()[:16]}.bin"


def save(path: Path, magic: bytes, numbers: list[int], text: str, extra: int = 0) -> None:
    """Write ``numbers`` (unsigned 32-bit) and ``text`` atomically: readers never see half a file."""
    counts = array.array("I", numbers)
    if sys.byteorder != "little":
        counts.byteswap()
    data = text.encode("utf-8")
    replace_file(path, _HEADER.pack(magic, len(numbers), extra, len(data)) + counts.tobytes() + data)


def load_or_build(path: Path, load: Callable[[Path], T], build: Callable[[], T],
                  save: Callable[[T, Path], None]) -> T:
    """``load(path)``; if the cache is missing or damaged, ``build()`` and try to ``save`` it for next time."""
    try:
        return load(path)
    except (OSError, ValueError):
        value = build()
        # A read-only home (or numbers beyond 32 bits): the package's own loader still serves, only slower.
        with contextlib.suppress(OSError, OverflowError):
            save(value, path)
        return value


def load(path: Path, magic: bytes) -> tuple[array.array[int], str, int]:
    """(numbers, text, extra) as saved; ValueError if the file is not a whole cache of this kind."""
    try:
        data = path.read_bytes()
        found, size, extra, text_size = _HEADER.unpack_from(data)
        numbers = array.array("I")
        end = _HEADER.size + size * numbers.itemsize
        if len(data) != end + text_size:
            raise ValueError(f"{path}: damaged cache (cut short or padded)")
        numbers.frombytes(data[_HEADER.size:end])
        text = data[end:].decode("utf-8")
    except (struct.error, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: damaged cache ({exc})") from exc
    if sys.byteorder != "little":
        numbers.byteswap()
    if found != magic or len(numbers) != size:
        raise ValueError(f"{path}: not a {magic.decode(errors='replace')} cache")
    return numbers, text, extra
