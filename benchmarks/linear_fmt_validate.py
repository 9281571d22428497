"""``glossary validate`` and ``glossary fmt --check`` on N and 10·N concepts, in one run.

    python benchmarks/linear_fmt_validate.py [-n 500] [--repeat 2] [--shape files|documents]

Glossaries of N and 10·N generated concepts (``generate.py``: terms, definitions,
grammar), each concept with a comment on its ``id`` line and one on its own line, so
that ``fmt`` has comments to carry over. Two shapes: ``files``, one concept per file, and
``documents``, files of 1,000 concepts as YAML documents (1.5 MB each). Each command
runs in a fresh process without the cache; its time is measured inside that process
around the command alone (not Python's start-up), the best of ``--repeat`` runs. Printed:
both times and the ratio of the larger to the smaller, which the hostile-input issue
requires to stay at most 12 for 10 times the input. Exits 1 if a ratio is over 12.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

#: 10 times the input may take at most this many times as long.
LIMIT = 12.0

_CHILD = """
import contextlib, io, sys, time
from glossary.cli import app
out = io.StringIO()
start = time.perf_counter()
with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
    try:
        app(sys.argv[2:], prog_name="glossary")
    except SystemExit:
        pass
elapsed = time.perf_counter() - start
with open(sys.argv[1], "w") as fp:
    fp.write(repr(elapsed))
"""

COMMANDS = {
    "validate": lambda root: ["validate", str(root)],
    "fmt --check": lambda root: ["fmt", "--check", str(root)],
}


def glossary(size: int, folder: Path, shape: str) -> Path:
    """``size`` concepts in ``folder``, with comments on every concept."""
    root = generate(folder / "terms", size, per_file=1 if shape == "files" else 1000)
    for path in root.rglob("*.yaml"):
        text = path.read_text("utf-8")
        text = text.replace("\nlanguages:\n", "\n# the languages\nlanguages:\n")
        text = re.sub(r"^(id: .*)$", r"\1  # its id", text, flags=re.MULTILINE)
        path.write_text(text, "utf-8")
    return root


def timed(argv: list[str], folder: Path, repeat: int) -> float:
    env = {**os.environ, "GLOSSARY_NO_CACHE": "1"}
    best = float("inf")
    for _ in range(repeat):
        result = folder / "elapsed.txt"
        subprocess.run([sys.executable, "-c", _CHILD, str(result), *argv], env=env, check=True)
        best = min(best, float(result.read_text()))
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", "--concepts", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--shape", choices=("files", "documents"), action="append")
    args = parser.parse_args()
    sizes = (args.concepts, 10 * args.concepts)
    failed = False
    print(f"{'shape':10} {'command':12} {sizes[0]:>8,} {sizes[1]:>8,}  ratio")
    for shape in args.shape or ("files", "documents"):
        with tempfile.TemporaryDirectory() as tmp:
            roots = []
            for size in sizes:
                folder = Path(tmp) / str(size)
                folder.mkdir()
                roots.append((glossary(size, folder, shape), folder))
            for name, argv in COMMANDS.items():
                small, large = (timed(argv(root), folder, args.repeat) for root, folder in roots)
                ratio = large / small
                failed |= ratio > LIMIT
                flag = "" if ratio <= LIMIT else f"  over {LIMIT:g}"
                print(f"{shape:10} {name:12} {small:7.2f}s {large:7.2f}s  {ratio:5.1f}{flag}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
