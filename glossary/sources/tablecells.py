"""Cells of a spreadsheet: CSV (its encoding and dialect) and XLSX (its sheets).

The rows come out as lists of strings; :mod:`glossary.sources.tabular` makes concepts of
them. Every problem of the file becomes a diagnostic with a position, never an exception.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import itertools
import warnings
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from glossary.exporters.csv import unescape_cell
from glossary.model import Concept
from glossary.validation.diagnostics import Diagnostic, Severity

_T = TypeVar("_T")

__all__ = ["DateCell", "TableResult", "csv_rows", "diag", "sniff_delimiter", "xlsx_rows"]


@dataclass
class TableResult:
    concepts: list[Concept] = field(default_factory=list)
    #: What the sheet "glossary" of an exported XLSX says (id, titles, subjects …).
    about: dict[str, str] = field(default_factory=dict)
    languages: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    layout: str = ""  # "terms" or "concepts"
    rows: int = 0
    #: The sheets of an XLSX workbook, and the one read.
    sheets: list[str] = field(default_factory=list)
    sheet: str = ""


class DateCell(str):
    """The text of a cell a spreadsheet holds as a date or time: never a term."""

    __slots__ = ()


# -- reading cells -------------------------------------------------------------------------


#: Delimiters tried on a CSV file, in order of preference when they read equally well.
DELIMITERS = (",", ";", "\t", "|")
#: Records read with each delimiter to choose one: enough to see the file's shape.
DIALECT_SAMPLE = 1000


def _decode(data: bytes, name: str, result: TableResult) -> str | None:
    """The text of a CSV file: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            result.diagnostics.append(
                diag(name, 1, 1, "L101", "the file starts as UTF-16 but is not UTF-16 text")
            )
            return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    result.diagnostics.append(
        diag(name, 1, 1, "L116", "the file is not UTF-8; read as Windows-1252", warning=True)
    )
    # cp1252 leaves five bytes undefined; latin-1 reads them as the C1 controls they are.
    return (
        data.decode("cp1252", errors="replace") if b"\x81" not in data else data.decode("latin-1")
    )


def _dialect_score(text: str, delimiter: str) -> tuple[int, int, int, int]:
    """How consistently ``text`` reads with ``delimiter`` (higher is better).

    The first records are read strictly with the standard (Excel) dialect: ``""`` inside
    a quoted cell is a quote. The delimiter that gives most records the same number of
    cells (more than one; comment lines and ragged rows do not count against it) wins;
    then one that reads without error (a quote left open stops a file, and is reported,
    whatever its delimiter); then the one that leaves fewest cells starting with a
    space (``a, b`` is prose, not two cells); then the one giving more cells.
    """
    reader = csv.reader(io.StringIO(text, newline=""), csv.excel, delimiter=delimiter, strict=True)
    widths: Counter[int] = Counter()
    spaced = 0
    clean = 1
    try:
        for row in itertools.islice(reader, DIALECT_SAMPLE):
            if not any(cell.strip() for cell in row):
                continue
            widths[len(row)] += 1
            spaced += sum(1 for cell in row[1:] if cell[:1] == " ")
    except csv.Error:
        clean = 0
    split = Counter({width: n for width, n in widths.items() if width > 1})
    if not split:
        return (0, clean, 0, 0)
    width, same = split.most_common(1)[0]
    return (same, clean, -spaced, width)


def sniff_delimiter(text: str) -> str:
    """The delimiter with which ``text`` reads most consistently (see :func:`_dialect_score`)."""
    best = max(DELIMITERS, key=lambda d: (_dialect_score(text, d), -DELIMITERS.index(d)))
    return best


def csv_rows(data: bytes, name: str, result: TableResult) -> Iterator[list[str]]:
    text = _decode(data, name, result)
    if text is None:
        return
    delimiter = sniff_delimiter(text)
    # Strict: a quote left open would otherwise swallow every row after it into one cell.
    reader = csv.reader(io.StringIO(text, newline=""), csv.excel, delimiter=delimiter, strict=True)
    try:
        for row in reader:
            # Undo the export's protection against formulas (glossary.exporters.csv).
            yield [unescape_cell(cell) for cell in row]
    except csv.Error as exc:
        result.diagnostics.append(
            diag(name, reader.line_num, 0, "L101", f"broken CSV ({exc}); check its quotes")
        )


#: Limits on an XLSX file, checked from its zip directory before openpyxl reads a byte of
#: it: the uncompressed size of all its members together (a sheet of 100 MB is about
#: 40,000 rows of ``glossary export xlsx``), the compression ratio of any member over
#: 1 MiB (spreadsheets compress 5 to 30 times; zip bombs 1,000 times), and the number
#: of members. A file over a limit is refused with one error (L119).
MAX_XLSX_BYTES = 100 * 1024 * 1024
MAX_XLSX_RATIO = 100
MAX_XLSX_MEMBERS = 1000


def _zip_problem(data: bytes) -> str | None:
    """Why the zip of an XLSX file is not read, or None."""
    from glossary.util import zip_problem

    return zip_problem(
        data,
        "XLSX",
        max_bytes=MAX_XLSX_BYTES,
        max_ratio=MAX_XLSX_RATIO,
        max_members=MAX_XLSX_MEMBERS,
    )


def xlsx_rows(
    data: bytes, name: str, result: TableResult, sheet: str | None = None
) -> Iterator[list[str]]:
    """The cells of the first sheet (or of ``sheet``: a name or a number from 1); every
    problem of the file becomes one diagnostic.

    openpyxl meets damaged files with whatever its parsers raise (zlib, XML, KeyError,
    IndexError …), and reads a sheet lazily, so any exception while reading is turned
    into an error at the row it reached.
    """
    from openpyxl import load_workbook

    problem = _zip_problem(data)
    if problem is not None:
        code = "L101" if problem.startswith("not a readable") else "L119"
        result.diagnostics.append(diag(name, 1, 1, code, problem))
        return
    row_number = 0
    said: set[str] = set()

    def quietly(read: Callable[[], _T]) -> _T:
        # openpyxl tells of what it repaired or left out with Python warnings, which
        # would reach the terminal as a line of its source: each becomes a diagnostic.
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                return read()
            finally:
                for warning in caught:
                    message = str(warning.message).splitlines()[0][:200]
                    if message not in said:
                        said.add(message)
                        line = row_number + 1
                        text = f"openpyxl: {message}"
                        result.diagnostics.append(diag(name, line, 1, "L116", text, warning=True))

    try:
        workbook = quietly(lambda: load_workbook(io.BytesIO(data), read_only=True, data_only=True))
    except Exception as exc:  # any parser error of a damaged file
        result.diagnostics.append(
            diag(name, 1, 1, "L101", f"not a readable XLSX file ({_why(exc)})")
        )
        return
    try:
        if not workbook.worksheets:
            result.diagnostics.append(diag(name, 1, 1, "L101", "the workbook has no worksheet"))
            return
        if "glossary" in workbook.sheetnames and len(workbook.worksheets) > 1:
            for cells in workbook["glossary"].iter_rows(values_only=True):
                key, value = (*cells, None, None)[:2]
                if key:
                    result.about[_cell_text(key)] = _cell_text(value)
        result.sheets = list(workbook.sheetnames)
        chosen = _sheet(workbook.sheetnames, sheet)
        if chosen is None:
            message = f"no sheet '{sheet}' in the workbook; its sheets: " + ", ".join(
                f"{n + 1} '{s}'" for n, s in enumerate(workbook.sheetnames)
            )
            result.diagnostics.append(diag(name, 1, 1, "L109", message))
            return
        result.sheet = workbook.sheetnames[chosen]
        rows = workbook.worksheets[chosen].iter_rows(values_only=True)
        while (row := quietly(lambda: next(rows, None))) is not None:
            row_number += 1
            yield [_cell_text(value) for value in row]
        row_number = 0
        for index, other in enumerate(workbook.worksheets):
            if index == chosen or (other.title == "glossary" and result.about):
                continue  # the sheet read, or our export's metadata (read above)
            filled = sum(
                1
                for cells in other.iter_rows(values_only=True)
                for value in cells
                if value is not None and _cell_text(value).strip()
            )
            if filled:
                cells = "1 cell" if filled == 1 else f"{filled} cells"
                message = (
                    f"sheet '{other.title}' was not read: {cells} not imported "
                    f"(--sheet {index + 1} reads it)"
                )
                result.diagnostics.append(diag(name, 1, 1, "L115", message, warning=True))
    except Exception as exc:  # any parser error of a damaged file
        message = f"not a readable XLSX file ({_why(exc)}); read up to row {row_number}"
        result.diagnostics.append(diag(name, row_number + 1, 1, "L101", message))
    finally:
        workbook.close()


def _why(exc: Exception) -> str:
    text = str(exc).splitlines()[0][:200] if str(exc) else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _sheet(names: list[str], sheet: str | None) -> int | None:
    """The index of ``sheet`` (a name, any case, or a number from 1) among ``names``."""
    if sheet is None:
        return 0
    if sheet.isascii() and sheet.isdigit():
        number = int(sheet)
        return number - 1 if 1 <= number <= len(names) else None
    folded = [n.casefold() for n in names]
    wanted = sheet.strip().casefold()
    return folded.index(wanted) if wanted in folded else None


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        time = value.date().isoformat() if value.time() == dt.time() else value.isoformat()
        return DateCell(time)
    if isinstance(value, dt.date | dt.time):
        return DateCell(value.isoformat())
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def diag(
    path: str, line: int, col: int, code: str, message: str, *, warning: bool = False
) -> Diagnostic:
    return Diagnostic(
        path, line, col, code, message, Severity.WARNING if warning else Severity.ERROR
    )
