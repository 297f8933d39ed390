"""What editor files may be: no links, and sizes no real document reaches.

A pull request is untrusted input that CI builds and may publish. Two things
it must not be able to do: make the build read a file outside the repository
(a committed symlink is followed by ``open``), and make every build slow or
out of memory with one giant file or paragraph. The limits are set far above
the largest real texts, so a real document never meets them:

- the largest source we hold is 58 KB (GWR 2017, 19,000 Han characters); the
  longest Chinese policy texts (a five-year plan outline, a congress report)
  are about 60,000 characters, ~200 KB in UTF-8. 2 MB is ten times that;
- a translation file is a few times its source (GWR 2018: 211 KB of YAML for
  58 KB of source) and a glossary entry a few KB: 4 MB for any YAML file;
- the longest paragraph we hold is 942 characters (the seed, p5); a page
  lays out and annotates a paragraph as one piece, so one of 100,000
  characters would make every reader's page crawl: 5,000 characters.
"""

from __future__ import annotations

import os
from pathlib import Path

from duben.errors import Problem

MAX_SOURCE_BYTES = 2_000_000
MAX_YAML_BYTES = 4_000_000
MAX_PARAGRAPH_CHARS = 5_000

# Folders whose files reach the site: editors' content, MkDocs' pages and the theme overrides.
EDITOR_FOLDERS = ("content", "docs", "overrides")
LINK_MESSAGE = "symlinks are not allowed in editor files; commit the file itself"


def max_bytes(name: str) -> int:
    return MAX_SOURCE_BYTES if name == "source.txt" else MAX_YAML_BYTES


def size_problem(path: Path, rel: str) -> Problem | None:
    """A problem when the file at ``path`` is larger than its kind allows (read from its size, not its bytes)."""
    size = path.stat().st_size
    limit = max_bytes(path.name)
    if size <= limit:
        return None
    return Problem(rel, None, f"file is {size:,} bytes; the limit is {limit:,} (no real document comes "
                   "near it); split the document or remove what does not belong in it")


def symlinks(top: Path) -> list[str]:
    """Every symlink below ``top`` (files and folders, not followed), as POSIX paths relative to it.

    Read from the folder listings alone (``os.scandir`` knows an entry is a link without
    a further call): with no link below ``top``, nothing below it can resolve outside it,
    so nothing needs resolving (7,000 ``resolve()`` calls were a third of a preview's wait).
    """
    found: list[str] = []
    stack = [(top, "")]
    while stack:
        folder, prefix = stack.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                rel = prefix + entry.name
                if entry.is_symlink():
                    found.append(rel)
                elif entry.is_dir():
                    stack.append((Path(entry.path), rel + "/"))
    return sorted(found)


def link_problems(root: Path) -> list[Problem]:
    """Every symlink under the editor folders (files and folders alike, not followed)."""
    problems = []
    for name in EDITOR_FOLDERS:
        top = root / name
        if top.is_symlink():
            problems.append(Problem(name, None, LINK_MESSAGE))
        elif top.is_dir():
            problems.extend(Problem(f"{name}/{rel}", None, LINK_MESSAGE) for rel in symlinks(top))
    return problems
