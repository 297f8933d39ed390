"""What a pull request does to the English, for the reviewer: the job summary beside the preview.

A reviewer should read an editor's change as a reader will: each paragraph
whose English the pull request changed, each that is now outdated (its
Chinese changed since it was translated) and each still pending, with where
to find it in the preview site. The comparison is of loaded content, not of
lines, so a reflowed YAML file shows no change and a changed fingerprint does.
"""

from __future__ import annotations

import difflib
import subprocess
import tarfile
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from io import BytesIO
from pathlib import Path

from duben import paths
from duben.build.project import LoadedDocument, Project, load_content
from duben.errors import Problem, Severity, fail
from duben.model import Status


class Kind(StrEnum):
    CHANGED = "English changed"
    OUTDATED = "outdated"  # the Chinese changed since the English was written
    PENDING = "pending"  # no English yet


@dataclass(frozen=True)
class Change:
    kind: Kind
    slug: str
    label: str  # the document's title (with its year)
    article: str
    block_id: str
    zh: str
    english: str
    file: str  # the translation file an editor edits
    line: int | None
    new: bool = True  # not already so before the pull request (outdated, pending)
    before: str = ""  # the English before the pull request


def changes(base: Sequence[LoadedDocument], head: Sequence[LoadedDocument]) -> list[Change]:
    """Every paragraph of ``head`` whose English differs from ``base``, is outdated or is pending,
    in document order."""
    before = {d.document.slug: d.translations for d in base}
    existed = {(d.document.slug, a.slug, b.id) for d in base for a in d.document.articles for b in a.blocks}
    found = []
    for loaded in head:
        document = loaded.document
        for article in document.articles:
            now = loaded.translations.get(article.slug, {})
            then = before.get(document.slug, {}).get(article.slug, {})
            file = paths.translation_file(document.slug, article.slug)
            for block in article.blocks:
                entry, old = now.get(block.id), then.get(block.id)
                english = entry.english if entry and entry.english else ""
                old_english = old.english if old and old.english else ""
                line = entry.line if entry else None
                if english and english != old_english:
                    found.append(Change(Kind.CHANGED, document.slug, document.label, article.slug, block.id,
                                        block.text, english, file, line, before=old_english))
                if entry and entry.status == Status.OUTDATED:
                    was = old is not None and old.status == Status.OUTDATED
                    found.append(Change(Kind.OUTDATED, document.slug, document.label, article.slug, block.id,
                                        block.text, english, file, line, not was))
                elif not english:
                    was = (document.slug, article.slug, block.id) in existed and not old_english
                    found.append(Change(Kind.PENDING, document.slug, document.label, article.slug, block.id,
                                        block.text, english, file, line, not was))
    return found


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def word_diff(before: str, after: str, context: int = 3) -> str:
    """The words that changed, struck and bold, with ``context`` words around each change."""
    old, new = before.split(), after.split()
    parts: list[str] = []
    codes = difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes()
    for n, (tag, i1, i2, j1, j2) in enumerate(codes):
        if tag == "equal":
            words = new[j1:j2]
            head = words[:context] if n else []
            tail = words[-context:] if n < len(codes) - 1 else []
            if len(words) > len(head) + len(tail):
                parts += [*head, "…", *tail]
            else:
                parts += words
            continue
        if i2 > i1:
            parts.append("~~" + " ".join(old[i1:i2]) + "~~")
        if j2 > j1:
            parts.append("**" + " ".join(new[j1:j2]) + "**")
    return " ".join(parts)


def _cell(text: str) -> str:
    """Text in a Markdown table cell: no pipes, no markup, one line."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace("`", "'")


def summary_markdown(found: Sequence[Change], *, errors: Sequence[Problem] = (), artifact_url: str | None = None,
                     site_url: str | None = None, pending_shown: int = 20) -> str:
    """The job summary: the errors that keep files out of the preview; per document, a table of
    the changed and outdated paragraphs with their place in the preview, then the pending ones
    (folded: a new document may have hundreds)."""
    out = ["## Preview of this pull request", ""]
    if errors:
        out += [f"**{len(errors)} error(s)**: the site cannot be built until they are fixed "
                "(each is also shown on its line in *Files changed*):", ""]
        out += [f"- `{p.path}{f':{p.line}' if p.line else ''}`: {_cell(p.message)}" for p in errors]
        out.append("")
    if artifact_url:
        out.append(f"The built site: [download the `site` artifact]({artifact_url}), unzip it and open "
                   "`index.html` (it works straight from disk).")
    else:
        out.append("The built site is the `site` artifact of this run: unzip it and open `index.html`.")
    out.append("Each place below is a page of that site and the paragraph's anchor.")
    out.append("")
    if not found:
        out.append("No paragraph's English changed, and none is outdated or pending.")
        return "\n".join(out) + "\n"
    by_document: dict[str, list[Change]] = {}
    for change in found:
        by_document.setdefault(change.slug, []).append(change)

    def place(change: Change) -> str:
        where = f"texts/{change.slug}/{change.article}.html#{change.block_id}"
        return f"[{where}]({site_url.rstrip('/')}/{where})" if site_url else f"`{where}`"

    for slug, items in by_document.items():
        out += [f"### {_cell(items[0].label)} (`{slug}`)", ""]
        shown = [c for c in items if c.kind != Kind.PENDING]
        if shown:
            out += ["| | Paragraph | Chinese | English | Edit |", "|---|---|---|---|---|"]
            for c in shown:
                what = c.kind.value if c.new or c.kind == Kind.CHANGED else f"{c.kind.value} (before too)"
                edit = f"`{c.file}:{c.line}`" if c.line else f"`{c.file}`"
                english = _cell(word_diff(c.before, c.english)) if c.before else _cell(_clip(c.english, 80))
                out.append(f"| {what} | {place(c)} | {_cell(_clip(c.zh, 40))} | {english} | {edit} |")
            out.append("")
        pending = [c for c in items if c.kind == Kind.PENDING]
        if pending:
            out += [f"<details><summary>{len(pending)} paragraph(s) pending (no English yet)</summary>", ""]
            out += [f"- {place(c)}: {_cell(_clip(c.zh, 40))}" for c in pending[:pending_shown]]
            if len(pending) > pending_shown:
                out.append(f"- … and {len(pending) - pending_shown} more (`duben check` lists them all)")
            out += ["", "</details>", ""]
    return "\n".join(out) + "\n"


def content_at(root: Path, ref: str, dest: Path) -> Project:
    """The project's ``content/`` as it is in git at ``ref``, unpacked under ``dest``."""
    result = subprocess.run(["git", "-C", str(root), "archive", "--format=tar", ref, paths.CONTENT],
                            capture_output=True)
    if result.returncode != 0:
        raise fail(root, None, f"cannot read content/ at git ref '{ref}': "
                   f"{result.stderr.decode(errors='replace').strip()}; fetch it (git fetch origin {ref})")
    with tarfile.open(fileobj=BytesIO(result.stdout)) as archive:
        # Only regular files and folders: the base side of a pull request is trusted, but a link is
        # never worth following here either.
        archive.extractall(dest, members=[m for m in archive.getmembers() if m.isfile() or m.isdir()],
                           filter="data")
    return Project(dest)


def pull_request_changes(root: Path, base_ref: str) -> tuple[list[Change], list[Problem]]:
    """The changes of the working tree's content against ``base_ref`` (a commit, branch or tag),
    and the errors that keep a file of the working tree from loading."""
    _, head, problems = load_content(Project(root))
    with tempfile.TemporaryDirectory(prefix="duben-base-") as tmp:
        _, base, _ = load_content(content_at(root, base_ref, Path(tmp)))
    return changes(base, head), [p for p in problems if p.severity == Severity.ERROR]
