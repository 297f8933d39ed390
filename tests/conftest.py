"""Shared fixtures: the project root, the seed document, one real site build."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from duben.build.project import Project, load_document
from duben.model import Document

ROOT = Path(__file__).resolve().parent.parent
SEED = "chongqing-plenum-2024-05-24"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ from the current output")


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


#: MkDocs 1.6 prints a notice about MkDocs 2.0 unless told not to; SOURCE_DATE_EPOCH pins
#: the date MkDocs writes into sitemap.xml, so that builds compare byte for byte.
BUILD_ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1716508800")


def project_copy(dest: Path, *, content: bool = True) -> Path:
    """A copy of the project in ``dest``: configuration, hand-written pages and (or not) content/.

    Generated pages and the generation cache are not copied: a build there starts cold.
    """
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("hooks", "overrides"):
        shutil.copytree(ROOT / name, dest / name)
    shutil.copytree(ROOT / "docs", dest / "docs", ignore=shutil.ignore_patterns("texts", "glossary"))
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    if content:
        shutil.copytree(ROOT / "content", dest / "content")
    else:
        (dest / "content" / "texts").mkdir(parents=True)
    return dest


def mkdocs_build(root: Path, out: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` of the project in ``root`` (into ``out``, else ``root/site``)."""
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q",
                           *(["-d", str(out)] if out else [])], cwd=root, capture_output=True, text=True, env=BUILD_ENV)


def two_documents(root: Path, other_text: str) -> Path:
    """A content/ with the seed, the glossary and a one-paragraph document 'other', and an empty docs/."""
    shutil.copytree(ROOT / "content" / "texts" / SEED, root / "content/texts" / SEED)
    shutil.copytree(ROOT / "content" / "glossary", root / "content/glossary")
    other = root / "content/texts/other"
    other.mkdir(parents=True)
    (other / "source.txt").write_text(f"标题\n\n{other_text}\n", encoding="utf-8")
    (root / "docs").mkdir()
    return root


@pytest.fixture(scope="session")
def project() -> Project:
    """The project itself, read-only: tests that change anything work on a :func:`project_copy`."""
    return Project(ROOT)


@pytest.fixture(scope="session")
def seed_document(project: Project) -> Document:
    return load_document(project.texts / SEED, ROOT).document


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real, cold ``mkdocs build --strict`` of a copy of the project (the repository stays untouched)."""
    root = project_copy(tmp_path_factory.mktemp("project"))
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where browser tests leave screenshots to look at: $DUBEN_ARTIFACTS, else a temporary folder."""
    chosen = os.environ.get("DUBEN_ARTIFACTS")
    path = Path(chosen) if chosen else tmp_path_factory.mktemp("artifacts")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="session")
def http_root(site: Path) -> Iterator[str]:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *a: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Browser tests run over file:// and http, except where only the page's DOM and CSS are at
    stake (marked ``same_over_file_and_http``): those run once, over http."""
    if "base" in metafunc.fixturenames:
        once = metafunc.definition.get_closest_marker("same_over_file_and_http") is not None
        metafunc.parametrize("base", ["http"] if once else ["file", "http"], indirect=True)


@pytest.fixture
def base(request: pytest.FixtureRequest, site: Path) -> str:
    if request.param == "file":
        return site.as_uri() + "/"
    return str(request.getfixturevalue("http_root"))


class Watch:
    """Console errors and requests leaving the machine, recorded for one page."""

    def __init__(self, page, base: str) -> None:
        self.errors: list[str] = []
        self.foreign: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: None if r.url.startswith((base, "data:", "blob:", "about:"))
                else self.foreign.append(r.url))


@pytest.fixture
def page(browser, base):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.watch = Watch(page, base)
    yield page
    context.close()


@pytest.fixture
def context(browser, base):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()
