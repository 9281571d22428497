"""Cold and warm ``glossary validate`` on 10,000 generated concept files.

    python benchmarks/validate.py [-n 10000] [--runs 3]

Baseline, measured in the same run: reading and parsing the same files with PyYAML's
libyaml loader and nothing else (the least any YAML linter must do). Reported: whole-process
wall time of the command, cold (empty cache) and warm (nothing changed; and one file
changed), as seconds and as ratios to the baseline.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate


def baseline(root: Path) -> float:
    start = time.perf_counter()
    for path in sorted(root.rglob("*.yaml")):
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    return time.perf_counter() - start


def command(root: Path, cache: Path) -> float:
    env = {**os.environ, "GLOSSARY_CACHE_DIR": str(cache)}
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "glossary", "validate", str(root)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", "--concepts", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = generate(Path(tmp) / "terms", args.concepts)
        files = len(list(root.rglob("*.yaml")))
        size = sum(p.stat().st_size for p in root.rglob("*.yaml")) / 1e6
        base = statistics.median(baseline(root) for _ in range(args.runs))
        cold, warm, one = [], [], []
        for run in range(args.runs):
            cache = Path(tmp) / f"cache-{run}"
            cold.append(command(root, cache))
            warm.append(command(root, cache))
            changed = next(root.rglob("*.yaml"))
            changed.write_text(
                changed.read_text(encoding="utf-8").replace("status:", "status:", 1) + "\n",
                encoding="utf-8",
            )
            one.append(command(root, cache))
        print(f"{files} files, {size:.1f} MB; median of {args.runs} runs")
        print(f"baseline (libyaml parse only, in process): {base:.2f} s")
        for label, times in (("cold", cold), ("warm", warm), ("warm, one file changed", one)):
            median = statistics.median(times)
            print(f"glossary validate {label}: {median:.2f} s  ({median / base:.2f} x baseline)")


if __name__ == "__main__":
    main()
