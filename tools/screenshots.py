"""Take the web glossary's screenshots in docs/screenshots/: ``python tools/screenshots.py``
(or only some: ``python tools/screenshots.py search phone-search``).

Builds the bundled glossary's site into a temporary folder and photographs it in
Chromium (Debian's ``chromium`` package, as the browser tests use) from ``file://``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"

SHOTS = [
    # name, page, viewport, colour scheme; a page "?q=…" waits for its results; a box
    # "#id=query" after the page is typed into, and the photo is taken with its panel open
    ("home", "fi/index.html", (1280, 860), "light"),
    ("entry", "fi/concepts/distance-learning.html", (1280, 1400), "light"),
    ("entry-ru", "ru/concepts/academic-debt.html", (1280, 1400), "light"),  # a draft entry
    ("search", "fi/search.html?q=koulutus&lang=fi&subject=vet", (1280, 1000), "light"),
    ("a-to-z", "ru/az/ru/u0434.html", (1280, 860), "light"),
    ("phone-entry", "fi/concepts/webinar.html", (390, 844), "light"),
    (
        "phone-search",
        "ru/concepts/webinar.html #quick-q=distantsionnoe obuchenie",
        (390, 844),
        "light",
    ),
    ("dark", "en/concepts/distance-learning.html", (1280, 860), "dark"),
]


def main(names: list[str]) -> None:
    from playwright.sync_api import sync_playwright

    import glossary
    from glossary.site import build_site

    os.environ.setdefault("SOURCE_DATE_EPOCH", "1795000000")
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        raise SystemExit("Chromium is not installed (Debian: sudo apt-get install chromium)")
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        build_site(glossary.load(ROOT / "terms"), site)
        OUT.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=executable, args=["--headless=new", "--no-sandbox"]
            )
            for name, path, (width, height), scheme in SHOTS:
                if names and name not in names:
                    continue
                phone = width < 640
                page = browser.new_page(
                    viewport={"width": width, "height": height},
                    color_scheme=scheme,
                    is_mobile=phone,
                    has_touch=phone,
                )
                path, _, typed = path.partition(" ")
                page_path, _, query = path.partition("?")
                page.goto((site / page_path).as_uri() + (f"?{query}" if query else ""))
                if query:
                    page.wait_for_selector("#q-list .result")
                    page.evaluate("document.activeElement.blur()")
                if typed:
                    box, _, text = typed.partition("=")
                    page.tap(box) if phone else page.click(box)
                    page.keyboard.type(text)
                    page.wait_for_selector(f"{box}-list .result")
                page.screenshot(path=str(OUT / f"{name}.png"))
                page.close()
                print(f"wrote {OUT.relative_to(ROOT) / name}.png")
            browser.close()


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
