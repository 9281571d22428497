"""Whether a command stays linear: the same command on inputs of N and 10·N, in one run.

    python benchmarks/linear.py [--sizes 2000 20000] [--repeat 3] [COMMAND ...]

Each COMMAND (default: all of them) is a function below that writes an input of a given
size into an empty folder and returns the arguments of one ``glossary`` command. The
command runs in a fresh process for each size; its time is measured inside that process
around the command alone (not Python's start-up nor imports), the best of ``--repeat``
runs, as wall-clock and as CPU time. The script prints both and their ratios, and exits
1 when the larger input takes more than 1.2 times its size ratio of CPU time (10× the
input: at most 12× the time), the limit the hostile-input issue set. CPU time is the
judge because other work on a shared machine (and the disk's sync) inflates the wall
clock of either size at random.

The inputs are the worst cases found by fuzzing: for ``import-csv`` and ``import-tbx``,
every row or entry named by the same term, so that every id must be numbered
(``course``, ``course-2`` …). To add a command, write a function ``(size, folder) ->
argv`` and add it to ``COMMANDS``.
"""

from __future__ import annotations

import argparse
import os
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
start, cpu = time.perf_counter(), time.process_time()
with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
    try:
        app(sys.argv[2:], prog_name="glossary")
    except SystemExit:
        pass
with open(sys.argv[1], "w") as fp:
    fp.write(f"{time.perf_counter() - start} {time.process_time() - cpu}")
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


def lookup_long(size: int, folder: Path) -> list[str]:
    """``glossary lookup --batch`` of four hostile queries of about ``size`` words each on
    the bundled glossary: a long word before a web address, web addresses joined by
    hyphens, parentheses of initials, and an unclosed parenthesis after many words."""
    source = folder / "queries.txt"
    lines = [
        "a" * (10 * size) + ".fi-palvelu",
        "x.fi-palvelu " * size,
        "vocational education and training (VET) " * (size // 4),
        "a " * size + "(VETT",
    ]
    source.write_text("\n".join(lines) + "\n", "utf-8")
    return ["lookup", "--batch", str(source)]


COMMANDS: dict[str, Callable[[int, Path], list[str]]] = {
    "import-csv": import_csv,
    "import-tbx": import_tbx,
    "lookup-long": lookup_long,
}


# -- measuring --------------------------------------------------------------------------------


def timed(command: Callable[[int, Path], list[str]], size: int, repeat: int) -> tuple[float, float]:
    """The best (wall-clock, CPU) seconds of ``repeat`` runs, each in a fresh folder and
    a fresh process."""
    best = (float("inf"), float("inf"))
    for _ in range(repeat):
        with tempfile.TemporaryDirectory(prefix="linear-") as tmp:
            folder = Path(tmp)
            argv = command(size, folder)
            result_file = folder / "elapsed"
            subprocess.run(
                [sys.executable, "-c", _CHILD, str(result_file), *argv],
                check=True,
                env={**os.environ, "GLOSSARY_NO_CACHE": "1"},
            )
            wall, cpu = map(float, result_file.read_text().split())
            best = (min(best[0], wall), min(best[1], cpu))
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("commands", nargs="*", metavar="COMMAND", choices=[*COMMANDS, []])
    parser.add_argument("--sizes", nargs=2, type=int, default=[2000, 20000], metavar=("N", "M"))
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args(argv)
    small, large = args.sizes
    failed = False
    print(f"size × {large / small:.1f}; limit: time × {SLACK * large / small:.1f} (CPU)")
    print(
        f"{'command':<12} {'wall N':>8} {'wall M':>8} {'×':>6} {'CPU N':>8} {'CPU M':>8} {'×':>6}"
    )
    for name in args.commands or COMMANDS:
        (wall1, cpu1), (wall2, cpu2) = (
            timed(COMMANDS[name], small, args.repeat),
            timed(COMMANDS[name], large, args.repeat),
        )
        ok = cpu2 / cpu1 <= SLACK * large / small
        failed = failed or not ok
        print(
            f"{name:<12} {wall1:>7.2f}s {wall2:>7.2f}s {wall2 / wall1:>6.1f}"
            f" {cpu1:>7.2f}s {cpu2:>7.2f}s {cpu2 / cpu1:>6.1f}  {'ok' if ok else 'NOT LINEAR'}",
            flush=True,
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
