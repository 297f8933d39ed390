"""Per-document generation cache, keyed by a hash of everything the output depends on.

A document's pages depend on its folder (source, meta, translations), the
glossary, the tone policy and duben itself (code and data files). The key
hashes all of them, so changing any input regenerates the document and
changing nothing regenerates nothing. Entries live in ``build/cache/`` (never
in ``content/``), one JSON file per document, written atomically.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from functools import cache
from pathlib import Path

from duben import __version__
from duben.build.project import write_atomic
from duben.model import Occurrence

CACHE_FORMAT = "1"


@cache
def code_fingerprint() -> str:
    """duben's version plus a hash of its own source and data files."""
    digest = hashlib.sha256(f"{__version__}/{CACHE_FORMAT}".encode())
    package = Path(__file__).resolve().parent.parent  # all of duben, not only this sub-package
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".txt", ".tsv", ".json", ".yml"):
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def document_key(folder_digest: str, glossary_digest: str, sandhi: str) -> str:
    """A document's key: the bytes its folder and the glossary were read from, the tone policy, duben."""
    parts = [code_fingerprint(), folder_digest, glossary_digest, sandhi]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


Part = tuple[dict[str, str], list[Occurrence]]


class PageCache:
    """Entries on disk; with ``memory`` (``mkdocs serve``), also the last entry of each name read or
    written by this process, so a preview does not read and parse megabytes of JSON again
    (the search index and the glossary pages, on every edit)."""

    def __init__(self, folder: Path, memory: dict[str, tuple[str, Part]] | None = None):
        self.folder = folder
        self.memory = memory

    def _path(self, slug: str) -> Path:
        return self.folder / f"{slug}.json"

    def get(self, slug: str, key: str) -> Part | None:
        if self.memory is not None and slug in self.memory and self.memory[slug][0] == key:
            return self.memory[slug][1]
        try:
            with self._path(slug).open("rb") as handle:
                start = handle.read(64)
                if not self._starts(start, key):
                    return None  # an entry under another key is not read (megabytes for the search index)
                data = json.loads(start + handle.read())
        except (OSError, ValueError):
            return None
        part = data["pages"], [Occurrence(**o) for o in data["occurrences"]]
        if self.memory is not None:
            self.memory[slug] = key, part
        return part

    def has(self, slug: str, key: str) -> bool:
        """Whether ``get`` would find the entry (reads only the start of the file: "key" sorts first)."""
        try:
            with self._path(slug).open("rb") as handle:
                start = handle.read(64)
        except OSError:
            return False
        return self._starts(start, key)

    @staticmethod
    def _starts(start: bytes, key: str) -> bool:
        return start.startswith(b'{"key": "' + key.encode() + b'"')

    def put(self, slug: str, key: str, pages: dict[str, str], occurrences: list[Occurrence]) -> None:
        data = {"key": key, "pages": pages, "occurrences": [asdict(o) for o in occurrences]}
        write_atomic(self._path(slug), json.dumps(data, ensure_ascii=False, sort_keys=True))
        if self.memory is not None:
            self.memory[slug] = key, (pages, occurrences)
