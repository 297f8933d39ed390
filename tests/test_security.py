"""An editor's pull request cannot make the site read outside the repository, or grind it down.

Git stores symlinks, so a pull request can add one pointing anywhere on the CI
runner; each place an editor's file lives is tried here, through ``duben check``
and a real ``mkdocs build`` (what ``make site`` and ``make serve`` run).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.structure.files import File, Files

from duben.build.pipeline import check
from duben.limits import LINK_MESSAGE, MAX_PARAGRAPH_CHARS, MAX_SOURCE_BYTES, MAX_YAML_BYTES

from .conftest import BUILD_ENV, ROOT, SEED, mkdocs_build

SECRET = "外部机密文件的内容绝不能出现在网站上"


def small_project(root: Path) -> Path:
    """The configuration, hand-written pages and one document (the seed) with the glossary."""
    for name in ("hooks", "overrides"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copytree(ROOT / "docs", root / "docs", ignore=shutil.ignore_patterns("texts", "glossary", "vendor"))
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "content" / "texts" / SEED, root / "content/texts" / SEED)
    shutil.copytree(ROOT / "content" / "glossary", root / "content/glossary")
    return root


def outside(tmp_path: Path, name: str) -> Path:
    target = tmp_path / "outside" / name
    target.parent.mkdir(exist_ok=True)
    target.write_text(f"标题\n\n{SECRET}。\n" if name.endswith(".txt") else f"# {SECRET}\n", encoding="utf-8")
    return target


LINKS = {
    "source.txt": f"content/texts/{SEED}/source.txt",
    "translation": f"content/texts/{SEED}/resolution.en.yml",
    "glossary entry": "content/glossary/33618.yml",
    "docs page": "docs/contributing.md",
    "docs folder": "docs/extra",
}


@pytest.mark.parametrize("where", list(LINKS))
def test_a_symlinked_editor_file_fails_check_and_build_and_nothing_of_its_target_is_published(
        tmp_path: Path, where: str) -> None:
    root = small_project(tmp_path / "project")
    rel = LINKS[where]
    link = root / rel
    if where == "docs folder":
        folder = tmp_path / "outside-folder"
        folder.mkdir()
        (folder / "leak.md").write_text(f"# {SECRET}\n", encoding="utf-8")
        link.symlink_to(folder, target_is_directory=True)
    else:
        target = outside(tmp_path, Path(rel).name)
        link.unlink()
        link.symlink_to(target)

    problems = [str(p) for p in check(root, readings=False)]
    assert f"{rel}: {LINK_MESSAGE}" in problems

    cli = subprocess.run([sys.executable, "-m", "duben.cli", "check", "--root", str(root)],
                         capture_output=True, text=True)
    assert cli.returncode == 1
    assert f"{rel}: {LINK_MESSAGE}" in cli.stdout
    assert SECRET not in cli.stdout + cli.stderr

    out = tmp_path / "site"
    built = mkdocs_build(root, out)
    assert built.returncode != 0, "the build followed the link"
    assert f"{rel}: {LINK_MESSAGE}" in built.stdout + built.stderr
    assert SECRET not in built.stdout + built.stderr
    published = [p for p in out.rglob("*") if p.is_file() and SECRET.encode() in p.read_bytes()] \
        if out.exists() else []
    assert published == []


def test_mkdocs_never_reads_a_linked_file_under_docs(tmp_path: Path) -> None:
    """Should the check ever be bypassed, the hook drops linked files from what MkDocs builds."""
    sys.path.insert(0, str(ROOT / "hooks"))
    try:
        import duben_hook
    finally:
        sys.path.pop(0)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# home\n", encoding="utf-8")
    (docs / "leak.md").symlink_to(outside(tmp_path, "leak.md"))
    (docs / "extra").symlink_to(outside(tmp_path, "page.md").parent, target_is_directory=True)
    names = ("index.md", "leak.md", "extra/page.md")
    files = Files([File(name, str(docs), str(tmp_path / "site"), False) for name in names])

    class Config(dict):  # type: ignore[type-arg]
        docs_dir = str(docs)

    kept = duben_hook.on_files(files, config=Config())  # type: ignore[arg-type]
    assert [f.src_uri for f in kept] == ["index.md"]


def test_a_regular_project_has_no_link_problems() -> None:
    assert not [p for p in check(ROOT, readings=False) if p.message == LINK_MESSAGE]


def _errors(root: Path) -> list[str]:
    return [str(p) for p in check(root, readings=False) if p.severity == "error"]


def test_a_source_larger_than_any_real_document_is_refused_before_it_is_read(tmp_path: Path) -> None:
    root = small_project(tmp_path)
    source = root / "content/texts" / SEED / "source.txt"
    with source.open("ab") as f:
        f.write(("\n\n" + "重庆" * 500 + "。").encode() * (MAX_SOURCE_BYTES // 3000 + 1))
    assert source.stat().st_size > MAX_SOURCE_BYTES
    found = _errors(root)
    assert len(found) == 1
    assert found[0].startswith(f"content/texts/{SEED}/source.txt: file is ")
    assert f"the limit is {MAX_SOURCE_BYTES:,}" in found[0]


def test_a_yaml_file_larger_than_the_limit_is_refused(tmp_path: Path) -> None:
    root = small_project(tmp_path)
    entry = root / "content/glossary/33618.yml"
    with entry.open("a", encoding="utf-8") as f:
        f.write("# padding\n" * (MAX_YAML_BYTES // 10 + 1))
    found = _errors(root)
    assert [f.split(": ")[0] for f in found] == ["content/glossary/33618.yml"]
    assert f"the limit is {MAX_YAML_BYTES:,}" in found[0]


def test_a_paragraph_over_the_limit_is_refused_with_its_line(tmp_path: Path) -> None:
    root = small_project(tmp_path)
    source = root / "content/texts" / SEED / "source.txt"
    lines = source.read_text(encoding="utf-8").split("\n")
    at = len(lines) + 2
    source.write_text("\n".join(lines) + "\n\n" + "发展" * (MAX_PARAGRAPH_CHARS // 2) + "。\n", encoding="utf-8")
    found = _errors(root)
    assert found == [f"content/texts/{SEED}/source.txt:{at}: this paragraph is {MAX_PARAGRAPH_CHARS + 1:,} "
                     f"characters; the limit is {MAX_PARAGRAPH_CHARS:,} (a page shows a paragraph as one piece); "
                     "separate its paragraphs with blank lines"]


def test_a_yaml_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    """Kept as the review found it: a billion-laughs glossary entry is an error, not a hang."""
    root = small_project(tmp_path)
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(8))
    (root / "content/glossary/bomb.yml").write_text(bomb, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "duben.cli", "check", "--root", str(root)],
                            capture_output=True, text=True, timeout=30, env=BUILD_ENV)
    assert result.returncode == 1
    assert "content/glossary/bomb.yml" in result.stdout
