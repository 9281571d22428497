"""Building the web glossary from 10,000 generated concepts, and the size of its search index.

    python benchmarks/site.py [-n 10000]

Measured in one process, each step against a baseline run in the same process:

- baseline: one minimal Jinja template per concept page (the terms in a list, nothing
  else) rendered and written to a fresh folder: the least any static generator does for
  the same number of pages;
- a first build into an empty folder, a rebuild with nothing changed, and a rebuild after
  one concept file changed (the sources are read through the cache, as the command does);
- the search index: bytes and gzip bytes, and both per 1,000 concepts;
- the per-entry downloads (JSON, TBX and SKOS of each concept, glossary.site.entryfiles):
  the time to make them all, as part of the first build;
- A to Z: the HTML bytes of the biggest letter page, and of the biggest language's
  whole list on one page, as A to Z was before it was split by letter;
- the release record of What's new (glossary.releases): a first release, and a new
  version compared with it (a snapshot of every concept and the comparison), and the
  record's size; the first build above includes the first of these.

The bundled glossary's build as a whole command is timed by running
``glossary export site`` in a subprocess.

The sharded search index (glossary.site.searchindex, read by assets/search-engine.js):
the time to make its files from the lookup index, their number, bytes and gzip bytes,
and, in Chromium from file:// with the CPU slowed 4 times (CDP
``Emulation.setCPUThrottlingRate``), for a set of typical queries each on a fresh page:
the gzip bytes of the index files the query read, and the time until the first answers
were shown (``search()``'s ``early`` answers, found before its typo search, or its whole
answer) and until the whole answer (all answers ranked), as the panel under a search box
asks it (details of the first 8, the rows it shows) and as the search page does (details
of the first 20), each on a fresh page, ``--repeat`` times (3): the medians per query,
their max and median over the queries, and the slowest single run.
``--search-only`` measures only this (for 100,000 concepts, where the whole site takes
hours on a shared machine); ``--lookup-index FILE`` reuses a lookup index stored by an
earlier run (``glossary.search.index.build(g, FILE)``). ``--site DIR`` keeps the index
files and the queries in DIR (with ``figures.json``: the number of concepts, the time
to make the files, the queries); with ``--again`` the queries are measured again on
DIR, with neither the glossary loaded nor the files made (loading 100,000 generated
concepts takes minutes).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

ROOT = Path(__file__).resolve().parent.parent


def baseline(g, out: Path, languages: tuple[str, ...]) -> float:
    from jinja2 import Environment

    template = Environment(autoescape=True).from_string(
        "<!DOCTYPE html><html lang='{{ ui }}'><title>{{ id }}</title><main>"
        "{% for lang, section in sections %}<h2>{{ lang }}</h2><ul>"
        "{% for t in section.terms %}<li lang='{{ lang }}'>{{ t.term }}</li>{% endfor %}"
        "</ul><p>{{ section.definition or '' }}</p>{% endfor %}</main></html>"
    )
    start = time.perf_counter()
    for ui in languages:
        folder = out / ui
        folder.mkdir(parents=True)
        for concept in g.concepts.values():
            page = template.render(ui=ui, id=concept.id, sections=concept.languages.items())
            (folder / f"{concept.id}.html").write_text(page, encoding="utf-8")
    return time.perf_counter() - start


def entry_files_cost(g, out: Path) -> int:
    """Make every per-entry file the site build makes (nothing else); return how many."""
    from glossary.site.entryfiles import add_entry_files

    made = []

    class Collect:
        def add(self, path, key, make):
            made.append(len(make()))

    add_entry_files(Collect(), g, "salt", None)
    return len(made)


def single_az_page(g, out: Path, lang: str) -> int:
    """The bytes of the A-to-Z list of ``lang`` rendered on one page, as before the split."""
    from glossary.site import _Builder
    from glossary.site.context import AzPage

    builder = _Builder(g, out, {}, None)
    base = builder.base("fi", f"az/{lang}.html", "A to Z", "az")
    page = AzPage(**base, lang=lang, letters=builder.letters(lang, "../"))
    return len(builder.render("site/az.html", page, "fi"))


def typical_queries(g) -> dict[str, str]:
    """Queries of each kind, made from the generated glossary's terms."""
    from glossary.search.keys import skeleton
    from glossary.search.layouts import LAYOUTS

    concepts = list(g.concepts.values())
    fi = concepts[len(concepts) // 3].languages["fi"].terms[0].term
    ru = concepts[len(concepts) // 2].languages["ru"].terms[0].term
    en = concepts[2 * len(concepts) // 3].languages["en"].terms[0].term
    word = max(fi.split(), key=len)
    typo = word[:2] + word[3] + word[2] + word[4:] if len(word) > 4 else word + "x"
    to_us = {v: chr(k) for k, v in LAYOUTS["us>ru"].items()}
    return {
        "exact fi": fi,
        "exact ru": ru,
        "exact en": en,
        "one word": word,
        "beginning": fi[:5],
        "typo": typo,
        "transliterated": skeleton(ru),
        "wrong layout": "".join(to_us.get(ch, ch) for ch in ru),
        "phrase": f"{en} in the {word}",
        "absent": "zzqx",
    }


def measure_queries(
    site: Path, queries: dict[str, str], repeat: int = 3
) -> list[tuple[str, str, int, float, int, int, float, float, float, float]]:
    """(kind, query, gzip bytes read, seconds to the first answers shown, answers, index
    files read, the same with the details of 8 answers: the panel's, then the seconds to
    the whole answer on the search page and in the panel, and the slowest first answers
    of any run) per query, each on a fresh page of ``site`` opened from file:// with the
    CPU slowed 4 times, ``repeat`` times: the times are the medians of the runs. The first
    answers are shown when the engine gives them early (before its typo search) or with
    the whole answer, as assets/search.js shows them."""
    import statistics

    from playwright.sync_api import sync_playwright

    sizes = {
        path.name: len(gzip.compress(path.read_bytes(), 6, mtime=0))
        for path in (site / "assets" / "search").iterdir()
    }
    for name in ("search-engine.js", "snowball.js"):
        sizes[name] = len(gzip.compress((site / "assets" / name).read_bytes(), 6, mtime=0))
    out = []
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=["--headless=new", "--no-sandbox"]
        )

        def run(query: str, details: int) -> tuple[float, float, int, list[str]]:
            context = browser.new_context()
            page = context.new_page()
            page.goto((site / "page.html").as_uri())
            cdp = context.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
            took, first, found = page.evaluate(
                """async ([q, n]) => { const t = performance.now(); let first = null;
                     const early = () => { if (first === null) first = performance.now() - t; };
                     const a = await GlossarySearch.search(q, {details: n, early: early});
                     const took = performance.now() - t;
                     return [took, first === null ? took : first, a.matches.length]; }""",
                [query, details],
            )
            loaded = page.evaluate(
                "Array.from(document.scripts).map(s => s.src.split('/').pop()).filter(Boolean)"
            )
            context.close()
            return first / 1000, took / 1000, found, loaded

        for kind, query in queries.items():
            first: dict[int, list[float]] = {8: [], 20: []}
            whole: dict[int, list[float]] = {8: [], 20: []}
            for _ in range(repeat):
                for details in (8, 20):
                    shown, took, found, loaded = run(query, details)
                    first[details].append(shown)
                    whole[details].append(took)
            read = sum(sizes.get(n, 0) for n in loaded)
            files = sum(1 for n in loaded if n in sizes and n != "search-engine.js")
            median = {n: statistics.median(first[n]) for n in first}
            out.append(
                (
                    kind,
                    query,
                    read,
                    median[20],
                    found,
                    files,
                    median[8],
                    statistics.median(whole[20]),
                    statistics.median(whole[8]),
                    max(first[8] + first[20]),
                )
            )
        browser.close()
    return out


def make_search_site(g, lookup: Path | None, site: Path) -> None:
    """Make the search index's files of ``g`` in ``site``, with ``figures.json``."""
    from glossary.search.index import Index, build
    from glossary.site.searchindex import search_files

    if lookup is not None and lookup.exists():
        index = Index.open(lookup)
        index_seconds = 0.0
    else:
        index_seconds, index = timed(build, g, lookup)
    seconds, made = timed(search_files, g, index)
    if site.exists():
        shutil.rmtree(site)
    for path, text in made.files.items():
        target = site / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")
    figures = {
        "concepts": len(g.concepts),
        "lookup_index_seconds": index_seconds,
        "seconds": seconds,
        "key_shards": made.shards,
        "keys": made.keys,
        "queries": typical_queries(g),
    }
    (site / "figures.json").write_text(json.dumps(figures, ensure_ascii=False), "utf-8")


def search_index_figures(site: Path, repeat: int = 3) -> None:
    """Measure the search index made in ``site`` (module docstring)."""
    import statistics

    figures = json.loads((site / "figures.json").read_text("utf-8"))
    for name in ("search-engine.js", "snowball.js"):
        shutil.copy(ROOT / "templates/site/assets" / name, site / "assets")
    (site / "page.html").write_text(
        '<!DOCTYPE html><html lang="fi"><title>search</title>'
        '<script src="assets/search-engine.js"></script></html>',
        "utf-8",
    )
    made = [p.read_bytes() for p in (site / "assets" / "search").iterdir()]
    raw = sum(len(data) for data in made)
    packed = sum(len(gzip.compress(data, 6, mtime=0)) for data in made)
    print(f"{figures['concepts']:,} concepts, search index:")
    if figures["lookup_index_seconds"]:
        print(f"  lookup index built in {figures['lookup_index_seconds']:.1f} s")
    print(
        f"  shards made in {figures['seconds']:.1f} s: {len(made):,} files, "
        f"{figures['key_shards']:,} key shards of {figures['keys']:,} keys; "
        f"{raw / 1e6:,.1f} MB, gzip {packed / 1e6:,.1f} MB"
    )
    rows = measure_queries(site, figures["queries"], repeat)
    print(
        f"  {'':<15} {'':<38} {'read':>12} {'':9} {'panel':>6} {'page':>8}"
        f"   whole answer: panel, page"
    )
    for kind, query, read, took, found, files, panel, page_all, panel_all, _ in rows:
        print(
            f"  {kind:<15} {query[:38]:<38} {read / 1e3:7.1f} kB gzip {files:3} files "
            f"{panel:6.2f} s {took:6.2f} s  {panel_all:6.2f} s {page_all:6.2f} s  "
            f"{found} answers"
        )
    reads = [r[2] for r in rows]
    times = [r[3] for r in rows]
    panels = [r[6] for r in rows]
    print(
        f"  read per query: max {max(reads) / 1e3:.1f} kB, median "
        f"{statistics.median(reads) / 1e3:.1f} kB gzip; time to the first answers shown at "
        f"4x slower CPU: panel (8 detailed) max {max(panels):.2f} s, median "
        f"{statistics.median(panels):.2f} s; search page (20) max {max(times):.2f} s, median "
        f"{statistics.median(times):.2f} s; the whole answer: panel max "
        f"{max(r[8] for r in rows):.2f} s, page max {max(r[7] for r in rows):.2f} s "
        f"(load average {os.getloadavg()[0]:.1f}); medians of {repeat} runs, the slowest "
        f"single run's first answers {max(r[9] for r in rows):.2f} s"
    )


def timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", "--concepts", type=int, default=10_000)
    parser.add_argument("--search-only", action="store_true")
    parser.add_argument("--source", type=Path, help="a generated glossary to use")
    parser.add_argument("--lookup-index", type=Path)
    parser.add_argument("--site", type=Path, help="keep the search index files here")
    parser.add_argument("--again", action="store_true", help="measure --site again")
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of each query (medians are reported)"
    )
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be 1 or more")
    if args.again:
        if args.site is None:
            parser.error("--again measures the index kept by --site DIR")
        search_index_figures(args.site, args.repeat)
        return
    if args.search_only:
        import glossary

        with tempfile.TemporaryDirectory() as folder:
            work = Path(folder)
            src = args.source or work / "terms"
            if args.source is None:
                generate(src, args.concepts)
            site = args.site or work / "search-site"
            make_search_site(glossary.load(src), args.lookup_index, site)
            search_index_figures(site, args.repeat)
        return

    import glossary
    from glossary.site import build_site

    os.environ.setdefault("SOURCE_DATE_EPOCH", "1795000000")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        os.environ["GLOSSARY_CACHE_DIR"] = str(work / "cache")
        src = work / "terms"
        generate(src, args.concepts)
        glossary.load(src)  # fill the source cache, as a terminologist's machine has it
        g = glossary.load(src)
        pages = len(g.concepts) * 3

        base = baseline(g, work / "baseline", ("fi", "ru", "en"))
        first, written = timed(build_site, g, work / "site")
        again, unchanged = timed(build_site, glossary.load(src), work / "site")
        victim = sorted(src.rglob("*.yaml"))[len(g.concepts) // 2]
        text = victim.read_text("utf-8")
        status = "reviewed" if "\nstatus: approved\n" in text else "approved"
        changed_text = re.sub(r"^status: \w+$", f"status: {status}", text, count=1, flags=re.M)
        assert changed_text != text
        victim.write_text(changed_text, "utf-8")
        one_start = time.perf_counter()
        changed = build_site(glossary.load(src), work / "site")
        one = time.perf_counter() - one_start

        import datetime as dt
        from dataclasses import replace

        from glossary.releases import update

        first_release, record = timed(update, None, g, dt.date(2026, 1, 1))
        g2 = glossary.load(src)
        g2 = replace(g2, meta=replace(g2.meta, version="next"))
        next_release, record = timed(update, record, g2, dt.date(2026, 2, 1))
        record_size = len(record.encode())

        entry_seconds, entry_files = timed(entry_files_cost, g, work / "entries")
        letter_pages = list((work / "site").glob("*/az/*/*.html"))
        biggest_letter = max(p.stat().st_size for p in letter_pages)
        one_page = max(single_az_page(g, work / "single", lang) for lang in g.languages)

        shards = [p.read_bytes() for p in (work / "site" / "assets" / "search").iterdir()]
        index = sum(len(data) for data in shards)
        packed = sum(len(gzip.compress(data, 9, mtime=0)) for data in shards)
        total = sum(p.stat().st_size for p in (work / "site").rglob("*") if p.is_file())

        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "glossary", "export", "site", "--out", str(work / "bundled")],
            check=True,
            capture_output=True,
            cwd=work,
            env={**os.environ, "GLOSSARY_PATH": str(ROOT / "terms")},
        )
        bundled = time.perf_counter() - start
        bundled_files = sum(1 for p in (work / "bundled").rglob("*") if p.is_file())
        shutil.rmtree(work / "bundled")

    def row(label: str, seconds: float, files: int) -> None:
        ratio = seconds / base
        print(f"{label:<40} {seconds:7.2f} s  {ratio:5.1f}x baseline  {files:,} files written")

    print(f"{len(g.concepts):,} concepts, {pages:,} concept pages in fi, ru and en")
    print(f"{'baseline (minimal template, same pages)':<40} {base:7.2f} s")
    row("first build", first, len(written))
    row("rebuild, nothing changed", again, len(unchanged))
    row("rebuild, one concept changed", one, len(changed))
    print(f"{'site size':<40} {total / 1e6:7.1f} MB")
    row("per-entry downloads alone", entry_seconds, entry_files)
    print(
        f"A to Z: biggest letter page {biggest_letter / 1e3:,.0f} kB "
        f"({len(letter_pages):,} letter pages); as one page per language it was "
        f"{one_page / 1e3:,.0f} kB"
    )
    for label, seconds in (
        ("release record, first release", first_release),
        ("release record, next version compared", next_release),
    ):
        print(f"{label:<40} {seconds:7.2f} s  {seconds / base:5.1f}x baseline")
    print(
        f"release record {record_size / 1e3:,.0f} kB, "
        f"per 1,000 concepts {record_size / len(g.concepts):,.0f} kB"
    )
    print(
        f"search index (all shards) {index / 1e3:,.0f} kB, gzip {packed / 1e3:,.0f} kB; "
        f"per 1,000 concepts {index / len(g.concepts):,.0f} kB, "
        f"gzip {packed / len(g.concepts):,.0f} kB"
    )
    print(f"{'bundled glossary, whole command':<40} {bundled:7.2f} s  {bundled_files} files")


if __name__ == "__main__":
    main()
