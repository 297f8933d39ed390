"""What runs on GitHub: workflows that give a pull request no power, and problems on their lines.

The workflows themselves are audited by zizmor in ``make lint``; these tests
show that audit can fail, pin down what the issue asked of each job, and run
the jobs' own script locally (a dry run of a pull request).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from duben.build.changes import Change, Kind, changes, summary_markdown, word_diff
from duben.build.pipeline import check
from duben.build.project import Project, load_content
from duben.cli import main
from duben.errors import Problem, Severity

from .conftest import ROOT, SEED, project_copy
from .test_bad_inputs import CASES, make_project

WORKFLOWS = ROOT / ".github" / "workflows"
ZIZMOR = Path(sys.executable).parent / "zizmor"
COMMAND = re.compile(r"^::(error|warning|notice) file=([^,:]+)(?:,line=(\d+))?,title=duben check::(.*)$")


def _workflow(name: str) -> dict:
    # PyYAML reads the key `on` as True (YAML 1.1).
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def _zizmor(where: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(ZIZMOR), "--offline", "--persona", "pedantic", str(where)],
                          capture_output=True, text=True)


def test_the_workflows_pass_the_audit() -> None:
    result = _zizmor(WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(("change", "finding"), [
    (("actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683", "actions/checkout@v4"), "unpinned-uses"),
    (("  pull_request:\n", "  pull_request_target:\n"), "dangerous-triggers"),
    (("run: scripts/ci.sh summary \"$BASE_SHA\"", "run: scripts/ci.sh summary ${{ github.event.pull_request.title }}"),
     "template-injection"),
])
def test_the_audit_catches_a_workflow_that_gives_a_pull_request_power(tmp_path: Path, change: tuple[str, str],
                                                                      finding: str) -> None:
    text = (WORKFLOWS / "check.yml").read_text(encoding="utf-8")
    assert change[0] in text
    (tmp_path / "check.yml").write_text(text.replace(change[0], change[1]), encoding="utf-8")
    result = _zizmor(tmp_path / "check.yml")
    assert result.returncode != 0
    assert finding in result.stdout


def test_every_job_states_its_permissions_and_pull_requests_only_read() -> None:
    for name in ("check.yml", "publish.yml"):
        flow = _workflow(name)
        assert flow["permissions"] == {}, f"{name}: no permissions unless a job asks"
        for job_id, job in flow["jobs"].items():
            assert "permissions" in job, f"{name}: job {job_id} must say what it may do"
            for step in job["steps"]:
                if "uses" in step:
                    assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
    check_flow = _workflow("check.yml")
    assert set(check_flow[True]) == {"pull_request"}
    assert check_flow["jobs"]["check"]["permissions"] == {"contents": "read"}
    upload = next(s for s in check_flow["jobs"]["check"]["steps"] if s.get("id") == "preview")
    assert upload["with"]["path"] == "build/preview/site"
    publish = _workflow("publish.yml")
    assert publish["jobs"]["build"]["permissions"] == {"contents": "read", "pages": "read"}
    assert publish["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def _github_lines(root: Path, capsys: pytest.CaptureFixture[str]) -> list[re.Match[str]]:
    main(["check", "--root", str(root), "--format", "github"])
    out = capsys.readouterr().out.splitlines()
    matches = [COMMAND.match(line) for line in out]
    assert all(matches), [line for line, m in zip(out, matches, strict=True) if not m]
    return [m for m in matches if m]


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_format_github_keeps_every_problems_file_and_line(tmp_path: Path, case: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(case, tmp_path)
    problems = check(root, readings=False)
    lines = _github_lines(root, capsys)
    kinds = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    shown = [(m[1], m[2], int(m[3]) if m[3] else None) for m in lines]
    wanted = [(kinds[p.severity], p.path, p.line) for p in problems]
    # The readings review adds notes that check(readings=False) leaves out: every problem is there.
    assert [w for w in wanted if w not in shown] == []
    for problem in problems:
        assert any(m[2] == problem.path and (m[4].replace("%0A", "\n").replace("%25", "%")
                                             == problem.message) for m in lines)


def test_format_github_escapes_what_would_end_the_command() -> None:
    problem = Problem("content/texts/a,b/x:y.yml", 3, "100% wrong\nsecond line", Severity.WARNING)
    assert problem.github() == ("::warning file=content/texts/a%2Cb/x%3Ay.yml,line=3,title=duben check::"
                                "100%25 wrong%0Asecond line")


def test_format_github_puts_errors_before_notes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """GitHub shows the first ten annotations of a kind: the errors must not drown in review notes."""
    root = project_copy(tmp_path)
    entry = root / "content/texts" / SEED / "resolution.en.yml"
    entry.write_text(entry.read_text(encoding="utf-8").replace("status: reviewed", "status: revewed", 1),
                     encoding="utf-8")
    kinds = [m[1] for m in _github_lines(root, capsys)]
    assert "error" in kinds and "notice" in kinds
    assert kinds == sorted(kinds, key=["error", "warning", "notice"].index)


def test_word_diff_shows_what_an_editor_changed() -> None:
    before = "The plenary session heard and discussed a speech delivered by Comrade Yuan Jiajun on behalf"
    after = "The plenum heard and discussed a speech delivered by Comrade Yuan Jiajun on behalf"
    assert word_diff(before, after) == "The ~~plenary session~~ **plenum** heard and discussed …"
    assert word_diff("a b c d e f g h", "a b c X e f g h", context=2) == "… b c ~~d~~ **X** e f …"


def _git(root: Path, *args: str) -> None:
    env = dict(os.environ, GIT_COMMITTER_DATE="2024-05-24T12:00:00Z", GIT_AUTHOR_DATE="2024-05-24T12:00:00Z")
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def test_the_summary_lists_changed_outdated_and_pending_paragraphs_of_a_real_edit(tmp_path: Path) -> None:
    root = project_copy(tmp_path)
    _git(root, "init", "-q")
    _git(root, "add", "content")
    _git(root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "base")
    folder = root / "content/texts" / SEED
    translation = folder / "resolution.en.yml"
    text = translation.read_text(encoding="utf-8")
    assert "The plenary session heard and" in text
    translation.write_text(text.replace("The plenary session heard and", "The plenum heard and"), encoding="utf-8")
    source = folder / "source.txt"
    source.write_text(source.read_text(encoding="utf-8").replace("的深刻内涵，迭代升", "的丰富内涵，迭代升", 1),
                      encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "duben.cli", "changes", "--base", "HEAD", "--root", str(root),
                             "--artifact-url", "https://example.org/artifact"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    summary = result.stdout
    assert "[download the `site` artifact](https://example.org/artifact)" in summary
    rows = [line for line in summary.splitlines() if line.startswith("| English changed") or
            line.startswith("| outdated")]
    assert len(rows) == 2
    assert "`texts/chongqing-plenum-2024-05-24/resolution.html#p1`" in rows[0]
    assert "~~plenary session~~ **plenum**" in rows[0]
    assert rows[1].startswith("| outdated | `texts/chongqing-plenum-2024-05-24/resolution.html#p4`")
    assert "resolution.en.yml:" in rows[1]


def test_pending_paragraphs_are_folded_and_new_ones_told_apart() -> None:
    _, documents, _ = load_content(Project(ROOT))
    seed = next(d for d in documents if d.document.slug == SEED)
    article = seed.document.articles[0]
    emptied = {article.slug: {k: v for k, v in seed.translations[article.slug].items() if k not in ("p1", "p2")}}
    from dataclasses import replace
    found = changes([seed], [replace(seed, translations={**seed.translations, **emptied})])
    assert [(c.kind, c.block_id, c.new) for c in found] == [(Kind.PENDING, "p1", True), (Kind.PENDING, "p2", True)]
    summary = summary_markdown(found)
    assert "<details><summary>2 paragraph(s) pending (no English yet)</summary>" in summary
    assert summary_markdown([]).endswith("No paragraph's English changed, and none is outdated or pending.\n")
    assert isinstance(found[0], Change)


def test_a_dry_run_of_the_pull_request_job_makes_the_site_the_artifact_and_the_summary(tmp_path: Path) -> None:
    """scripts/ci.sh, as the workflow calls it, on a copy holding the seed and an edit of its English."""
    root = project_copy(tmp_path / "repo", content=False)
    shutil.copytree(ROOT / "content/texts" / SEED, root / "content/texts" / SEED)
    shutil.copytree(ROOT / "content/glossary", root / "content/glossary")
    shutil.copytree(ROOT / "scripts", root / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("Makefile", "requirements.txt", "pyproject.toml"):
        shutil.copy(ROOT / name, root / name)
        os.utime(root / name, (0, 0))  # older than the installed venv's stamp: make installs nothing
    (root / ".venv").symlink_to(ROOT / ".venv")
    (root / "build/vendor").mkdir(parents=True)
    shutil.copy(ROOT / "build/vendor/pinyin-pro.js", root / "build/vendor/pinyin-pro.js")
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "base")
    translation = root / "content/texts" / SEED / "resolution.en.yml"
    translation.write_text(translation.read_text(encoding="utf-8").replace(
        "The plenary session heard and", "The plenum heard and"), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    env.pop("GITHUB_STEP_SUMMARY", None)
    result = subprocess.run(["scripts/ci.sh", "pull-request", "HEAD"], cwd=root, capture_output=True, text=True,
                            env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "::notice file=content/texts/" in result.stdout  # the review list, as annotations
    assert (root / "build/preview/site/index.html").is_file()
    assert (root / f"build/preview/site/texts/{SEED}/resolution.html").is_file()
    assert sorted(p.name for p in (root / "build/preview").iterdir()) == ["site", "summary.md"]
    summary = (root / "build/preview/summary.md").read_text(encoding="utf-8")
    assert "~~plenary session~~ **plenum**" in summary
    assert list((root / "content").rglob("*.html")) == []

    # The publish job: the same script, with the address GitHub Pages gives and the commit's date.
    env["DUBEN_SITE_URL"] = "https://editor.github.io/duben/"
    env.pop("SOURCE_DATE_EPOCH", None)
    result = subprocess.run(["scripts/ci.sh", "site"], cwd=root, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    sitemap = (root / "site/sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>https://editor.github.io/duben/texts/{SEED}/resolution.html</loc>" in sitemap
    assert "<lastmod>2024-05-24</lastmod>" in sitemap
    assert 'href="/duben/assets/' in (root / "site/404.html").read_text(encoding="utf-8")
