"""Source text → document: blocks, page-break repair, roles, articles, ids.

Heuristics (each overridable in ``meta.yml``, by source line number where it
names a paragraph):

* **Blocks** are separated by blank lines. Lines inside a block are joined
  (hard-wrapped text); leading/trailing white space of each line is dropped.
  A file with several lines and *no blank line at all* is read **one
  paragraph per line** (how TMX exports, copied web pages and Government Work
  Reports come), and the build says so. Override: ``layout: lines`` /
  ``layout: blocks``.
* **Page-break repair**: a prose block (one containing ，。；！？) that does not
  end a sentence is joined to the next block. A block ends a sentence when its
  last character, ignoring closing quotes and brackets, is one of 。！？…；：—
  or their ASCII forms. Override: ``join`` / ``no_join``.
* **Roles** (override: ``roles``), tried in this order:
  - *dateline*: wrapped in brackets and containing a date (``(2024年5月24日…)``),
    or a dash line with a date (``——2018年3月5日在…会议上``);
  - *source*: a short line starting 据 / 来源 / 稿源 / 转自;
  - *byline*: a short line naming 记者 / 通讯员 / 作者 / 编辑, or a speaker line:
    an office ending in 总理, 主席, 书记… then a space and a name
    (``国务院总理　李克强``);
  - *salutation*: a short address ending in ：or！ (``各位代表：``, ``同志们！``);
  - *heading*: a section head at the start of a short line (≤ 60 characters,
    no 。！？ before its end): ``一、`` ``第一章`` ``第一部分`` (level 2),
    ``（一）`` ``第一节`` (level 3), ``1.`` ``第一条`` (level 4);
  - *subtitle*: a short line starting with a dash (——);
  - *title*: a short line (≤ 60 characters) without sentence punctuation that
    does not end like a sentence (a short line ending in ：is prose);
  - anything else is *body*.
* **Articles**: a title that follows a body paragraph (or a source line or
  byline) starts a new article. Override: ``split_before`` / ``no_split_before``.
* **Ids** are readable and stable while the structure stays: ``title``,
  ``subtitle``, ``dateline``, ``source``, ``byline``, ``salutation``, ``s1``,
  ``s2``… for headings and ``p1``, ``p2``… for body paragraphs in order (a
  repeated role gets ``-2``, ``-3``).

Every non-space character of the source is kept, in order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from duben.errors import DubenError, Problem
from duben.limits import MAX_PARAGRAPH_CHARS
from duben.model import Article, Block, Document, Meta, Role

SENTENCE_END = set("。！？…；：—!?;:")
CLOSERS = set("”’」』）)]】》〉\"'")
PROSE_MARKS = re.compile(r"[，。；！？,;!?]")
TITLE_MAX = 60
SHORT_MAX = 40
_DATE = re.compile(r"(\d{2,4}|[〇零一二三四五六七八九十]{2,4})年|\d{1,2}月\d{1,2}日")
_BRACKETED = re.compile(r"^[(（【\[].*[)）】\]]$", re.S)
_SOURCE = re.compile(r"^(据|来源[:：]?|稿源[:：]?|转自|转载自)")
_BYLINE = re.compile(r"记者|通讯员|作者[:：]|编辑[:：]|责任编辑|撰稿")
_SUBTITLE = re.compile(r"^(——|──|--|—)")
_SPEAKER = re.compile(r"^[\u4e00-\u9fff]{0,14}(总理|主席|总书记|书记|部长|省长|市长|主任|院长|委员长|发言人|会长)"
                      r"[ \u3000]+[\u4e00-\u9fff·]{2,6}$")
_SALUTATION = re.compile(r"^(各位|同志们|女士们|先生们|朋友们|亲爱的|尊敬的|全国各族)[^。！？]{0,24}[：:！!]$")
_NUM = "[一二三四五六七八九十百零〇]+"
#: Section heads by level, as Chinese official documents number them.
HEADINGS = (
    (2, re.compile(rf"^({_NUM}、|第({_NUM}|\d+)(部分|章|编))")),
    (3, re.compile(rf"^([（(]{_NUM}[)）]|第({_NUM}|\d+)节)")),
    (4, re.compile(rf"^(\d{{1,2}}[.．]\s*\D|[１-９][０-９]?．|第({_NUM}|\d+)条)")),
)
LAYOUTS = ("blocks", "lines")


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _joiner(left: str, right: str) -> str:
    """Separator when joining two fragments: none in Chinese, a space between Latin words."""
    if left and right and _latin(left[-1]) and _latin(right[0]):
        return " "
    return ""


def detect_layout(text: str) -> str:
    """``lines`` when the text has several lines and no blank line between any two."""
    lines = text.strip().split("\n")
    return "lines" if len(lines) > 1 and all(line.strip() for line in lines) else "blocks"


def raw_blocks(text: str, layout: str = "blocks") -> list[Block]:
    """Split text into blocks at blank lines (or at every line), remembering each block's first line."""
    blocks: list[Block] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if stripped and layout == "lines":
            blocks.append(Block(stripped, number))
        elif stripped:
            if not current:
                start = number
            current.append(stripped)
        elif current:
            blocks.append(Block(_join_all(current), start))
            current = []
    if current:
        blocks.append(Block(_join_all(current), start))
    return blocks


def _join_all(parts: Sequence[str]) -> str:
    out = parts[0]
    for part in parts[1:]:
        out += _joiner(out, part) + part
    return out


def ends_sentence(text: str) -> bool:
    """True when the block's last meaningful character closes a sentence."""
    stripped = text.rstrip()
    while stripped and stripped[-1] in CLOSERS:
        stripped = stripped[:-1]
    return bool(stripped) and stripped[-1] in SENTENCE_END


def is_broken(block: Block) -> bool:
    """A prose block cut off mid-sentence (by a page break)."""
    return bool(PROSE_MARKS.search(block.text)) and not ends_sentence(block.text)


def repair(blocks: Sequence[Block], join: Iterable[int] = (), no_join: Iterable[int] = ()) -> list[Block]:
    """Join each block that does not end a sentence to the block after it."""
    force, forbid = set(join), set(no_join)
    out: list[Block] = []
    pending: Block | None = None
    for block in blocks:
        if pending is not None:
            block = Block(
                pending.text + _joiner(pending.text, block.text) + block.text,
                pending.line,
                joined_lines=(*pending.joined_lines, block.line),
            )
            pending = None
        last_line = block.joined_lines[-1] if block.joined_lines else block.line
        wants_join = last_line in force or block.line in force or (
            is_broken(block) and last_line not in forbid and block.line not in forbid
        )
        if wants_join:
            pending = block
        else:
            out.append(block)
    if pending is not None:
        out.append(pending)  # the last block has nothing to join to: keep it as is
    return out


def heading_level(text: str) -> int:
    """2–4 for a section head at the start of a short line, else 0."""
    if len(text) > TITLE_MAX or re.search(r"[。！？!?]", text[:-1]):
        return 0
    return next((level for level, pattern in HEADINGS if pattern.match(text)), 0)


def detect_role(text: str) -> Role:
    """The role of a block by its shape alone (see the module docstring)."""
    prose = bool(PROSE_MARKS.search(text))
    if _BRACKETED.match(text) and _DATE.search(text) and len(text) <= 120:
        return Role.DATELINE
    if _SUBTITLE.match(text) and _DATE.search(text) and len(text) <= 120 and not re.search(r"[。！？]", text):
        return Role.DATELINE
    if len(text) <= SHORT_MAX and not prose and _SOURCE.match(text):
        return Role.SOURCE
    if len(text) <= SHORT_MAX and not re.search(r"[。！？]", text) and (_BYLINE.search(text) or _SPEAKER.match(text)):
        return Role.BYLINE
    if _SALUTATION.match(text):
        return Role.SALUTATION
    if heading_level(text):
        return Role.HEADING
    if len(text) <= TITLE_MAX * 2 and _SUBTITLE.match(text) and not ends_sentence(text):
        return Role.SUBTITLE
    if len(text) <= TITLE_MAX and not prose and not ends_sentence(text):
        return Role.TITLE
    return Role.BODY


def assign_roles(blocks: Sequence[Block], overrides: Mapping[int, Role]) -> list[Block]:
    out = []
    for block in blocks:
        role = overrides.get(block.line) or detect_role(block.text)
        level = (heading_level(block.text) or 2) if role == Role.HEADING else 0
        out.append(replace(block, role=role, level=level))
    return out


def split_articles(blocks: Sequence[Block], split_before: Iterable[int] = (),
                   no_split_before: Iterable[int] = ()) -> list[list[Block]]:
    """Start a new article at each title that follows the previous article's body."""
    force, forbid = set(split_before), set(no_split_before)
    articles: list[list[Block]] = []
    seen_body = False
    for block in blocks:
        starts = block.line in force or (
            block.role == Role.TITLE and seen_body and block.line not in forbid
        )
        if not articles or starts:
            articles.append([])
            seen_body = False
        articles[-1].append(block)
        if block.role in (Role.BODY, Role.SOURCE, Role.BYLINE):
            seen_body = True
    return articles


def assign_ids(blocks: Sequence[Block]) -> list[Block]:
    counts: dict[str, int] = {}
    out = []
    for block in blocks:
        counts[block.role] = counts.get(block.role, 0) + 1
        n = counts[block.role]
        if block.role == Role.BODY:
            block_id = f"p{n}"
        elif block.role == Role.HEADING:
            block_id = f"s{n}"
        else:
            block_id = block.role if n == 1 else f"{block.role}-{n}"
        out.append(replace(block, id=block_id))
    return out


def parse_document(slug: str, text: str, meta: Meta, path: str) -> Document:
    """The whole stage: source text plus validated meta → Document."""
    layout = meta.layout or detect_layout(text)
    reading_notes: tuple[str, ...] = ()
    if layout == "lines" and not meta.layout:
        reading_notes = ("read one paragraph per line: the file has no blank lines (a line that does not "
                         "end a sentence is joined to the next); separate paragraphs by blank lines, or set "
                         "'layout: lines' in meta.yml to keep this reading and silence this note",)
    blocks = raw_blocks(text, layout)
    if not any(b.text for b in blocks):
        raise DubenError(Problem(path, None, "the source has no text; put the document's text in it"))
    lines = {b.line for b in blocks}
    problems = []
    for key in ("join", "no_join", "split_before", "no_split_before"):
        for line in getattr(meta, key):
            if line not in lines:
                problems.append(Problem(path, line, f"meta.yml '{key}' names line {line}, "
                                        "where no paragraph starts"))
    roles = meta.roles
    for line in roles:
        if line not in lines:
            problems.append(Problem(path, line, f"meta.yml 'roles' names line {line}, where no paragraph starts"))
    if problems:
        raise DubenError(problems)
    blocks = repair(blocks, meta.join, meta.no_join)
    too_long = [Problem(path, b.line, f"this paragraph is {len(b.text):,} characters; the limit is "
                        f"{MAX_PARAGRAPH_CHARS:,} (a page shows a paragraph as one piece); separate its "
                        "paragraphs with blank lines") for b in blocks if len(b.text) > MAX_PARAGRAPH_CHARS]
    if too_long:
        raise DubenError(too_long)
    blocks = assign_roles(blocks, roles)
    groups = split_articles(blocks, meta.split_before, meta.no_split_before)
    names = [a.slug for a in meta.articles]
    if names and len(names) != len(groups):
        raise DubenError(Problem(path, None, f"meta.yml lists {len(names)} articles but the source "
                                 f"splits into {len(groups)} (at lines "
                                 f"{', '.join(str(g[0].line) for g in groups)}); fix 'articles' or "
                                 "use 'split_before' / 'no_split_before'"))
    if len(set(names)) != len(names):
        raise DubenError(Problem(path, None, "meta.yml 'articles' repeats a slug"))
    articles = tuple(
        Article(names[i] if names else f"article-{i + 1}", tuple(assign_ids(group)))
        for i, group in enumerate(groups)
    )
    return Document(slug, articles, meta, reading_notes)
