"""Whether a command stays linear: the same command on inputs of N and 10·N, in one run.

    python benchmarks/linear.py [--sizes 2000 20000] [--repeat 3] [COMMAND ...]

Each COMMAND (default: all of them) is a function below that writes an input of a given
size into an empty folder and returns the arguments of one ``glossary`` command. The
command runs in a fresh process for each size; its time is measured inside that process
around the command alone (not Python's start-up nor imports), the best of ``--repeat``
runs. The script prints both times and their ratio and exits 1 when the larger input
takes more than 1.2 times its size ratio (10× the input: at most 12× the time), the
limit the hostile-input issue set.

The inputs are the worst cases found by fuzzing: for ``import-csv`` and ``import-tbx``,
every row or entry named by the same term, so that every id must be numbered
(``course``, ``course-2`` …). To add a command, write a function ``(size, folder) ->
argv`` and add it to ``COMMANDS``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

#: The largest time ratio accepted, as a multiple of the size ratio.
SLACK = 1.2

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


# -- the commands ---------------------------------------------------------------------------


def import_csv(size: int, folder: Path) -> list[str]:
    """``glossary import`` of a partner's CSV of ``size`` rows, all named "course"."""
    source = folder / "same.csv"
    lines = ["id,fi,ru,en,definition en"]
    lines += [f",kurssi {n},курс {n},course,A unit of study number {n}." for n in range(size)]
    source.write_text("\n".join(lines) + "\n", "utf-8")
    return ["import", str(source), "--into", str(folder / "terms")]


def import_tbx(size: int, folder: Path) -> list[str]:
    """``glossary import`` of a TBX file of ``size`` entries without ids, one term each."""
    source = folder / "same.tbx"
    entries = "".join(
        "<termEntry>"
        f'<langSet xml:lang="en"><tig><term>course</term></tig></langSet>'
        f'<langSet xml:lang="fi"><tig><term>kurssi {n}</term></tig></langSet>'
        "</termEntry>\n"
        for n in range(size)
    )
    source.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<martif type="TBX" xml:lang="en">'
        f"<martifHeader><fileDesc><sourceDesc><p>bench</p></sourceDesc></fileDesc>"
        f"</martifHeader><text><body>\n{entries}</body></text></martif>\n",
        "utf-8",
    )
    return ["import", str(source), "--into", str(folder / "terms")]


COMMANDS: dict[str, Callable[[int, Path], list[str]]] = {
    "import-csv": import_csv,
    "import-tbx": import_tbx,
}


# -- measuring --------------------------------------------------------------------------------


def timed(command: Callable[[int, Path], list[str]], size: int, repeat: int) -> float:
    """The best time of ``repeat`` runs, each in a fresh folder and a fresh process."""
    best = float("inf")
    for _ in range(repeat):
        with tempfile.TemporaryDirectory(prefix="linear-") as tmp:
            folder = Path(tmp)
            argv = command(size, folder)
            result_file = folder / "elapsed"
            subprocess.run(
                [sys.executable, "-c", _CHILD, str(result_file), *argv],
                check=True,
                env={**__import__("os").environ, "GLOSSARY_NO_CACHE": "1"},
            )
            best = min(best, float(result_file.read_text()))
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("commands", nargs="*", metavar="COMMAND", choices=[*COMMANDS, []])
    parser.add_argument("--sizes", nargs=2, type=int, default=[2000, 20000], metavar=("N", "M"))
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args(argv)
    small, large = args.sizes
    failed = False
    print(f"{'command':<12} {small:>9,} {large:>9,}   size ×   time ×   limit ×")
    for name in args.commands or COMMANDS:
        first = timed(COMMANDS[name], small, args.repeat)
        second = timed(COMMANDS[name], large, args.repeat)
        size_ratio, time_ratio = large / small, second / first
        ok = time_ratio <= SLACK * size_ratio
        failed = failed or not ok
        print(
            f"{name:<12} {first:>8.2f}s {second:>8.2f}s {size_ratio:>8.1f} {time_ratio:>8.1f}"
            f" {SLACK * size_ratio:>9.1f}  {'ok' if ok else 'NOT LINEAR'}",
            flush=True,
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
