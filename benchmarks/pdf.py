"""The printed dictionary: time, pages and peak memory, and how they grow.

    python benchmarks/pdf.py [--sizes 100 1000 5000 10000] [--baseline-up-to 1000]
    python benchmarks/pdf.py --stages [--no-cache]

First the bundled glossary as whole processes, ``glossary export pdf`` against
``glossary export json`` on the same glossary (the JSON API is the cheapest export that
still reads and writes every concept). Then, for each size, that many generated concepts
typeset by ``glossary.pdf.build_pdf`` in a process of its own (so that its peak memory is
its own), and, where WeasyPrint is installed and the size is at most
``--baseline-up-to``, the same entries laid out by WeasyPrint in one column without page
numbers, in the same run: what a plain HTML-to-PDF typesetter needs for the same text.

``--stages`` builds the bundled glossary once in this process and prints the wall and
CPU seconds of each stage (reading the glossary, the catalogs, building the book, each
Typst layout, Typst's PDF writer, finishing with pikepdf and its parts), which tells how
many layouts a build took and where its time goes; ``--no-cache`` as a first build.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ROOT = Path(__file__).resolve().parent.parent
EPOCH = "1795000000"


def run(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds and peak memory (MB) of a command as a whole process."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(
            f"{' '.join(command)} failed: {proc.stderr.read().decode() if proc.stderr else ''}"
        )
    return seconds, usage.ru_maxrss / 1024


def bundled(repeat: int) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    glossary = [sys.executable, "-m", "glossary"]
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        rows = []
        for n in range(repeat):
            json_s, json_mb = run(
                [
                    *glossary,
                    "export",
                    "json",
                    "-g",
                    str(ROOT / "terms"),
                    "--out",
                    str(out / f"json{n}"),
                ],
                env,
            )
            pdf_s, pdf_mb = run(
                [
                    *glossary,
                    "export",
                    "pdf",
                    "-g",
                    str(ROOT / "terms"),
                    "--out",
                    str(out / "book.pdf"),
                ],
                env,
            )
            rows.append((json_s, json_mb, pdf_s, pdf_mb))
        size = (out / "book.pdf").stat().st_size
        pages = _pages((out / "book.pdf").read_bytes())
    per_page = size / pages / 1000
    print(f"bundled glossary: {pages} pages, {size / 1000:.0f} kB ({per_page:.1f} kB a page)")
    header = ("run", "json s", "json MB", "pdf s", "pdf MB", "ratio", "3x+1 s")
    print(" ".join(f"{h:>8}" for h in header))
    for n, (json_s, json_mb, pdf_s, pdf_mb) in enumerate(rows, start=1):
        row = (n, f"{json_s:.2f}", f"{json_mb:.0f}", f"{pdf_s:.2f}", f"{pdf_mb:.0f}")
        row += (f"{pdf_s / json_s:.2f}", f"{3 * json_s + 1:.2f}")
        print(" ".join(f"{cell:>8}" for cell in row), flush=True)


def _pages(data: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


# -- the stages of one build --------------------------------------------------------------


def stages(cache: bool) -> None:
    """Build the bundled glossary in this process, timing each stage (CPU counts every
    thread of the process: Typst's workers and the compressing threads too)."""
    import functools

    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    if not cache:
        os.environ["GLOSSARY_NO_CACHE"] = "1"
    times: list[tuple[str, float, float]] = []

    def timed(owner: object, name: str, label: str) -> None:
        function = getattr(owner, name)

        @functools.wraps(function)
        def wrapper(*args: object, **kwargs: object) -> object:
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                times.append((label, time.perf_counter() - wall, time.process_time() - cpu))

        setattr(owner, name, wrapper)

    wall, cpu = time.perf_counter(), time.process_time()
    import glossary
    import glossary.pdf as pdf
    import glossary.pdf.book as book
    import glossary.pdf.compact as compact
    import glossary.pdf.typeset as typeset

    times.append(("imports", time.perf_counter() - wall, time.process_time() - cpu))
    timed(glossary, "load", "reading the glossary")
    timed(pdf, "catalogs", "catalogs")
    timed(book.Builder, "book", "building the book")
    timed(pdf, "book_json", "the book as JSON")
    timed(typeset, "compiler", "starting Typst")
    timed(typeset, "layout", "a Typst layout")
    timed(typeset, "export", "Typst's PDF writer")
    timed(compact, "_links", "  finishing: links rewritten")
    timed(compact, "_contents", "  finishing: content rounded, compressed")
    timed(compact, "finish", "finishing with pikepdf (all)")
    pdf.build_pdf(glossary.load(ROOT / "terms"))
    total = (time.perf_counter() - wall, time.process_time() - cpu)
    print(f"{'stage':42} {'wall s':>7} {'CPU s':>7}")
    for label, seconds, used in times:
        print(f"{label:42} {seconds:7.2f} {used:7.2f}")
    layouts = sum(1 for label, _, _ in times if label == "a Typst layout")
    print(f"{'the whole build (' + str(layouts) + ' layouts)':42} {total[0]:7.2f} {total[1]:7.2f}")
    print(f"load average: {' '.join(f'{n:.2f}' for n in os.getloadavg())}")


# -- one size, in a process of its own ---------------------------------------------------


class Sampler:
    """The resident memory of this process and every process under it, read from /proc
    every ``every`` seconds in a thread: the most in use at once, and the most each
    process used (a large book's layouts run in processes of their own)."""

    def __init__(self, every: float = 0.2) -> None:
        import threading

        self.every = every
        self.at_once = 0.0
        self.each: dict[int, tuple[str, float]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            self.sample()

    def sample(self) -> None:
        children: dict[int, list[int]] = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                except OSError:
                    continue
                parent = int(stat.rsplit(")", 1)[1].split()[1])
                children.setdefault(parent, []).append(int(entry.name))
        total, queue = 0.0, [os.getpid()]
        while queue:
            pid = queue.pop()
            queue += children.get(pid, [])
            try:
                status = Path(f"/proc/{pid}/status").read_text()
                command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            rss = next((line for line in status.splitlines() if line.startswith("VmRSS:")), "")
            mb = int(rss.split()[1]) / 1024 if rss else 0.0
            total += mb
            name = command[-2].decode(errors="replace") if len(command) > 1 else "?"
            if mb > self.each.get(pid, ("", 0.0))[1]:
                self.each[pid] = (Path(name).name, mb)
        self.at_once = max(self.at_once, total)


def one(size: int, which: str) -> None:
    """Typeset ``size`` generated concepts; print seconds, pages and peak MB as JSON."""
    from generate import generate

    import glossary

    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        os.environ["GLOSSARY_CACHE_DIR"] = str(work / "cache")
        generate(work / "terms", size)
        g = glossary.load(work / "terms")
        # The peak of this process before the PDF is finished: what it holds while a
        # layout runs in a process of its own.
        import glossary.pdf.compact as compact

        finish = compact.finish
        held: list[float] = []

        def measured(*args: object, **kwargs: object) -> bytes:
            held.append(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
            return finish(*args, **kwargs)  # type: ignore[arg-type]

        compact.finish = measured  # type: ignore[assignment]
        start = time.perf_counter()
        with Sampler() as sampler:
            data = weasyprint_baseline(g) if which == "baseline" else _build(g)
        seconds = time.perf_counter() - start
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    layouts = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    # The most in use at once: this process at its peak, or what it held while the
    # largest layout ran apart, with that layout, or the most the processes held at once
    # as sampled.
    at_once = max(own, (held[0] if held else own) + layouts, sampler.at_once)
    result = {"seconds": seconds, "pages": _pages(data), "mb": at_once, "bytes": len(data)}
    result.update(own_mb=own, layout_mb=layouts, sampled_at_once_mb=sampler.at_once)
    # the most each layout process held (sampled), by its section's folder
    result["processes_mb"] = sorted(
        (round(mb), name) for pid, (name, mb) in sampler.each.items() if pid != os.getpid()
    )
    print(json.dumps(result))


def _build(g: object) -> bytes:
    from glossary.pdf import build_pdf

    return build_pdf(g)  # type: ignore[arg-type]


def weasyprint_baseline(g: object) -> bytes:
    """The entries of both parts and the index as plain HTML in one column, without page
    numbers, typeset by WeasyPrint with the same fonts."""
    import weasyprint

    from glossary.pdf import find_fonts
    from glossary.pdf.book import Builder

    book = Builder(g, {}).book()  # type: ignore[arg-type]
    e = html.escape
    out = ["<html lang='fi'><head><meta charset='utf-8'><style>"]
    for name, path in find_fonts().items():
        family = "DejaVu Sans" if "Sans" in name else "DejaVu Serif"
        weight = "bold" if "Bold" in name else "normal"
        style = "italic" if "Italic" in name or "Oblique" in name else "normal"
        out.append(
            f"@font-face{{font-family:'{family}';font-weight:{weight};font-style:{style};src:url('{path.as_uri()}')}}"
        )
    out.append(
        "@page{size:A4;margin:20mm 15mm 18mm 15mm}html{font:8.6pt/1.28 'DejaVu Serif'}"
        "p{margin:0}.h{font:bold 9.6pt 'DejaVu Sans'}.e{margin-bottom:1.6mm}</style></head><body>"
    )

    def term(t: object) -> str:
        text = e(t.text)  # type: ignore[attr-defined]
        return f"<s>{text}</s>" if t.status in ("deprecated", "superseded") else text  # type: ignore[attr-defined]

    for part in book.parts:
        out.append(f"<h1>{e(part.title[0][1])} → {e(part.title[1][1])}</h1>")
        for group in part.letters:
            out.append(f"<h2>{e(group.letter)}</h2>")
            for item in group.items:
                if item.kind == "see":
                    out.append(f"<p><b>{term(item.headword)}</b> → {e(item.target.text)}</p>")
                    continue
                head = f"{term(item.headword)} <i>{e(item.headword.marks)}</i>"
                out.append(f"<div class=e lang='{part.source}'><p class=h>{head}</p>")
                for eq in item.equivalents:
                    out.append(
                        f"<p lang='{eq.lang}'>{eq.lang.upper()} "
                        + "; ".join(term(t) for t in eq.terms)
                        + "</p>"
                    )
                for text in (item.definition, item.context, item.note):
                    if text:
                        out.append(f"<p>{e(text)}</p>")
                if item.related:
                    out.append("<p>→ " + ", ".join(e(r.text) for r in item.related) + "</p>")
                out.append("</div>")
    for index in book.indexes:
        for group in index.letters:
            out.append(f"<h2>{e(group.letter)}</h2>")
            for line in group.lines:
                out.append(
                    f"<p><b>{term(line.term)}</b> "
                    + "; ".join(e(r.text) for r in line.refs)
                    + "</p>"
                )
    out.append("</body></html>")
    data = weasyprint.HTML(string="".join(out)).write_pdf()
    assert data is not None
    return bytes(data)


def measure(size: int, which: str) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, __file__, "--one", str(size), "--which", which],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"{size} concepts ({which}) failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000, 5000, 10000])
    parser.add_argument(
        "--baseline-up-to",
        type=int,
        default=1000,
        metavar="N",
        help="WeasyPrint only up to N concepts (it needs minutes and gigabytes beyond)",
    )
    parser.add_argument("--no-bundled", action="store_true", help="skip the bundled glossary")
    parser.add_argument("--repeat", type=int, default=3, help="runs of the bundled glossary")
    parser.add_argument("--stages", action="store_true", help="time each stage of one build")
    parser.add_argument(
        "--no-cache", action="store_true", help="with --stages: a first build (no pages kept)"
    )
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--which", default="typst", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        one(args.one, args.which)
        return
    if args.stages:
        stages(cache=not args.no_cache)
        return
    if not args.no_bundled:
        bundled(args.repeat)
    if not args.sizes:
        return
    try:
        import weasyprint  # noqa: F401

        baseline = True
    except (ImportError, OSError):
        baseline = False
    header = ("concepts", "pages", "seconds", "s/100", "peak MB", "kB", "WP s", "WP MB", "WP/us")
    print("\n" + " ".join(f"{h:>8}" for h in header))
    for size in args.sizes:
        typst = measure(size, "typst")
        base = measure(size, "baseline") if baseline and size <= args.baseline_up_to else None
        row = [f"{size:,}", f"{typst['pages']:.0f}", f"{typst['seconds']:.1f}"]
        row += [f"{typst['seconds'] / size * 100:.2f}", f"{typst['mb']:.0f}"]
        row += [f"{typst['bytes'] / 1000:.0f}"]
        if base is not None:
            row += [f"{base['seconds']:.1f}", f"{base['mb']:.0f}"]
            row += [f"{base['seconds'] / typst['seconds']:.1f}"]
        print(" ".join(f"{cell:>8}" for cell in row), flush=True)
        print(
            f"  this process {typst['own_mb']:.0f} MB, largest layout process"
            f" {typst['layout_mb']:.0f} MB, at once (sampled every 0.2 s)"
            f" {typst['sampled_at_once_mb']:.0f} MB; each layout process (MB, section):"
            f" {typst['processes_mb']}; load average"
            f" {' '.join(f'{n:.2f}' for n in os.getloadavg())}",
            flush=True,
        )


if __name__ == "__main__":
    main()
