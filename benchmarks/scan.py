"""``glossary scan`` on 1,000,000 words of real-like text, against the pipeline a user
writes today: ``lookup`` on every 1-4-word span.

    python benchmarks/scan.py [--words 1000000] [--baseline-words 1000] [--generated N]
    python benchmarks/scan.py --dir GENERATED [--cache DIR]

The text is the sentences of the gold documents (tests/data/documents/, Finnish and
Russian apart), shuffled with a fixed seed and repeated until it has ``--words`` words.
In one process, for each language:

- the scanner's table: it reads the lookup index word by word as a text asks, so its
  cost is in the first scan; a scan of a short text (one paragraph) in a fresh table is
  timed to show what a process pays to start;
- the scan: words per second over the whole text (matches with their equivalents made,
  no output printed);
- the baseline in the same run: :func:`glossary.search.find` on every span of 1 to 4
  words of the first ``--baseline-words`` words (the spans a user's script would try),
  as words per second; the ratio is scan / baseline;
- peak memory (ru_maxrss) of the process at the end.

Times are CPU seconds of this process (``time.process_time``), so that other work on a
shared machine does not count; the machine's load average is printed with them.

``--generated N`` also scans the same text against N generated concepts
(benchmarks/generate.py), built into a temporary cache.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

GOLD = ROOT / "tests" / "data" / "documents"
_SENTENCE = re.compile(r"(?<=[.!?:;])\s+|\n\s*\n")


def corpus(lang: str, words: int, seed: int = 14) -> str:
    """Sentences of the gold documents in ``lang``, shuffled and repeated."""
    sentences: list[str] = []
    for path in sorted(GOLD.glob(f"{lang}-*.txt")):
        text = path.read_text(encoding="utf-8")
        sentences += [s.strip() for s in _SENTENCE.split(text) if s.strip()]
    rng = random.Random(seed)
    out: list[str] = []
    count = 0
    while count < words:
        rng.shuffle(sentences)
        for sentence in sentences:
            out.append(sentence)
            count += len(sentence.split())
            if count >= words:
                break
    # Paragraphs of about ten sentences, as documents have.
    return "\n\n".join(" ".join(out[i : i + 10]) for i in range(0, len(out), 10))


def baseline(index, text: str, lang: str, words: int) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    """Seconds of ``find`` on every 1-4-word span of the first ``words`` words, and the
    number of spans tried."""
    from glossary.search import find

    tokens = text.split()[:words]
    spans = 0
    started = time.process_time()
    for i in range(len(tokens)):
        for n in range(1, 5):
            if i + n > len(tokens):
                break
            find(index, " ".join(tokens[i : i + n]), lang=lang, limit=3)
            spans += 1
    return time.process_time() - started, spans


def measure(label: str, index, texts: dict[str, str], baseline_words: int) -> None:  # type: ignore[no-untyped-def]
    from glossary.documents import scan
    from glossary.documents.scan import Table

    print(f"{label}:")
    for lang, text in texts.items():
        words = len(text.split())
        paragraph = text[: text.index("\n\n")]
        started = time.process_time()
        scan(Table(index), paragraph, lang)
        first = time.process_time() - started
        table = Table(index)  # fresh: the scan below pays for reading the index
        started = time.process_time()
        found = scan(table, text, lang)
        seconds = time.process_time() - started
        rate = words / seconds
        base_seconds, spans = baseline(index, text, lang, baseline_words)
        base_rate = baseline_words / base_seconds
        print(
            f"  {lang}: a paragraph of {len(paragraph.split())} words in a fresh table: "
            f"{first * 1000:.0f} ms; {words:,} words, {len(found):,} matches in "
            f"{seconds:.2f} s = {rate:,.0f} words/s; baseline (lookup on {spans:,} spans of "
            f"1-4 words over {baseline_words:,} words) {base_rate:,.0f} words/s; "
            f"ratio {rate / base_rate:,.0f}x"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, default=1_000_000)
    parser.add_argument("--baseline-words", type=int, default=1000)
    parser.add_argument("--generated", type=int, default=0, metavar="N")
    parser.add_argument(
        "--dir",
        type=Path,
        help="a glossary made by benchmarks/generate.py, scanned instead of the bundled one "
        "(its index is built into --cache, or the usual cache folder, when missing)",
    )
    parser.add_argument("--cache", type=Path, help="the cache folder for --dir's index")
    args = parser.parse_args()

    from glossary.search import open_index

    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; times are CPU seconds")
    texts = {lang: corpus(lang, args.words) for lang in ("fi", "ru")}
    if args.dir:
        if args.cache:
            os.environ["GLOSSARY_CACHE_DIR"] = str(args.cache)
        started = time.process_time()
        index = open_index(args.dir)
        print(f"{args.dir}: index opened (or built) in {time.process_time() - started:.1f} s")
        print(f"  peak memory so far: {_peak():,.0f} MiB", flush=True)
        measure(str(args.dir), index, texts, args.baseline_words)
        print(f"peak memory of the process: {_peak():,.0f} MiB")
        return
    measure("bundled glossary", open_index(ROOT / "terms"), texts, args.baseline_words)
    print(f"peak memory so far: {_peak():,.0f} MiB")
    if args.generated:
        from generate import generate

        with tempfile.TemporaryDirectory() as tmp:
            os.environ["GLOSSARY_CACHE_DIR"] = str(Path(tmp) / "cache")
            root = generate(Path(tmp) / "terms", args.generated, per_file=1000)
            started = time.process_time()
            index = open_index(root)
            print(
                f"generated glossary of {args.generated:,} concepts: index built in "
                f"{time.process_time() - started:.0f} s"
            )
            measure(f"{args.generated:,} generated concepts", index, texts, args.baseline_words)
    print(f"peak memory of the process: {_peak():,.0f} MiB")


def _peak() -> float:
    """Peak resident memory of this process so far, MiB (ru_maxrss is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    main()
