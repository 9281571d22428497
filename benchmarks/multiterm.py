"""Reading a MultiTerm XML export: cost over parsing alone, and growth with its size.

    python benchmarks/multiterm.py [--entries 5000]

A generated export in UTF-16, as MultiTerm writes it: per entry a status, two change
records, a subject, three languages with a definition and its source, and two terms with
a status, a part of speech and their own change records (about 60 elements). The
baseline, in the same process, is lxml parsing the same bytes with the reader's parser
and nothing else. Printed: the reader's time over the baseline at N entries, and the
reader's time at 10·N over its time at N (linear is about 10).
"""

from __future__ import annotations

import argparse
import io
import time

from lxml import etree

from glossary.sources.multiterm import read_multiterm
from glossary.sources.xmlread import make_parser

_CHANGE = (
    '<transacGrp><transac type="origination">anna</transac><date>2024-03-01T10:12:00</date>'
    '</transacGrp><transacGrp><transac type="modification">mikko</transac>'
    "<date>2024-05-14T09:30:11</date></transacGrp>"
)


def export(entries: int) -> bytes:
    parts = ["<?xml version='1.0' encoding='UTF-16' ?><mtf>"]
    for n in range(entries):
        languages = "".join(
            f'<languageGrp><language type="{name}" lang="{code}"/>'
            f"<descripGrp><descrip type='Definition'>Definition {n} in {name}, of some length "
            f"to be read.</descrip><descripGrp><descrip type='Source'>Act {n}/2017</descrip>"
            "</descripGrp></descripGrp>"
            f"<termGrp><term>{code.lower()} term {n}</term>{_CHANGE}"
            "<descripGrp><descrip type='Status'>Preferred</descrip></descripGrp>"
            "<descripGrp><descrip type='Part of Speech'>Noun</descrip></descripGrp></termGrp>"
            f"<termGrp><term>{code.lower()} variant {n}</term>"
            "<descripGrp><descrip type='Status'>Forbidden</descrip></descripGrp></termGrp>"
            "</languageGrp>"
            for name, code in (("Finnish", "FI"), ("Russian", "RU-RU"), ("English", "EN-GB"))
        )
        parts.append(
            f'<conceptGrp><concept>{n + 1}</concept><system type="status">approved</system>'
            f"{_CHANGE}<descripGrp><descrip type='Subject'>Vocational education</descrip>"
            f"</descripGrp>{languages}</conceptGrp>"
        )
    parts.append("</mtf>")
    return "".join(parts).encode("utf-16")


def seconds(work) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=5000)
    args = parser.parse_args()
    small, large = export(args.entries), export(10 * args.entries)

    def read(data: bytes) -> None:
        result = read_multiterm(io.BytesIO(data), name="bench.xml")
        assert result.concepts

    parse = seconds(lambda: etree.fromstring(small, make_parser()))
    at_n = seconds(lambda: read(small))
    at_10n = seconds(lambda: read(large))
    size = len(small) / 1e6
    print(f"{args.entries} entries ({size:.1f} MB): parse {parse:.2f} s, read {at_n:.2f} s")
    print(f"read / parse: {at_n / parse:.1f}")
    print(f"{10 * args.entries} entries: read {at_10n:.2f} s; 10·N / N: {at_10n / at_n:.1f}")


if __name__ == "__main__":
    main()
