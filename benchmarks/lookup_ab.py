"""Warm lookup, before and after a change, on the same index and the same queries.

    python benchmarks/lookup_ab.py --dir GENERATED --cache DIR --before CHECKOUT
                                   [--queries 400] [--rounds 3]

Two child processes open the same stored index of the generated glossary (build it
first with ``benchmarks/lookup.py --dir GENERATED --cache DIR``; the index format must
be the same in both): one runs the code of this checkout, the other the code of
``CHECKOUT`` (another worktree or clone, for instance at ``main``). They answer the same
queries (those of ``benchmarks/lookup.py``) one query at a time, in turn, the order
swapped at every query, so that a machine whose speed drifts slows both alike. Each
child times its own ``lookup_index`` calls; the parent prints p50 and p95 per round.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from lookup import percentile, queries  # noqa: E402

CHILD = """
import json, sys, time
sys.path.insert(0, {checkout!r})
from glossary.search import lookup_index, open_index
index = open_index({root!r})
print(json.dumps(__import__("glossary").__file__), flush=True)
for line in sys.stdin:
    query = json.loads(line)
    start = time.perf_counter()
    lookup_index(index, query, limit=10)
    print((time.perf_counter() - start) * 1000, flush=True)
"""


def start(checkout: Path, root: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD.format(checkout=str(checkout), root=str(root))],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=checkout,
    )
    assert child.stdout is not None
    print(f"{checkout}: {json.loads(child.stdout.readline())}")
    return child


def ask(child: subprocess.Popen[str], query: str) -> float:
    assert child.stdin is not None and child.stdout is not None
    child.stdin.write(json.dumps(query) + "\n")
    child.stdin.flush()
    return float(child.stdout.readline())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dir", type=Path, required=True, help="the generated glossary")
    parser.add_argument("--cache", type=Path, required=True, help="where its index is kept")
    parser.add_argument("--before", type=Path, required=True, help="checkout of the old code")
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    env = {**os.environ, "GLOSSARY_CACHE_DIR": str(args.cache), "PYTHONPATH": ""}
    after = start(HERE.parent, args.dir, env)
    before = start(args.before.resolve(), args.dir, env)
    os.environ["GLOSSARY_CACHE_DIR"] = str(args.cache)
    sys.path.insert(0, str(HERE.parent))
    from glossary.search import open_index

    index = open_index(args.dir)
    rows = list(index.db.execute("SELECT t.text, c.id FROM term t JOIN concept c ON c.cid = t.cid"))
    sample = [query for _, query, _ in queries(rows, args.queries)]
    for query in sample[:20]:  # warm both up
        ask(after, query)
        ask(before, query)
    print("| round | before p50 / p95 (ms) | after p50 / p95 (ms) | change |")
    print("|---|---|---|---|")
    for number in range(1, args.rounds + 1):
        old: list[float] = []
        new: list[float] = []
        for i, query in enumerate(sample):
            if i % 2:
                old.append(ask(before, query))
                new.append(ask(after, query))
            else:
                new.append(ask(after, query))
                old.append(ask(before, query))
        o50, o95 = statistics.median(old), percentile(old, 0.95)
        n50, n95 = statistics.median(new), percentile(new, 0.95)
        print(
            f"| {number} | {o50:.2f} / {o95:.2f} | {n50:.2f} / {n95:.2f} "
            f"| {n50 / o50 - 1:+.0%} / {n95 / o95 - 1:+.0%} |"
        )
    for child in (after, before):
        assert child.stdin is not None
        child.stdin.close()
        child.wait()


if __name__ == "__main__":
    main()
