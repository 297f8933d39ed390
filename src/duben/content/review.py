"""The review list: readings of a document worth a reviewer's look (``duben review``, ``duben check``).

Each item is ``source.txt:line: 字 in 「context」: shown X, also possible Y``:
the engine's reading where pypinyin reads the character otherwise or g2pM
was unsure (see :func:`duben.language.pinyin.doubts`). An editor confirms
a reading by adding it to the document's ``readings:`` in meta.yml (the
shown pinyin), or fixes it there (the right one); either way the item
leaves the list, because readings an editor set are not doubted.
"""

from __future__ import annotations

from pathlib import Path

from duben.errors import Problem, Severity
from duben.language.pinyin import Doubt, Override, doubts, read, to_marks, with_fixes
from duben.language.second_reader import available, read_texts
from duben.language.segment import Segmenter
from duben.model import Block, Document
from duben.paths import TEXTS

_CONTEXT = 6  # characters either side


def block_doubts(block: Block, segmenter: Segmenter, fixes: tuple[Override, ...], second: list[str] | None
                 ) -> list[Doubt]:
    return doubts(read(segmenter.segment(block.text), segmenter=segmenter, override_entries=fixes), second)


def review(document: Document, segmenter: Segmenter, second_reader: Path | None = None) -> list[Problem]:
    """Every doubtful reading of ``document``, as notes naming source.txt and the paragraph's line.

    ``second_reader``: pinyin-pro's script (:mod:`duben.language.second_reader`); without it
    (or node) the list misses about a third of what it would find, and a note says so.
    """
    fixes = with_fixes([(f.text, f.syllables) for f in document.meta.readings])
    path = f"{TEXTS}/{document.slug}/source.txt"
    found = []
    if second_reader is None or not available(second_reader):
        found.append(Problem(path, None, "the review list is made without its second reader (pinyin-pro: "
                             "`make` fetches it; it needs node), so it misses more", severity=Severity.INFO))
    for article in document.articles:
        blocks = article.blocks
        seconds = read_texts([b.text for b in blocks], second_reader) if second_reader else None
        for n, block in enumerate(blocks):
            for doubt in block_doubts(block, segmenter, fixes, seconds[n] if seconds else None):
                i, text = doubt.offset, block.text
                context = text[max(0, i - _CONTEXT):i] + "【" + text[i] + "】" + text[i + 1:i + 1 + _CONTEXT]
                others = " or ".join(to_marks(o) for o in doubt.others)
                found.append(Problem(path, block.line, f"{text[i]} in 「{context}」 ({block.id}): shown "
                                     f"{to_marks(doubt.shown)}, also possible {others}; confirm or fix it in "
                                     "meta.yml readings:", severity=Severity.INFO))
    return found
