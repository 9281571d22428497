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
"""

from __future__ import annotations

import argparse
import gzip
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


def timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", "--concepts", type=int, default=10_000)
    args = parser.parse_args()

    import glossary
    from glossary.site import build_site
    from glossary.site.searchindex import search_index_js

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

        index = search_index_js(g).encode("utf-8")
        packed = gzip.compress(index, 9, mtime=0)
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
        f"search index  {len(index) / 1e3:,.0f} kB, gzip {len(packed) / 1e3:,.0f} kB; "
        f"per 1,000 concepts {len(index) / len(g.concepts):,.0f} kB, "
        f"gzip {len(packed) / len(g.concepts):,.0f} kB"
    )
    print(f"{'bundled glossary, whole command':<40} {bundled:7.2f} s  {bundled_files} files")


if __name__ == "__main__":
    main()
