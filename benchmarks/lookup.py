"""Lookup at scale: 100,000 generated concepts, about 1,000,000 terms.

    python benchmarks/lookup.py [--concepts 100000] [--queries 300] [--baseline-queries 40]
                                [--dir GENERATED] [--cache DIR]

Reports, in one run:

- index build time, index size and the builder's peak memory (a child process);
- warm library lookups, p50 and p95, against the baseline measured in the same process:
  rapidfuzz's brute-force ``process.extract`` over all terms with ``fuzz.ratio`` and
  ``utils.default_process`` (the fastest brute force), on the same queries;
- whether the intended concept is in the top 10, for both;
- cold ``glossary lookup`` as a whole process (median), and the peak memory of a process
  that opens the index and answers queries.

Queries are made from random terms of the glossary: the term itself, a prefix, a term
with one typo, and a Latin transliteration of a Cyrillic term.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate


def child(code: str, env: dict[str, str]) -> tuple[float, float, str]:
    """Run Python code in a child process: (wall seconds, peak MiB, stdout)."""
    script = (
        "import resource, sys\n"
        + code
        + "\nprint('PEAK', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    wall = time.perf_counter() - start
    peak = next(
        int(line.split()[1]) for line in done.stdout.splitlines() if line.startswith("PEAK")
    )
    return wall, peak / 1024, done.stdout


def typo(rng: random.Random, text: str) -> str:
    if len(text) < 5:
        return text
    i = rng.randrange(1, len(text) - 1)
    kind = rng.choice(("drop", "swap", "replace"))
    if kind == "drop":
        return text[:i] + text[i + 1 :]
    if kind == "swap":
        return text[: i - 1] + text[i] + text[i - 1] + text[i + 1 :]
    return text[:i] + rng.choice("aeiouklmnst") + text[i + 1 :]


def queries(rows: list[tuple[str, str]], count: int, seed: int = 7) -> list[tuple[str, str, str]]:
    """(kind, query, concept id) made from random terms."""
    import iuliia

    rng = random.Random(seed)
    out = []
    kinds = ("exact", "prefix", "typo", "translit")
    while len(out) < count:
        text, concept_id = rng.choice(rows)
        kind = kinds[len(out) % len(kinds)]
        if kind == "exact":
            query = text
        elif kind == "prefix":
            query = text[: max(4, int(len(text) * 0.7))]
        elif kind == "typo":
            query = typo(rng, text)
        else:
            if not any("а" <= c <= "я" for c in text):
                continue
            query = iuliia.BS_2979.translate(text)
        out.append((kind, query, concept_id))
    return out


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--concepts", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--baseline-queries", type=int, default=40)
    parser.add_argument("--dir", type=Path, help="reuse a generated glossary")
    parser.add_argument(
        "--cache",
        type=Path,
        help="cache folder to keep (and reuse) the index in; the build is then timed only "
        "when the folder has no index of the glossary yet",
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        root = args.dir or generate(Path(tmp) / "terms", args.concepts, per_file=1000)
        cache = args.cache or Path(tmp) / "cache"
        env = {**os.environ, "GLOSSARY_CACHE_DIR": str(cache)}
        os.environ["GLOSSARY_CACHE_DIR"] = env["GLOSSARY_CACHE_DIR"]

        from glossary.search.store import index_path

        reused = index_path(root).exists()
        build_s, build_mib, _ = child(
            f"from glossary.search.store import index_for_source\nindex_for_source({str(root)!r})",
            env,
        )
        from glossary.search import lookup_index, open_index

        size_mb = index_path(root).stat().st_size / 1e6
        index = open_index(root)
        rows = list(
            index.db.execute("SELECT t.text, c.id FROM term t JOIN concept c ON c.cid = t.cid")
        )
        terms = [text for text, _ in rows]
        concepts = index.db.execute("SELECT count(*) FROM concept").fetchone()[0]
        print(f"{concepts} concepts, {len(terms)} terms")
        if reused:
            print(f"index reused from {cache}: {size_mb:.0f} MB on disk")
        else:
            print(
                f"index build: {build_s:.1f} s (whole process, reading the YAML included), "
                f"{size_mb:.0f} MB on disk, peak {build_mib:.0f} MiB"
            )

        sample = queries(rows, args.queries)
        by_kind: dict[str, list[float]] = {}
        found: dict[str, list[bool]] = {}
        for kind, query, concept_id in sample:
            start = time.perf_counter()
            matches = lookup_index(index, query, limit=10)
            elapsed = (time.perf_counter() - start) * 1000
            by_kind.setdefault(kind, []).append(elapsed)
            found.setdefault(kind, []).append(any(m.concept_id == concept_id for m in matches))
        everything = [t for times in by_kind.values() for t in times]

        from rapidfuzz import fuzz, process, utils

        base_times, base_found = [], []
        for _kind, query, concept_id in sample[: args.baseline_queries]:
            start = time.perf_counter()
            best = process.extract(
                query, terms, scorer=fuzz.ratio, processor=utils.default_process, limit=10
            )
            base_times.append((time.perf_counter() - start) * 1000)
            base_found.append(any(rows[i][1] == concept_id for _, _, i in best))
        base_p50 = statistics.median(base_times)

        p50, p95 = statistics.median(everything), percentile(everything, 0.95)
        print(
            f"warm library lookups ({len(everything)} queries): p50 {p50:.2f} ms, p95 {p95:.2f} ms"
        )
        for kind, times in by_kind.items():
            share = sum(found[kind]) / len(found[kind])
            print(
                f"  {kind:9} p50 {statistics.median(times):7.2f} ms"
                f"  p95 {percentile(times, 0.95):7.2f} ms  intended concept in top 10: {share:.0%}"
            )
        print(
            f"baseline brute-force fuzz.ratio ({len(base_times)} queries): p50 {base_p50:.1f} ms, "
            f"p95 {percentile(base_times, 0.95):.1f} ms, intended concept in top 10: "
            f"{sum(base_found) / len(base_found):.0%}"
        )
        print(f"ratio p50 / baseline p50: 1/{base_p50 / p50:.0f}")

        cold = []
        for _kind, query, _ in sample[:10]:
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "glossary", "lookup", "-g", str(root), query],
                env=env,
                capture_output=True,
                check=False,
            )
            cold.append(time.perf_counter() - start)
        print(
            "cold `glossary lookup` (whole process, index built): "
            f"median {statistics.median(cold) * 1000:.0f} ms over {len(cold)} runs"
        )

        probe = "\n".join(
            [
                "from glossary.search import lookup_index, open_index",
                f"index = open_index({str(root)!r})",
            ]
            + [f"lookup_index(index, {q!r})" for _, q, _ in sample[:100]]
        )
        _, peak, _ = child(probe, env)
        print(f"peak memory of a process answering 100 queries: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
