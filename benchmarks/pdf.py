"""The printed dictionary: seconds per 100 concepts, and how the time grows.

    python benchmarks/pdf.py [--sizes 100 1000 5000]

For each size, that many concepts are generated and typeset in one process
(``glossary.pdf.build_pdf``). Baseline, in the same process for each size: the same HTML
typeset by WeasyPrint without the two things that make a dictionary expensive to lay out
(the two columns and the page numbers of cross-references), which shows what the
dictionary layout costs over plain flowing text.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

ROOT = Path(__file__).resolve().parent.parent
PLAIN = """
.part, .index { column-count: auto; }
.rel a::after, .see a::after, .index-line a::after, .toc a::after { content: none; }
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument(
        "--no-baseline", action="store_true", help="skip the baseline (it takes a third as long)"
    )
    args = parser.parse_args()

    from pypdf import PdfReader

    import glossary
    from glossary.pdf import build_pdf

    os.environ.setdefault("SOURCE_DATE_EPOCH", "1795000000")
    print(f"{'concepts':>9} {'pages':>6} {'seconds':>9} {'s/100':>7} {'plain s':>8} {'ratio':>6}")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as folder:
            work = Path(folder)
            os.environ["GLOSSARY_CACHE_DIR"] = str(work / "cache")
            generate(work / "terms", size)
            g = glossary.load(work / "terms")
            plain = work / "templates"
            shutil.copytree(ROOT / "templates", plain)
            with open(plain / "pdf" / "dictionary.css", "a", encoding="utf-8") as fp:
                fp.write(PLAIN)
            start = time.perf_counter()
            if not args.no_baseline:
                build_pdf(g, {"templates": plain})
            base = time.perf_counter() - start
            start = time.perf_counter()
            data = build_pdf(g)
            seconds = time.perf_counter() - start
            pages = len(PdfReader(io.BytesIO(data)).pages)
        baseline = "-" if args.no_baseline else f"{base:.1f}"
        ratio = "-" if args.no_baseline else f"{seconds / base:.1f}"
        print(
            f"{size:>9,} {pages:>6} {seconds:>9.1f} {seconds / size * 100:>7.1f} "
            f"{baseline:>8} {ratio:>6}",
            flush=True,
        )


if __name__ == "__main__":
    main()
