"""``duben import``: a document (and its existing translation) → ``content/texts/<slug>/``.

Input is a TMX file (Chinese and English, aligned by sentence), or a Chinese
text file with, optionally, a line-aligned English text file. The importer
writes ``source.txt`` (paragraphs separated by blank lines), a ``meta.yml``
with what it detected, and one ``<article>.en.yml`` per article whose
entries keep the sentence alignment.

Paragraphs from sentences: TMX has no paragraph marks. The aligner keeps the
white space that followed each English sentence in the original, so an
English segment *without* trailing space ends a paragraph — when its Chinese
ends a sentence (。！？：; a segment cut mid-sentence never does). Titles,
datelines, speaker lines, salutations and section heads (see
:mod:`duben.content.sources`) always stand alone. From text files every line ends a
paragraph that ends a sentence.

Re-running on the same input changes nothing. An existing ``source.txt``
that differs is refused, ``meta.yml`` is kept, and entries whose English an
editor changed are kept — unless ``force``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from duben.content.meta import to_meta
from duben.content.sources import CLOSERS, detect_role, ends_sentence, parse_document
from duben.content.translation import fingerprint
from duben.errors import DubenError, Problem, Severity
from duben.model import Article, Document, Meta, Role

_END = set("。！？：!?:")  # a paragraph may end here (not at ；，: those go on)
_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


@dataclass(frozen=True)
class Segment:
    zh: str
    en: str | None  # None: no English given; "" would be an empty segment
    line: int       # line in the input file (TMX: of the <tu>)
    ends_paragraph: bool = False  # the English had no trailing space (TMX)


def _lang(tuv: Any) -> str:
    return str(tuv.get("{http://www.w3.org/XML/1998/namespace}lang") or tuv.get("lang") or "").lower()


def read_tmx(data: bytes, path: str) -> tuple[list[Segment], list[Problem]]:
    """The zh/en segment pairs of a TMX file, in order, and the units skipped; malformed XML names its line."""
    from lxml import etree  # a maintained parser; entity expansion and network access are off

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise DubenError(Problem(path, exc.lineno, f"not well-formed TMX: {exc.msg}; fix the XML "
                                 "(or export the TMX again)")) from exc
    if root.tag != "tmx":
        raise DubenError(Problem(path, root.sourceline, f"expected a <tmx> document, found <{root.tag}>"))
    segments, problems = [], []
    for tu in root.iter("tu"):
        texts: dict[str, str] = {}
        for tuv in tu.iter("tuv"):
            seg = tuv.find("seg")
            if seg is not None:
                texts[_lang(tuv)[:2]] = "".join(seg.itertext())
        if "zh" not in texts:
            problems.append(Problem(path, tu.sourceline, "a <tu> without a Chinese (zh) <tuv>; it is skipped",
                                    severity=Severity.WARNING))
            continue
        en = texts.get("en")
        zh = texts["zh"].strip()
        if not zh:
            continue
        segments.append(Segment(zh, " ".join(en.split()) if en is not None else None, tu.sourceline or 0,
                                en is not None and en == en.rstrip()))
    if not segments:
        raise DubenError(problems or Problem(path, None, "no <tu> with Chinese text in this TMX file"))
    return segments, problems


def read_lines(text: str, english: str | None, path: str, en_path: str | None) -> list[Segment]:
    """A Chinese text file's lines, paired with the English file's lines when given."""
    zh_lines = [(n, line.strip()) for n, line in enumerate(text.split("\n"), 1) if line.strip()]
    if english is None:
        return [Segment(zh, None, n, True) for n, zh in zh_lines]
    en_lines = [line.strip() for line in english.split("\n") if line.strip()]
    if len(en_lines) != len(zh_lines):
        raise DubenError(Problem(en_path or "", None, f"{len(en_lines)} English lines for {len(zh_lines)} "
                                 f"Chinese lines in {path}: the files must be line-aligned (one English line "
                                 "per non-empty Chinese line)"))
    return [Segment(zh, en, n, True) for (n, zh), en in zip(zh_lines, en_lines, strict=True)]


def paragraphs(segments: list[Segment]) -> list[list[Segment]]:
    """Group sentences into paragraphs (see the module docstring)."""
    out: list[list[Segment]] = []
    current: list[Segment] = []
    for segment in segments:
        alone = detect_role(segment.zh) != "body"
        if alone and current:
            out.append(current)
            current = []
        current.append(segment)
        stripped = segment.zh.rstrip("".join(CLOSERS))
        if alone or (segment.ends_paragraph and stripped[-1:] in _END):
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out


def _opening(text: str, others: list[str]) -> str | None:
    """The shortest opening words (≥ 6 characters) that begin this paragraph only; None if none do."""
    for size in range(min(6, len(text)), len(text) + 1):
        prefix = text[:size]
        if sum(1 for o in others if o.startswith(prefix)) == 1:
            return prefix if size < len(text) or others.count(text) == 1 else None
    return None


_SMALL = {"a", "an", "and", "at", "for", "in", "of", "on", "the", "to"}


def _title_case(text: str) -> str:
    """REPORT ON THE WORK OF THE GOVERNMENT → Report on the Work of the Government."""
    words = text.lower().split()
    return " ".join(w if i and w in _SMALL else w[:1].upper() + w[1:] for i, w in enumerate(words))


def detect_meta(document: Document, segments: list[Segment]) -> dict[str, Any]:
    """What a reader of the opening lines sees: title, date, speaker, publisher."""
    meta: dict[str, Any] = {}
    blocks = document.articles[0].blocks
    english = {s.zh: s.en for s in segments if s.en}
    for block in blocks[:8]:
        if block.role == Role.TITLE and "title" not in meta:
            meta["title"] = block.text
            en = english.get(block.text)
            if en:
                meta["title_en"] = _title_case(en) if en.isupper() else en
        if block.role == Role.DATELINE and "date" not in meta and (m := _DATE.search(block.text)):
            meta["date"] = f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
        if block.role == Role.BYLINE and "speaker" not in meta:
            office, _, name = block.text.replace("\u3000", " ").rpartition(" ")
            if office:
                meta["speaker"] = f"{office.strip()} {name}"
                if office.startswith("国务院"):
                    meta["publisher"] = "国务院"
    if "title" in meta:
        kind = next((k for suffix, k in _KINDS if str(meta["title"]).endswith(suffix)), None)
        if kind:
            meta["kind"] = kind
        if str(meta["title"]).endswith("政府工作报告"):
            meta["tags"] = ["government-work-report"]
    if len(document.articles) > 1:
        meta["articles"] = [{"slug": a.slug} for a in document.articles]
    return meta


#: What a title's last words say the document is (政府工作报告 → report); meta.yml's ``kind``.
_KINDS = (("报告", "report"), ("决议", "resolution"), ("公报", "communiqué"), ("讲话", "speech"),
          ("决定", "decision"), ("意见", "opinions"), ("规划", "plan"), ("纲要", "outline"))


def _anchor(text: str, block_id: str, texts: list[str]) -> dict[str, Any]:
    """How a new entry names its paragraph (opening words, else id) and its fingerprint."""
    opening = _opening(text, texts)
    return {**({"zh": opening} if opening else {"id": block_id}), "fingerprint": fingerprint(text)}


def _entries(article: Article, by_text: dict[str, list[list[Segment]]], status: str) -> list[dict[str, Any]]:
    texts = [b.text for b in article.blocks]
    entries = []
    for block in article.blocks:
        groups = by_text.get(block.text) or []
        group = groups.pop(0) if groups else []
        entry = _anchor(block.text, block.id, texts)
        with_en = [s for s in group if s.en]
        if not with_en:
            entry["status"] = "draft"
        elif len(group) == 1:
            entry.update(status=status, en=with_en[0].en)
        else:
            entry.update(status=status, sentences=[{"zh": s.zh, "en": s.en or ""} for s in group])
        entries.append(entry)
    return entries


HEADER = ("# English of 《{title}》, written by `duben import`. Edit the English freely; see docs/contributing.md.\n"
          "# `zh` (opening words) or `id` names the paragraph; `fingerprint` records which Chinese it translates.\n")


def dump_yaml(data: Any) -> str:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
    assert yaml.safe_load(text) == data  # what editors will read back is exactly what was meant
    return text


@dataclass(frozen=True)
class ImportResult:
    files: dict[str, str]          # path relative to the project → text to write
    kept: list[str]                # entries an editor changed, kept
    doubtful: list[str]            # segments to look at
    reading: str                   # how the input was read
    skipped: tuple[Problem, ...] = ()  # input units that could not be used


def plan_import(slug: str, segments: list[Segment], *, credit: str | None, status: str,
                existing: dict[str, str], force: bool = False) -> ImportResult:
    """Everything to write, as text: pure (``existing`` holds the files already there)."""
    groups = paragraphs(segments)
    source = "\n\n".join("".join(s.zh for s in group) for group in groups) + "\n"
    base = f"content/texts/{slug}"
    document = parse_document(slug, source, Meta(), f"{base}/source.txt")
    meta = detect_meta(document, segments)
    if len(document.articles) == 1:
        document = Document(slug, (Article("text", document.articles[0].blocks),), to_meta(meta))
        meta["articles"] = [{"slug": "text", **({"title_en": meta["title_en"]} if "title_en" in meta else {})}]
    files = {f"{base}/source.txt": source}
    old_source = existing.get(f"{base}/source.txt")
    if old_source is not None and old_source != source and not force:
        raise DubenError(Problem(f"{base}/source.txt", None, "already exists and differs from this import "
                                 "(an editor may have corrected it); import with --force to replace it"))
    meta_text = ("# Detected by `duben import`: correct anything wrong; see docs/contributing.md.\n"
                 + dump_yaml(meta))
    files[f"{base}/meta.yml"] = existing[f"{base}/meta.yml"] if f"{base}/meta.yml" in existing and not force \
        else meta_text
    by_text: dict[str, list[list[Segment]]] = {}
    for group in groups:
        by_text.setdefault("".join(s.zh for s in group), []).append(group)
    kept: list[str] = []
    has_english = any(s.en for s in segments)
    for article in document.articles:
        entries = _entries(article, by_text, status)
        path = f"{base}/{article.slug}.en.yml"
        old = yaml.safe_load(existing[path]) if path in existing else None
        old_entries = old.get("entries", []) if isinstance(old, dict) else old or []
        if old_entries and not force:
            mine = {(e.get("zh"), e.get("id")): e for e in entries}
            for previous in old_entries:
                new = mine.get((previous.get("zh"), previous.get("id")))
                if new is not None and previous != new:
                    new.clear()
                    new.update(previous)
                    kept.append(f"{path}: {previous.get('zh') or previous.get('id')}")
        body: dict[str, Any] = {}
        if credit or has_english:
            body["translation"] = {"credit": credit or "Imported with `duben import`; say who made it"}
        body["entries"] = entries
        files[path] = HEADER.format(title=article.title) + dump_yaml(body)
    doubtful = [f"line {s.line}: no English for “{s.zh[:20]}”" for s in segments if has_english and not s.en]
    doubtful += [f"line {group[0].line}: paragraph ends without a sentence end: “{group[-1].zh[-20:]}”"
                 for group in groups if len(group[-1].zh) > 20 and not ends_sentence(group[-1].zh)]
    reading = (f"{len(segments)} segments → {len(groups)} paragraphs in {len(document.articles)} article(s); "
               f"{sum(1 for s in segments if s.en)} with English")
    return ImportResult(files, kept, doubtful, reading)


def run_import(root: Path, file: Path, slug: str | None, en_file: Path | None, credit: str | None,
               status: str, force: bool) -> ImportResult:
    """Read the input, plan, and write what changed (atomically, each file)."""
    from duben.atomic import replace_file
    from duben.content.encoding import decode

    data = file.read_bytes()
    name = str(file)
    slug = slug or re.sub(r"[^a-z0-9]+", "-", file.stem.lower()).strip("-")
    skipped: list[Problem] = []
    if file.suffix.lower() == ".tmx":
        segments, skipped = read_tmx(data, name)
    else:
        text, _ = decode(data, name)
        english = decode(en_file.read_bytes(), str(en_file))[0] if en_file else None
        segments = read_lines(text, english, name, str(en_file) if en_file else None)
    base = root / "content" / "texts" / slug
    existing = {f"content/texts/{slug}/{p.name}": p.read_text(encoding="utf-8")
                for p in (base.iterdir() if base.is_dir() else []) if p.is_file()}
    result = plan_import(slug, segments, credit=credit, status=status, existing=existing, force=force)
    result = replace(result, skipped=tuple(skipped))
    if file.suffix.lower() != ".tmx":
        result = replace(result, reading=result.reading + "; read one segment per line (a line that does not "
                         "end a sentence is joined to the next), written as paragraphs separated by blank lines")
    for rel, text in result.files.items():
        if existing.get(rel) != text:
            replace_file(root / rel, text.encode("utf-8"))
    return result


def skeleton(root: Path, slug: str) -> list[str]:
    """Append an entry (opening words or id, fingerprint, status draft) for every paragraph that has none.

    Appends text, so the editor's comments and layout stay as they are.
    """
    from duben.atomic import replace_file
    from duben.build.project import load_document

    loaded = load_document(root / "content" / "texts" / slug, root)
    written = []
    for article in loaded.document.articles:
        have = loaded.translations.get(article.slug, {})
        texts = [b.text for b in article.blocks]
        missing = []
        for block in article.blocks:
            if block.id in have:
                continue
            missing.append({**_anchor(block.text, block.id, texts), "status": "draft"})
        if not missing:
            continue
        path = root / "content" / "texts" / slug / f"{article.slug}.en.yml"
        old = path.read_text(encoding="utf-8") if path.is_file() else HEADER.format(title=article.title)
        # Appended as text, so comments stay; safe when the entries are the file's last part,
        # their items at column 0 (as import writes them): checked by reading the result back.
        new = old.rstrip("\n") + "\n" + dump_yaml(missing)
        reread = yaml.safe_load(new)
        items = reread.get("entries") if isinstance(reread, dict) else reread
        if not isinstance(items, list) or items[-len(missing):] != missing:
            raise DubenError(Problem(str(path.relative_to(root)), None, "cannot append entries to this file "
                                     "safely; put 'entries:' last, its items starting at column 0"))
        replace_file(path, new.encode("utf-8"))
        written.append(f"{path.relative_to(root)}: {len(missing)} entr{'y' if len(missing) == 1 else 'ies'} added")
    return written
