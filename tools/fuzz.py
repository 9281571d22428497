"""A long fuzzing campaign with the properties of tests/test_fuzz.py.

    python tools/fuzz.py --minutes 10                 # every reader, 10 minutes each
    python tools/fuzz.py --minutes 60 --reader tbx    # one reader for an hour

Each round runs a few hundred new random cases of one property; rounds repeat until the
reader's time is up. A failure prints Hypothesis's smallest failing case and the round
goes on with the next reader; the exit code is 1 if anything failed. The figures (cases
run per reader, failures) are printed at the end.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROPERTIES = {
    "yaml": "test_yaml_reader",
    "fmt": "test_fmt_keeps_comments_and_values",
    "toml": "test_toml_reader",
    "tbx": "test_tbx_reader",
    "multiterm": "test_multiterm_reader",
    "csv": "test_csv_reader_and_round_trip",
    "xlsx": "test_xlsx_reader",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10, help="per reader (default 10)")
    parser.add_argument("--reader", choices=sorted(PROPERTIES), action="append")
    parser.add_argument("--round", type=int, default=500, help="cases per round")
    args = parser.parse_args(argv)

    os.environ["GLOSSARY_FUZZ_EXAMPLES"] = str(args.round)
    sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]
    import test_fuzz

    failures: dict[str, int] = {}
    for reader in args.reader or list(PROPERTIES):
        prop = getattr(test_fuzz, PROPERTIES[reader])
        end = time.monotonic() + args.minutes * 60
        started = time.monotonic()
        while time.monotonic() < end:
            try:
                prop()
            except Exception:
                failures[reader] = failures.get(reader, 0) + 1
                traceback.print_exc()
                break
        seconds = time.monotonic() - started
        count = test_fuzz.COUNTS.get(reader, 0)
        print(
            f"{reader}: {count} cases in {seconds:.0f} s, {failures.get(reader, 0)} failures",
            flush=True,
        )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
