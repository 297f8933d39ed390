"""`duben check` end to end on a copy of the project's content."""

from __future__ import annotations

import shutil

from duben.cli import main

from .conftest import ROOT, SEED


def test_seed_content_is_clean(capsys):
    assert main(["check", "--strict", "--root", str(ROOT)]) == 0


def test_changed_source_character_fails_strict_check_naming_file_and_line(tmp_path, capsys):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    source = tmp_path / "content/texts" / SEED / "source.txt"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("更加紧密地团结", "更加紧密的团结", 1), encoding="utf-8")
    assert main(["check", "--root", str(tmp_path)]) == 0  # a warning only…
    assert main(["check", "--strict", "--root", str(tmp_path)]) == 1  # …that --strict refuses
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if "changed since this was translated" in line]
    assert len(lines) == 2  # reported by both runs, for exactly one paragraph (p9)
    assert lines[0].startswith(f"content/texts/{SEED}/resolution.en.yml:")
    assert "paragraph p9" in lines[0]


def test_misquoted_note_fails_with_a_suggestion(tmp_path, capsys):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    path = tmp_path / "content/texts" / SEED / "resolution.en.yml"
    text = path.read_text(encoding="utf-8")
    assert "quote: 重要讲话重要指示精神" in text
    path.write_text(text.replace("quote: 重要讲话重要指示精神", "quote: 重要讲话重要指挥精神", 1), encoding="utf-8")
    assert main(["check", "--root", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "not found in the Chinese paragraph; nearest match in the paragraph: “重要讲话重要指示精神”" in out
