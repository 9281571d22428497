"""Importing a 10,000-row spreadsheet.

    python benchmarks/import.py [--rows 10000]

Two sheets of the given number of rows: a partner's sheet with one concept per row (a
column of terms per language, definitions, subject) and our own one-row-per-term export
of generated concepts. Each is imported into an empty folder by ``glossary import`` as a
whole process; the baseline, in the same run, is reading the same file's cells with
openpyxl and nothing else (the least any XLSX importer does).
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate


def partner_sheet(path: Path, rows: int) -> None:
    from openpyxl import Workbook

    random.seed(1)
    syllables_fi = ["ta", "lo", "kou", "lu", "tus", "opi", "ske", "lu", "ty", "ö", "mäki", "ko"]
    syllables_ru = ["про", "фес", "си", "о", "наль", "ное", "об", "ра", "зо", "ва", "ни", "е"]

    def word(parts: list[str]) -> str:
        return "".join(random.choice(parts) for _ in range(random.randint(2, 5)))

    book = Workbook(write_only=True)
    sheet = book.create_sheet("terms")
    sheet.append(["id", "suomi", "venäjä", "English", "Määritelmä (fi)", "определение ru", "Aihe"])
    for n in range(rows):
        sheet.append(
            [
                f"concept-{n:05d}",
                f"{word(syllables_fi)} {word(syllables_fi)}",
                f"{word(syllables_ru)} {word(syllables_ru)}; {word(syllables_ru)}",
                f"term {n}",
                " ".join(word(syllables_fi) for _ in range(12)) + ".",
                " ".join(word(syllables_ru) for _ in range(12)) + ".",
                random.choice(["vet", "e-learning", "ecvet"]),
            ]
        )
    book.save(path)


def baseline(path: Path) -> float:
    from openpyxl import load_workbook

    start = time.perf_counter()
    book = load_workbook(path, read_only=True, data_only=True)
    cells = sum(1 for row in book.worksheets[0].iter_rows(values_only=True) for _ in row)
    book.close()
    assert cells
    return time.perf_counter() - start


def command(path: Path, into: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "glossary", "import", str(path), "--into", str(into)],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()

    import glossary

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        os.environ["GLOSSARY_CACHE_DIR"] = str(work / "cache")
        partner = work / "partner.xlsx"
        partner_sheet(partner, args.rows)
        # Our own export: generated concepts, about nine terms each, cut to the row count.
        generate(work / "generated", args.rows // 9 + 1)
        ours = work / "ours.xlsx"
        glossary.export(glossary.load(work / "generated"), "xlsx", ours)

        print(f"{'sheet':<34} {'rows':>7} {'openpyxl':>9} {'import':>8} {'ratio':>6} {'files':>6}")
        for label, path in (
            ("partner sheet, a concept per row", partner),
            ("our export, a term per row", ours),
        ):
            from openpyxl import load_workbook

            book = load_workbook(path, read_only=True)
            rows = sum(1 for _ in book.worksheets[0].iter_rows()) - 1
            book.close()
            base = baseline(path)
            into = work / f"into-{path.stem}"
            seconds = command(path, into)
            files = len(list(into.glob("*.yaml")))
            ratio = seconds / base
            print(f"{label:<34} {rows:>7,} {base:>8.2f}s {seconds:>7.2f}s {ratio:>6.1f} {files:>6}")


if __name__ == "__main__":
    main()
