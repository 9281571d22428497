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
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from glossary.langtags import canonical_tag, normalize_tag
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
from glossary.sources.tablecells import TableResult, csv_rows, xlsx_rows
from glossary.sources.tablecells import diag as _diag
from glossary.util import UniqueIds, did_you_mean, slugify
from glossary.validation.diagnostics import Severity

__all__ = ["TableResult", "read_table", "table_kind"]

_E = TypeVar("_E", bound=Enum)

#: Largest spreadsheet read (rows); beyond it the file is refused rather than exhausting memory.
MAX_ROWS = 1_000_000


# -- headers -------------------------------------------------------------------------------


def _words(header: str) -> tuple[str, ...]:
    text = unicodedata.normalize("NFKC", header).casefold().replace("_", " ")
    return tuple(w for w in re.split(r"[^\w]+", text) if w)


@lru_cache(maxsize=1)
def _language_names() -> dict[str, str]:
    """Language names and adverbs in the interface languages -> tag ("suomi" -> "fi")."""
    from babel import Locale

    names: dict[str, str] = {}
    locales = ("en", "fi", "ru", "sv", "de", "fr", "et")
    tags = ("fi", "ru", "en", "sv", "de", "fr", "et", "uk", "be", "kk", "es", "it", "no", "da")
    for locale_code in locales:
        locale = Locale.parse(locale_code)
        for tag in tags:
            name = locale.languages.get(tag)
            if name:
                names[" ".join(_words(name))] = tag
    # Finnish headers often say "in Finnish" (suomeksi); Russian ones use the adjective.
    names.update(
        {
            "suomeksi": "fi",
            "venäjäksi": "ru",
            "englanniksi": "en",
            "ruotsiksi": "sv",
            "финский": "fi",
            "финский язык": "fi",
            "по фински": "fi",
            "русский": "ru",
            "русский язык": "ru",
            "по русски": "ru",
            "английский": "en",
            "английский язык": "en",
            "по английски": "en",
        }
    )
    return names


#: Field columns of the one-row-per-concept layout: field -> header words in several
#: languages. A field word plus a language in the same header gives a field per language.
_FIELD_WORDS: dict[str, tuple[str, ...]] = {
    "id": ("id", "concept id", "identifier", "tunniste", "tunnus", "идентификатор"),
    "subject": (
        "subject",
        "subjects",
        "domain",
        "field",
        "subject field",
        "aihe",
        "aihealue",
        "ala",
        "тема",
        "область",
        "предметная область",
        "раздел",
    ),
    "status": ("status", "concept status", "tila", "статус"),
    "note": (
        "note",
        "notes",
        "comment",
        "huomautus",
        "huom",
        "kommentti",
        "примечание",
        "комментарий",
    ),
    "definition": ("definition", "määritelmä", "määrittely", "определение"),
    "context": ("context", "example", "esimerkki", "konteksti", "пример", "контекст"),
    "source": ("source", "lähde", "источник"),
    "term": ("term", "termi", "термин", "terms", "termit", "термины"),
}


def _field_of(words: tuple[str, ...]) -> tuple[str | None, tuple[str, ...]]:
    """The field named in a header and the words left over."""
    text = " ".join(words)
    for name, spellings in _FIELD_WORDS.items():
        for spelling in sorted(spellings, key=len, reverse=True):
            pattern = rf"(^| ){re.escape(spelling)}( |$)"
            if re.search(pattern, text):
                rest = re.sub(pattern, " ", text, count=1).split()
                return name, tuple(rest)
    return None, words


def _language_of(words: tuple[str, ...]) -> str | None:
    if not words:
        return None
    text = " ".join(words)
    names = _language_names()
    if text in names:
        return names[text]
    if len(words) <= 2:
        tag = normalize_tag("-".join(words))
        if tag is not None and re.fullmatch(r"[a-z]{2,3}(-[a-z0-9]+)*", "-".join(words)):
            return tag
    return None


@dataclass(frozen=True)
class _Column:
    index: int
    field: str  # "term", "definition", "note", "context", "source", "id", "subject", "status"
    lang: str | None = None


def _concept_columns(header: Sequence[str], name: str, result: TableResult) -> list[_Column]:
    columns: list[_Column] = []
    known = sorted(
        {
            *(w for ws in _FIELD_WORDS.values() for w in ws),
            *("fi", "ru", "en", "suomi", "venäjä", "englanti", "finnish", "russian", "english"),
        }
    )
    for index, raw in enumerate(header):
        words = _words(raw)
        if not words:
            continue
        field_name, rest = _field_of(words)
        lang = _language_of(rest)
        if field_name is None:
            lang = _language_of(words)
            if lang is not None:
                columns.append(_Column(index, "term", lang))
                continue
            hint = did_you_mean(" ".join(words), known)
            result.diagnostics.append(
                _diag(
                    name,
                    1,
                    index + 1,
                    "L106",
                    f"column '{raw}' is neither a language nor a field; skipped{hint}",
                    warning=True,
                )
            )
            continue
        if field_name in ("id", "subject", "status") or (field_name == "note" and not rest):
            # Fields of the concept as a whole (a note without a language is the concept's).
            columns.append(_Column(index, field_name, None))
            continue
        if lang is None:
            result.diagnostics.append(
                _diag(
                    name,
                    1,
                    index + 1,
                    "L111",
                    f"column '{raw}': no language named (write e.g. '{field_name} fi'); skipped",
                    warning=True,
                )
            )
            continue
        columns.append(_Column(index, field_name, lang))
    return columns


# -- the two layouts -------------------------------------------------------------------------


_SPLIT = re.compile(r"\s*(?:;|\n)\s*")


def _terms_in(cell: str) -> list[str]:
    return [part for part in _SPLIT.split(cell.strip()) if part]


@dataclass
class _Cells:
    """What one row says in one language."""

    terms: list[Term] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)  # definition, note, context, source


def _concepts_layout(
    rows: Iterable[tuple[int, list[str]]], columns: list[_Column], name: str, result: TableResult
) -> None:
    languages = list(dict.fromkeys(c.lang for c in columns if c.lang and c.field == "term"))
    result.languages = languages
    used_ids = UniqueIds()
    rows_of: dict[str, int] = {}  # id -> the row that took it
    for line, row in rows:
        cells = {c: (row[c.index].strip() if c.index < len(row) else "") for c in columns}
        if not any(cells.values()):
            continue
        by_lang: dict[str, _Cells] = {}
        concept_fields: dict[str, str] = {}
        for column, value in cells.items():
            if not value:
                continue
            if column.lang is None:
                concept_fields[column.field] = value
                continue
            cell = by_lang.setdefault(column.lang, _Cells())
            if column.field == "term":
                cell.terms = [
                    Term(
                        term=text,
                        status=TermStatus.PREFERRED if n == 0 else TermStatus.ADMITTED,
                        location=SourceLocation(name, line, column.index + 1),
                    )
                    for n, text in enumerate(_terms_in(value))
                ]
            else:
                cell.texts[column.field] = value
        if not any(cell.terms for cell in by_lang.values()):
            message = "the row has no term in any language; skipped"
            result.diagnostics.append(_diag(name, line, 0, "L109", message, warning=True))
            continue
        built: dict[str, LangSection] = {}
        for lang in dict.fromkeys([*languages, *by_lang]):
            found = by_lang.get(lang)
            if found is None:
                continue
            terms = list(found.terms)
            context = found.texts.get("context")
            if terms and context:
                # An example belongs to a term in the model: the language's first term.
                terms[0] = replace(terms[0], context=context)
            built[lang] = LangSection(
                lang=lang,
                terms=tuple(terms),
                definition=found.texts.get("definition"),
                source=found.texts.get("source"),
                note=found.texts.get("note"),
                location=SourceLocation(name, line, 1),
            )
        wanted = _row_id(concept_fields.get("id", ""), built, line, name, result)
        cid = used_ids.add(wanted)
        if cid != wanted:
            message = f"id '{wanted}' is already used by row {rows_of[wanted]}; this row is '{cid}'"
            result.diagnostics.append(_diag(name, line, 0, "L116", message, warning=True))
        rows_of[cid] = line
        status = ConceptStatus.DRAFT
        raw_status = concept_fields.get("status", "").strip().lower()
        if raw_status:
            try:
                status = ConceptStatus(raw_status)
            except ValueError:
                message = f"status '{raw_status}' is not draft, reviewed or approved; read as draft"
                result.diagnostics.append(_diag(name, line, 0, "L108", message, warning=True))
        subjects = re.split(r"[;,]\s*", concept_fields.get("subject", ""))
        result.concepts.append(
            Concept(
                id=cid,
                languages=built,
                subjects=tuple(slugify(s) for s in subjects if s.strip()),
                status=status,
                note=concept_fields.get("note") or None,
                location=SourceLocation(name, line, 1),
            )
        )


def _row_id(
    given: str, sections: dict[str, LangSection], line: int, name: str, result: TableResult
) -> str:
    if not given:
        return _id_for(sections)
    cid = slugify(given)
    if cid != given:
        message = f"id '{given}' written as '{cid}'"
        result.diagnostics.append(_diag(name, line, 0, "L110", message, warning=True))
    return cid


def _id_for(sections: dict[str, LangSection]) -> str:
    """An id from the English term if there is one (ids are English here), else the first."""
    for lang in ("en", *sections):
        section = sections.get(lang)
        if section and section.terms:
            return slugify(section.terms[0].term)
    return "concept"


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
    rows: Iterable[tuple[int, list[str]]], header: list[str], name: str, result: TableResult
) -> None:
    from glossary.exporters.csv import COLUMNS

    position = {column: header.index(column) for column in COLUMNS if column in header}
    for index, column in enumerate(header):
        if column and column not in COLUMNS:
            message = f"unknown column '{column}'{did_you_mean(column, COLUMNS)}; skipped"
            result.diagnostics.append(_diag(name, 1, index + 1, "L106", message, warning=True))
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


def read_table(data: bytes, name: str, kind: str) -> TableResult:
    """Concepts from a spreadsheet; ``kind`` is ``"csv"`` or ``"xlsx"``."""
    result = TableResult()
    source = xlsx_rows(data, name, result) if kind == "xlsx" else csv_rows(data, name, result)
    numbered = ((n, row) for n, row in enumerate(source, start=1))
    first = next(numbered, None)
    while first is not None and not any(cell.strip() for cell in first[1]):
        first = next(numbered, None)
    if first is None:
        if not result.diagnostics:
            result.diagnostics.append(_diag(name, 1, 1, "L112", "the spreadsheet is empty"))
        return result

    def rest() -> Iterator[tuple[int, list[str]]]:
        for line, row in numbered:
            result.rows = line
            if line > MAX_ROWS:
                result.diagnostics.append(
                    _diag(
                        name, line, 0, "L119", f"more than {MAX_ROWS:,} rows; the rest is not read"
                    )
                )
                return
            yield line, row

    header = [cell.strip() for cell in first[1]]
    if "concept_id" in header and "term" in header and "lang" in header:
        result.layout = "terms"
        _terms_layout(rest(), header, name, result)
    else:
        result.layout = "concepts"
        columns = _concept_columns(header, name, result)
        if not any(c.field == "term" for c in columns):
            result.diagnostics.append(
                _diag(
                    name,
                    first[0],
                    0,
                    "L109",
                    "no column of terms: name one column per language ('fi', 'Finnish', "
                    "'suomi', 'финский' …), or use the columns of 'glossary export csv'",
                )
            )
            return result
        _concepts_layout(rest(), columns, name, result)
    if not result.concepts and not any(d.severity is Severity.ERROR for d in result.diagnostics):
        result.diagnostics.append(_diag(name, 1, 1, "L112", "the spreadsheet holds no concept"))
    return result


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
    if suffix in (".csv", ".tsv", ".txt"):
        return "csv"
    return None
