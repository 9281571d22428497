"""Shared fixtures: the bundled glossary, the interop material beside the project, a CLI runner."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TERMS = ROOT / "terms"
DATA = Path(__file__).resolve().parent / "data"
#: The concepts of the small glossary the site, API and PDF tests share (data/site).
SITE_IDS = (
    "abo-akademi",
    "capacity",
    "distance-learning",
    "hostile",
    "mother-tongue",
    "online-learning",
    "vocational-education",
    "webinar",
)
SHARED = ROOT.parent / "shared"


def _need_shared(sub: str) -> Path:
    path = SHARED / sub
    if path.exists():
        return path
    message = (
        f"{path} is missing: the interop files and schemas live beside the project in "
        "../shared (present in CI; not part of a user's clone)"
    )
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def interop() -> Path:
    """``../shared/interop``: real TBX files and the official TBX schemas."""
    return _need_shared("interop")


@pytest.fixture(scope="session")
def core_concepts() -> Path:
    return _need_shared("vocabulary/core-concepts.tsv")


@pytest.fixture(scope="session")
def bundled():
    import glossary

    return glossary.load(TERMS)


@pytest.fixture()
def runner():
    from typer.testing import CliRunner

    return CliRunner()


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch, tmp_path_factory):
    """Commands under test never see the developer's $GLOSSARY_PATH, nor their cache."""
    monkeypatch.delenv("GLOSSARY_PATH", raising=False)
    monkeypatch.delenv("GLOSSARY_DEBUG", raising=False)
    monkeypatch.delenv("GLOSSARY_NO_CACHE", raising=False)
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


def shared_samples() -> list[Path]:
    """Every file under ../shared/interop/samples, for parametrising.

    When the folder is absent this is one placeholder path; tests that use it also ask
    for the ``interop`` fixture, which skips them with the reason (or fails under CI).
    """
    root = SHARED / "interop" / "samples"
    if not root.exists():
        return [root / "(missing)"]
    return sorted(p for p in root.rglob("*") if p.is_file())


# -- the browser tests' Chromium and built sites (tests/test_site*_browser.py) ------------
# Here, not in one test module, so that there is one of each for the whole session:
# Playwright's sync API cannot start a second browser while the first runs.

CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def _missing(message: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser():
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        _missing("Chromium is not installed (Debian: sudo apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.is_file():
        _missing(f"{AXE.relative_to(ROOT)} is missing: run 'npm ci' in the project folder")
    return AXE.read_text(encoding="utf-8")


class Served:
    """A built site and a local web server for it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        handler = partial(_QuietHandler, directory=str(root))
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def built_site(source: Path, out: Path, epoch: str = "1795000000") -> Path:
    """The site of the glossary at ``source`` built into ``out`` as of ``epoch``
    (SOURCE_DATE_EPOCH, restored afterwards)."""
    import glossary
    from glossary.site import build_site

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", epoch)
        build_site(glossary.load(source), out)
    return out


def _serve(tmp_path_factory, source: Path, name: str) -> Iterator[Served]:
    served = Served(built_site(source, tmp_path_factory.mktemp(name) / "site"))
    yield served
    served.close()


@pytest.fixture(scope="session")
def bundled_site(browser, tmp_path_factory) -> Iterator[Served]:
    yield from _serve(tmp_path_factory, TERMS, "bundled")


@pytest.fixture(scope="session")
def test_site(browser, tmp_path_factory) -> Iterator[Served]:
    yield from _serve(tmp_path_factory, DATA / "site", "testsite")


#: Addresses a page of a built site may load: the local server, files, inline data.
LOCAL = ("http://127.0.0.1:", "file://", "data:", "about:")


@contextmanager
def guarded_page(context, local=LOCAL, serve: Callable | None = None) -> Iterator:
    """A page of ``context`` that may load nothing but ``local`` addresses and must log
    no console error (both asserted when it closes, with the context). ``serve(route,
    url)`` may answer a request itself and return True."""
    outside: list[str] = []
    errors: list[str] = []

    def route(route):
        url = route.request.url
        if serve is not None and serve(route, url):
            return
        if url.startswith(local):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        yield page
    finally:
        context.close()
    assert outside == [], f"requests left the site: {outside}"
    assert errors == [], f"console errors: {errors}"
