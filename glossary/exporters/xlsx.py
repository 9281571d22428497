"""XLSX: the CSV export's rows in a spreadsheet (one row per term), re-importable.

The sheet has the CSV's columns, a bold frozen header row with filters, and column
widths that fit; a second sheet describes the glossary. The file's dates are the build
date and its zip entries carry no time of day, so two exports of the same sources are
byte-identical.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any

from glossary.exporters.csv import FORMULA_START
from glossary.model import Glossary
from glossary.util import atomic_write

NAME = "xlsx"
DESCRIPTION = "XLSX, one row per term (spreadsheets), re-importable"
SUFFIX = ".xlsx"

_WIDTHS = {"definition": 60, "context": 50, "concept_note": 40, "term": 32, "term_note": 30}


def render(glossary: Glossary) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from glossary.exporters.csv import COLUMNS, rows
    from glossary.templating import build_date

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "terms"
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows(glossary):
        sheet.append([row[column] for column in COLUMNS])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            _as_text(cell)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for index, column in enumerate(COLUMNS, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = _WIDTHS.get(column, max(12, len(column) + 2))

    about = workbook.create_sheet("glossary")
    meta = glossary.meta
    for key, value in (
        ("id", meta.id),
        *((f"title {lang}", title) for lang, title in meta.title.items()),
        ("languages", " ".join(meta.languages)),
        ("required", " ".join(meta.required)),
        ("note_language", meta.note_language or ""),
        ("version", meta.version or ""),
        ("license", meta.license or ""),
        ("publisher", meta.publisher or ""),
        *(
            (f"subject {code} {lang}", label)
            for code, labels in meta.subjects.items()
            for lang, label in labels.items()
        ),
    ):
        about.append([key, value])
    about.column_dimensions["A"].width = 14
    about.column_dimensions["B"].width = 70

    built = build_date()
    import datetime as dt

    moment = dt.datetime(built.year, built.month, built.day)
    workbook.properties.creator = meta.publisher or "glossary"
    workbook.properties.created = moment
    workbook.properties.modified = moment
    workbook.properties.lastModifiedBy = None
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _fixed_times(buffer.getvalue(), (max(1980, built.year), built.month, built.day, 0, 0, 0))


def _as_text(cell: Any) -> None:
    """Make ``cell`` a text cell: a term such as ``=SUM(A1)`` or ``1/2`` stays what it is.

    openpyxl reads a value starting with ``=`` as a formula; the cell is written as an
    inline string instead, never as a formula. A value that a spreadsheet would run as a
    formula once the cell is edited (it starts with ``=``, ``+``, ``-``, ``@``, a tab or a
    carriage return) also gets the cell's "quote prefix", the hidden ``'`` that
    spreadsheets use to keep typed text as text; the value itself is not changed.
    """
    cell.data_type = "s"
    if isinstance(cell.value, str) and cell.value[:1] and cell.value[0] in FORMULA_START:
        cell.quotePrefix = True


def _fixed_times(data: bytes, when: tuple[int, int, int, int, int, int]) -> bytes:
    """The same zip with every entry dated ``when`` (zip stores local wall-clock times)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=when)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def write(fp: IO[bytes], glossary: Glossary, options: Mapping[str, Any] | None = None) -> None:
    fp.write(render(glossary))


def export(glossary: Glossary, out: Path, options: Mapping[str, Any]) -> list[Path]:
    atomic_write(out, render(glossary), overwrite=True)
    return [out]
