"""Spreadsheets (CSV and XLSX) as concepts, for ``glossary import``.

Two layouts are understood, told apart by their header row:

- **one row per term**, as ``glossary export csv|xlsx`` writes it (``concept_id``,
  ``lang``, ``term``, ``term_status`` …, see :data:`glossary.exporters.csv.COLUMNS`):
  every field of the model, so an export imports back without loss;
- **one row per concept**, as partners keep glossaries: a column of terms per language,
  named by its code or its name in any of several languages (``fi``, ``FI-fi``,
  ``Finnish``, ``suomi``, ``финский``, ``Suomeksi``), optional columns for definitions,
  notes, examples and sources per language (``definition fi``, ``Määritelmä (suomi)``,
  ``определение ru``), and for the concept's id, subject, note and status. A cell may
  hold several terms separated by ``;`` or line breaks: the first is preferred, the
  others admitted.

Headers are matched without regard to case, punctuation or word order. A column that
matches nothing is reported (with "did you mean") and skipped; every problem names the
file, the row and the column.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

from glossary.langtags import canonical_tag
from glossary.model import (
    ID_PATTERN,
    Concept,
    ConceptStatus,
    Equivalence,
    Gender,
    GlossaryMeta,
    GrammaticalNumber,
    Image,
    LangSection,
    PartOfSpeech,
    SourceLocation,
    Term,
    TermStatus,
    TermType,
    UsageLabel,
)
from glossary.sources.conceptrows import concepts_layout
from glossary.sources.tablecells import TableResult, csv_rows, xlsx_rows
from glossary.sources.tablecells import diag as _diag
from glossary.sources.tableheaders import Column, header_columns, positional_header
from glossary.util import did_you_mean, slugify
from glossary.validation.diagnostics import Severity

__all__ = ["TableOptions", "TableResult", "read_table", "table_kind"]

_E = TypeVar("_E", bound=Enum)

#: Largest spreadsheet read (rows); beyond it the file is refused rather than exhausting memory.
MAX_ROWS = 1_000_000


# -- one row per term ----------------------------------------------------------------------


def _enum(
    kind: type[_E], value: str, what: str, where: tuple[str, int, int], result: TableResult
) -> _E | None:
    if not value:
        return None
    try:
        return kind(value)
    except ValueError:
        choices = [member.value for member in kind]
        message = (
            f"'{value}' is not a valid {what}; expected one of: {', '.join(choices)}"
            f"{did_you_mean(value, choices)}"
        )
        result.diagnostics.append(_diag(*where, "L108", message))
        return None


@dataclass
class _PendingSection:
    line: int
    definition: str | None
    source: str | None
    note: str | None
    equivalence: Equivalence | None = None
    equivalence_note: str | None = None
    terms: list[Term] = field(default_factory=list)


@dataclass
class _PendingConcept:
    line: int
    subjects: tuple[str, ...]
    status: ConceptStatus
    related: tuple[str, ...]
    note: str | None
    updated: dt.date | None
    #: broader, part_of, replaced_by and image, as the Concept takes them.
    more: dict[str, Any] = field(default_factory=dict)
    sections: dict[str, _PendingSection] = field(default_factory=dict)


def _homograph(value: str, where: tuple[str, int, int], result: TableResult) -> int | None:
    if not value:
        return None
    if value.isascii() and value.isdigit() and int(value) > 0:
        return int(value)
    message = f"homograph '{value}' must be a whole number from 1 up"
    result.diagnostics.append(_diag(*where, "L107", message))
    return None


def _terms_layout(
    rows: Iterable[tuple[int, list[str]]],
    header: list[str],
    header_line: int,
    name: str,
    result: TableResult,
) -> None:
    from glossary.exporters.csv import COLUMNS

    position = {column: header.index(column) for column in COLUMNS if column in header}
    for index, column in enumerate(header):
        if column and column not in COLUMNS:
            message = f"unknown column '{column}'{did_you_mean(column, COLUMNS)}; skipped"
            result.diagnostics.append(
                _diag(name, header_line, index + 1, "L106", message, warning=True)
            )
    pending: dict[str, _PendingConcept] = {}
    languages: dict[str, None] = {}
    for line, row in rows:

        def get(column: str, row: list[str] = row) -> str:
            at = position.get(column)
            return row[at] if at is not None and at < len(row) else ""

        def at(column: str, line: int = line) -> tuple[str, int, int]:
            return (name, line, position.get(column, -1) + 1)

        cid = get("concept_id").strip()
        if not cid:
            if any(cell.strip() for cell in row):
                result.diagnostics.append(
                    _diag(*at("concept_id"), "L109", "no concept_id; row skipped")
                )
            continue
        if not ID_PATTERN.fullmatch(cid):
            # The id names a file: nothing but a-z, 0-9 and - may reach the file system.
            safe = slugify(cid)
            message = f"id '{cid}' is not lower-case a-z, 0-9 and -; read as '{safe}'"
            result.diagnostics.append(_diag(*at("concept_id"), "L110", message, warning=True))
            cid = safe
        lang = canonical_tag(get("lang").strip())
        if lang is None:
            message = f"'{get('lang')}' is not a BCP 47 language tag; row skipped"
            result.diagnostics.append(_diag(*at("lang"), "L111", message))
            continue
        languages[lang] = None
        concept = pending.get(cid)
        if concept is None:
            updated = None
            if get("updated"):
                try:
                    updated = dt.date.fromisoformat(get("updated"))
                except ValueError:
                    message = f"'{get('updated')}' is not a date (YYYY-MM-DD)"
                    result.diagnostics.append(_diag(*at("updated"), "L114", message))
            status = _enum(
                ConceptStatus, get("concept_status"), "concept status", at("concept_status"), result
            )
            concept = pending[cid] = _PendingConcept(
                line=line,
                subjects=tuple(get("subjects").split()),
                status=status or ConceptStatus.DRAFT,
                related=tuple(get("related").split()),
                note=get("concept_note") or None,
                updated=updated,
                more={
                    "broader": tuple(get("broader").split()),
                    "part_of": tuple(get("part_of").split()),
                    "replaced_by": tuple(get("replaced_by").split()),
                    "image": Image(
                        get("image"), get("image_caption") or None, get("image_source") or None
                    )
                    if get("image")
                    else None,
                },
            )
        section = concept.sections.get(lang)
        if section is None:
            section = concept.sections[lang] = _PendingSection(
                line=line,
                definition=get("definition") or None,
                source=get("definition_source") or None,
                note=get("lang_note") or None,
                equivalence=_enum(
                    Equivalence, get("equivalence"), "equivalence", at("equivalence"), result
                ),
                equivalence_note=get("equivalence_note") or None,
            )
        text = get("term")
        if not text:
            continue
        section.terms.append(
            Term(
                term=text,
                status=_enum(
                    TermStatus, get("term_status"), "term status", at("term_status"), result
                )
                or TermStatus.PREFERRED,
                type=_enum(TermType, get("term_type"), "term type", at("term_type"), result)
                or TermType.FULL_FORM,
                pos=_enum(PartOfSpeech, get("pos"), "part of speech", at("pos"), result),
                gender=_enum(Gender, get("gender"), "gender", at("gender"), result),
                geo=get("geo") or None,
                context=get("context") or None,
                context_source=get("context_source") or None,
                source=get("term_source") or None,
                note=get("term_note") or None,
                usage=tuple(
                    dict.fromkeys(
                        label
                        for word in get("usage").split()
                        if (label := _enum(UsageLabel, word, "usage label", at("usage"), result))
                    )
                ),
                number=_enum(GrammaticalNumber, get("number"), "number", at("number"), result),
                homograph=_homograph(get("homograph"), at("homograph"), result),
                location=SourceLocation(*at("term")),
            )
        )
    result.languages = list(languages)
    for cid, concept in pending.items():
        result.concepts.append(
            Concept(
                id=cid,
                languages={
                    lang: LangSection(
                        lang=lang,
                        terms=tuple(section.terms),
                        definition=section.definition,
                        source=section.source,
                        note=section.note,
                        equivalence=section.equivalence,
                        equivalence_note=section.equivalence_note,
                        location=SourceLocation(name, section.line, 1),
                    )
                    for lang, section in concept.sections.items()
                },
                subjects=concept.subjects,
                status=concept.status,
                related=concept.related,
                note=concept.note,
                updated=concept.updated,
                **concept.more,
                location=SourceLocation(name, concept.line, 1),
            )
        )


# -- the whole ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TableOptions:
    """How to read a sheet that does not say everything itself."""

    #: A headerless glossary: the languages of its first columns, in order; the next
    #: column is a note (OmegaT's glossary.txt: source, target, comment).
    languages: tuple[str, ...] = ()
    #: The sheet of an XLSX workbook to read: its name or its number from 1.
    sheet: str | None = None
    #: The row (from 1) that holds the header; else the first that names a column of terms.
    header_row: int | None = None


#: Rows looked at for a header below title rows.
HEADER_SEARCH = 20


def read_table(
    data: bytes, name: str, kind: str, options: TableOptions | None = None
) -> TableResult:
    """Concepts from a spreadsheet; ``kind`` is ``"csv"`` or ``"xlsx"``."""
    options = options or TableOptions()
    result = TableResult()
    source = (
        xlsx_rows(data, name, result, options.sheet)
        if kind == "xlsx"
        else csv_rows(data, name, result)
    )
    numbered = ((n, row) for n, row in enumerate(source, start=1))

    def rest() -> Iterator[tuple[int, list[str]]]:
        for line, row in numbered:
            result.rows = line
            if line > MAX_ROWS:
                message = f"more than {MAX_ROWS:,} rows; the rest is not read"
                result.diagnostics.append(_diag(name, line, 0, "L119", message))
                return
            yield line, row

    if options.languages:
        _headerless(rest(), options.languages, name, result)
    else:
        _with_header(rest(), options, name, kind, result)
    if not result.concepts and not any(d.severity is Severity.ERROR for d in result.diagnostics):
        result.diagnostics.append(_diag(name, 1, 1, "L112", "the spreadsheet holds no concept"))
    result.diagnostics.sort(key=lambda d: (d.line, d.col))
    return result


def _headerless(
    rows: Iterator[tuple[int, list[str]]],
    languages: tuple[str, ...],
    name: str,
    result: TableResult,
) -> None:
    """Columns named by ``languages``, then a note; comment lines are skipped (``#`` and
    nothing in the other columns)."""
    result.layout = "concepts"
    columns = [Column(index, "term", lang) for index, lang in enumerate(languages)]
    columns.append(Column(len(languages), "note", None))

    def data() -> Iterator[tuple[int, list[str]]]:
        first = True
        for line, row in rows:
            if row and row[0].lstrip().startswith("#") and sum(1 for c in row if c.strip()) == 1:
                continue  # OmegaT's comment lines (a term such as "#N/A" has a translation)
            if first and positional_header(row):
                first = False
                continue  # "source","target" (Microsoft's terminology CSV)
            first = False
            yield line, row

    concepts_layout(data(), columns, [], 1, name, result)


def _with_header(
    rows: Iterator[tuple[int, list[str]]],
    options: TableOptions,
    name: str,
    kind: str,
    result: TableResult,
) -> None:
    """A sheet whose header row (below title rows, if any) names its columns."""
    above: list[tuple[int, list[str]]] = []
    header: tuple[int, list[str]] | None = None
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        if options.header_row is not None:
            if line == options.header_row:
                header = (line, row)
                break
            if line > options.header_row:
                break
        elif _is_terms_header(row) or any(c.field == "term" for c in header_columns(row)[0]):
            header = (line, row)
            break
        elif len(above) >= HEADER_SEARCH:
            break
        above.append((line, row))
    if header is None:
        if any(d.severity is Severity.ERROR for d in result.diagnostics):
            return  # the file could not be read: that is the problem to report
        if not above and options.header_row is None:
            result.diagnostics.append(_diag(name, 1, 1, "L112", "the spreadsheet is empty"))
            return
        at = above[0][0] if above else 1
        if options.header_row is not None:
            message = f"row {options.header_row} is empty or beyond the end; no header there"
        else:
            message = (
                "no column of terms: name one column per language ('fi', 'Finnish', "
                "'suomi', 'финский' …), use the columns of 'glossary export csv', or name "
                "the columns of a file without a header with --languages en,fi"
            )
            if len(result.sheets) > 1:
                message += (
                    f" (sheet '{result.sheet}'; others: "
                    + ", ".join(f"'{s}'" for s in result.sheets if s != result.sheet)
                    + "; choose one with --sheet)"
                )
        result.diagnostics.append(_diag(name, at, 0, "L109", message))
        return
    line, cells = header
    if above:
        first, last = above[0][0], above[-1][0]
        span = f"row {first}" if first == last else f"rows {first}-{last}"
        message = f"{span} above the header (a title?) not imported"
        result.diagnostics.append(_diag(name, first, 1, "L115", message, warning=True))
    cells = [cell.strip() for cell in cells]
    if _is_terms_header(cells):
        result.layout = "terms"
        _terms_layout(rows, cells, line, name, result)
        return
    result.layout = "concepts"
    columns, skipped = header_columns(cells)
    if not any(c.field == "term" for c in columns):
        message = f"row {line} names no column of terms"
        result.diagnostics.append(_diag(name, line, 0, "L109", message))
        return
    concepts_layout(rows, columns, skipped, line, name, result)


def _is_terms_header(header: list[str]) -> bool:
    cells = [cell.strip() for cell in header]
    return "concept_id" in cells and "term" in cells and "lang" in cells


def about_meta(about: dict[str, str], fallback_id: str, languages: list[str]) -> GlossaryMeta:
    """The glossary's metadata from the "glossary" sheet of an exported XLSX."""
    titles: dict[str, str] = {}
    subjects: dict[str, dict[str, str]] = {}
    for key, value in about.items():
        words = key.split()
        if len(words) == 2 and words[0] == "title" and value:
            titles[words[1]] = value
        elif len(words) == 3 and words[0] == "subject" and value:
            subjects.setdefault(words[1], {})[words[2]] = value
    listed = tuple(about.get("languages", "").split())
    return GlossaryMeta(
        id=about.get("id") or fallback_id,
        title=titles,
        languages=listed or tuple(languages),
        required=tuple(about.get("required", "").split()),
        note_language=about.get("note_language") or None,
        version=about.get("version") or None,
        license=about.get("license") or None,
        publisher=about.get("publisher") or None,
        subjects=subjects,
    )


def table_kind(path: Path, data: bytes) -> str | None:
    """``"xlsx"``, ``"csv"`` or None, from the suffix and the first bytes."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm") or data[:4] == b"PK\x03\x04":
        return "xlsx"
    if suffix in (".csv", ".tsv", ".txt", ".tab", ".utf8"):
        return "csv"
    return None
