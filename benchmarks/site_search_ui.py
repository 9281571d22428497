"""What the web glossary's search interface adds to the search: real queries typed into
the header's box, in Chromium, from ``file://``.

    python benchmarks/site_search_ui.py [--glossary terms] [--rows 200]

The queries are those copied from real documents of the field in
tests/data/lookup-real.tsv (the command line's evaluation). For each, in one page:

- baseline: ``GlossarySearch.search(query)`` alone, awaited, with its shards already
  loaded (the engine's own time, as the interface asks it);
- the interface: from the box's input event to the panel showing that query's results
  (the engine's time again, plus building, highlighting and laying out the rows),
  without the 80 ms the box waits for the typing to pause;
- the first query of a fresh page: from the first keystroke's search to the first
  result in the panel, loading the engine and the shards it needs included.

Times are medians over the queries, in milliseconds, and the interface's as a ratio to
the baseline measured in the same run. Needs Debian's Chromium and Playwright.
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import statistics
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "data" / "lookup-real.tsv"

#: Resolves when the list says it shows ``query`` (search.js sets data-query).
SHOWN = """const shown = (list, query) => new Promise(resolve => {
  if (list.dataset.query === query) return resolve();
  const watch = new MutationObserver(() => {
    if (list.dataset.query === query) { watch.disconnect(); resolve(); }
  });
  watch.observe(list, {attributes: true, attributeFilter: ['data-query']});
});"""

MEASURE = """async (query) => {
  const box = document.getElementById('quick-q');
  const list = document.getElementById('quick-q-list');
  let t0 = performance.now();
  await GlossarySearch.search(query, {});
  const engine = performance.now() - t0;
  box.value = query;
  delete list.dataset.query;
  t0 = performance.now();
  box.dispatchEvent(new Event('input'));
  await shown(list, query);
  void document.body.offsetHeight;  // the rows laid out
  const ui = performance.now() - t0 - 80;
  return [engine, ui, list.querySelectorAll('[role=option]').length];
}"""

FIRST = """async (query) => {
  const box = document.getElementById('quick-q');
  const list = document.getElementById('quick-q-list');
  box.focus();
  box.value = query;
  const t0 = performance.now();
  box.dispatchEvent(new Event('input'));
  await shown(list, query);
  void document.body.offsetHeight;  // the rows laid out
  return performance.now() - t0 - 80;
}"""


def queries(limit: int) -> list[str]:
    with open(REAL, encoding="utf-8", newline="") as fp:
        found = [row["query"] for row in csv.DictReader(fp, delimiter="\t") if row["query"]]
    return list(dict.fromkeys(found))[:limit]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--glossary", type=Path, default=ROOT / "terms")
    parser.add_argument("--rows", type=int, default=200)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    import glossary
    from glossary.site import build_site

    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        raise SystemExit("Chromium is not installed (Debian: sudo apt-get install chromium)")
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1795000000")
    asked = queries(args.rows)
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        build_site(glossary.load(args.glossary), site)
        page_url = (site / "fi" / "concepts").glob("*.html").__next__().as_uri()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=executable, args=["--headless=new", "--no-sandbox"]
            )
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.goto(page_url)
            page.add_script_tag(content=SHOWN)
            first = page.evaluate(FIRST, asked[0])
            engine, ui, shown = [], [], []
            for query in asked:
                e, u, n = page.evaluate(MEASURE, query)
                engine.append(e)
                ui.append(u)
                shown.append(n)
            browser.close()
    e50, u50 = statistics.median(engine), statistics.median(ui)
    print(f"glossary: {args.glossary}; {len(asked)} real queries ({REAL.relative_to(ROOT)})")
    print(f"first query of a fresh page, engine and shards loaded: {first:.1f} ms")
    print(f"baseline, the engine alone (median): {e50:.2f} ms")
    print(f"the interface, input to results shown (median): {u50:.2f} ms = {u50 / e50:.2f} x")
    print(
        f"  p90: engine {statistics.quantiles(engine, n=10)[-1]:.2f} ms, "
        f"interface {statistics.quantiles(ui, n=10)[-1]:.2f} ms; "
        f"options shown per panel: median {statistics.median(shown):.0f}, max {max(shown)}"
    )


if __name__ == "__main__":
    main()
