"""Terminology QA of translations: ``glossary check``.

For each unit of a bilingual file (XLIFF 1.2 and 2.x, gettext PO, TMX), the source's
glossary terms are found as ``glossary scan`` finds them; the target is scanned the same
way in the target language, and for each source concept:

====  =====================  ========  ==================================================
code  name                   severity  when
====  =====================  ========  ==================================================
Q101  missing-equivalent     error     the target has none of the concept's terms
Q102  deprecated-equivalent  error     the target uses only a deprecated or superseded term
Q201  admitted-equivalent    warning   the target uses only an admitted term where the
                                       concept has a preferred one
Q202  fewer-equivalents      warning   the source has the concept more often than the
                                       target
====  =====================  ========  ==================================================
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from glossary.documents.readers import Document, DocumentError, _store, read_document
from glossary.documents.scan import ScanMatch, Table, detect_language, scan, tokens
from glossary.model import TermStatus

__all__ = ["CODES", "Problem", "Unit", "check_units", "read_units"]

CODES = {
    "Q101": ("missing-equivalent", "error"),
    "Q102": ("deprecated-equivalent", "error"),
    "Q201": ("admitted-equivalent", "warning"),
    "Q202": ("fewer-equivalents", "warning"),
}


@dataclass(frozen=True)
class Unit:
    """A translation unit: its id, the line where it starts, source and target text."""

    id: str
    line: int
    source: str
    target: str


@dataclass(frozen=True)
class BilingualFile:
    path: str
    source_lang: str | None
    target_lang: str | None
    units: list[Unit]


@dataclass(frozen=True)
class Problem:
    path: str
    unit: str
    line: int
    code: str
    severity: str
    concept_id: str
    source_term: str
    expected: list[str]
    found: list[str]
    message: str

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "unit": self.unit,
            "line": self.line,
            "code": self.code,
            "severity": self.severity,
            "concept_id": self.concept_id,
            "source_term": self.source_term,
            "expected": self.expected,
            "found": self.found,
            "message": self.message,
        }


def read_units(path: str, data: bytes, kind: str | None = None) -> BilingualFile:
    """The units of a bilingual file, with the languages it declares."""
    suffix = path.rsplit(".", 1)[-1].lower() if "." in path else ""
    if kind is None and suffix in ("tsv", "csv"):
        return _two_columns(path, data, "\t" if suffix == "tsv" else ",")
    document: Document = read_document(path, data, kind)  # the checks of every reader
    if document.kind not in ("xliff", "po", "tmx"):
        raise DocumentError(f"{path}: not a bilingual file (XLIFF, PO, TMX, TSV or CSV)")
    store = _store(document.kind, data)
    text = data.decode("utf-8", errors="replace")
    units: list[Unit] = []
    target_lang = None
    for number, unit in enumerate((u for u in store.units if not u.isheader()), 1):
        element = getattr(unit, "xmlelement", None)
        line = getattr(element, "sourceline", None) or 0
        own = element.get("id") or element.get("tuid") if element is not None else None
        uid = str(own or unit.getid() or number)
        if document.kind == "po":
            context = unit.getcontext() if hasattr(unit, "getcontext") else ""
            uid = context or str(number)
            line = _po_line(text, context, str(unit.source)) if context else 0
        if document.kind == "tmx" and element is not None and target_lang is None:
            for tuv in element:
                lang = tuv.get("{http://www.w3.org/XML/1998/namespace}lang")
                if lang and lang != document.lang:
                    target_lang = lang
        units.append(Unit(uid, line, str(unit.source or ""), str(unit.target or "")))
    if hasattr(store, "gettargetlanguage") and store.gettargetlanguage():
        target_lang = store.gettargetlanguage()
    if document.kind == "po" and hasattr(store, "parseheader"):
        target_lang = store.parseheader().get("Language") or target_lang
    return BilingualFile(path, document.lang, target_lang, units)


def _two_columns(path: str, data: bytes, delimiter: str) -> BilingualFile:
    """Source and target in the first two columns, one unit per row (its id is its line).
    A first row whose two cells are language codes (``fi``, ``ru``) names the languages."""
    import csv
    import io

    from glossary.documents.readers import _decode

    text = _decode(path, data)  # binary and encoding checks
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    units: list[Unit] = []
    langs: tuple[str | None, str | None] = (None, None)
    line = 1
    try:
        for row in reader:
            start, line = line, reader.line_num + 1
            if len(row) < 2 or not any(cell.strip() for cell in row[:2]):
                continue
            if not units and langs == (None, None) and all(_LANG.match(c) for c in row[:2]):
                langs = (row[0].strip(), row[1].strip())
                continue
            units.append(Unit(str(start), start, row[0], row[1]))
    except csv.Error as exc:
        raise DocumentError(f"{path}:{reader.line_num}: broken CSV ({exc})") from None
    return BilingualFile(path, langs[0], langs[1], units)


_LANG = re.compile(r"^\s*[a-zA-Z]{2,3}(?:[-_][a-zA-Z0-9]{2,8})*\s*$")


def _po_line(text: str, context: str, source: str) -> int:
    at = text.find(f"msgctxt {json.dumps(context, ensure_ascii=False)}")
    return text.count("\n", 0, at) + 1 if at >= 0 else 0


def _language(table: Table, declared: str | None, given: str | None, texts: Iterable[str]) -> str:
    from glossary.documents.scan import _glossary_language

    chosen = _glossary_language(table, declared) or (given if given in table.languages else None)
    if chosen is None:
        chosen = detect_language(table, tokens("\n".join(texts)))
    return chosen


def check_units(
    table: Table,
    bilingual: BilingualFile,
    source: str | None = None,
    target: str | None = None,
) -> tuple[str, str, list[Problem]]:
    """(source language, target language, problems) of a bilingual file."""
    src = _language(table, bilingual.source_lang, source, (u.source for u in bilingual.units))
    tgt = _language(table, bilingual.target_lang, target, (u.target for u in bilingual.units))
    problems: list[Problem] = []
    for unit in bilingual.units:
        problems.extend(_check_unit(table, bilingual.path, unit, src, tgt))
    return src, tgt, problems


def _check_unit(table: Table, path: str, unit: Unit, src: str, tgt: str) -> list[Problem]:
    found_source = scan(table, unit.source, src, to=(tgt,))
    found_target = scan(table, unit.target, tgt, to=())
    in_target: dict[str, list[ScanMatch]] = {}
    for match in found_target:
        in_target.setdefault(match.concept_id, []).append(match)
    counts = Counter(m.concept_id for m in found_source)
    problems: list[Problem] = []
    seen: set[str] = set()
    for match in found_source:
        if match.concept_id in seen:
            continue
        seen.add(match.concept_id)
        wanted = match.equivalents.get(tgt, [])
        usable = [e["term"] for e in wanted if e["status"] in ("preferred", "admitted")]
        preferred = [e["term"] for e in wanted if e["status"] == "preferred"]
        hits = in_target.get(match.concept_id, [])
        good = [h for h in hits if h.status in (TermStatus.PREFERRED, TermStatus.ADMITTED)]
        bad = [h for h in hits if h.status not in (TermStatus.PREFERRED, TermStatus.ADMITTED)]
        found_texts = [h.text for h in hits]

        def problem(
            code: str,
            message: str,
            *,
            m: ScanMatch = match,
            usable: list[str] = usable,
            found: list[str] = found_texts,
        ) -> Problem:
            return Problem(
                path,
                unit.id,
                unit.line,
                code,
                CODES[code][1],
                m.concept_id,
                m.text,
                usable,
                found,
                message,
            )

        expected = " or ".join(f"'{t}'" for t in (preferred or usable)) or "(none in the glossary)"
        if bad and not good:
            problems.append(
                problem(
                    "Q102",
                    f"'{bad[0].text}' ({bad[0].status.value}) for '{match.text}': use {expected}",
                )
            )
        elif not hits:
            if not usable:
                continue  # the glossary has no target term to expect
            problems.append(problem("Q101", f"'{match.text}' is not rendered as {expected}"))
        elif preferred and not any(h.status is TermStatus.PREFERRED for h in good):
            problems.append(
                problem(
                    "Q201",
                    f"'{good[0].text}' (admitted) for '{match.text}': the preferred term is "
                    f"{expected}",
                )
            )
        elif len(hits) < counts[match.concept_id]:
            problems.append(
                problem(
                    "Q202",
                    f"'{match.term}' occurs {counts[match.concept_id]} times in the source, "
                    f"its equivalent {len(hits)} in the target",
                )
            )
    return problems


# -- output -------------------------------------------------------------------------------


def summary(problems: Sequence[Problem], files: int, units: int) -> dict[str, int]:
    errors = sum(1 for p in problems if p.severity == "error")
    return {
        "files": files,
        "units": units,
        "errors": errors,
        "warnings": len(problems) - errors,
    }


def summary_line(totals: dict[str, int]) -> str:
    """``13 units in 1 file: 2 errors, 3 warnings``."""

    def count(n: int, noun: str) -> str:
        return f"{n} {noun}" if n == 1 else f"{n} {noun}s"

    return (
        f"{count(totals['units'], 'unit')} in {count(totals['files'], 'file')}: "
        f"{count(totals['errors'], 'error')}, {count(totals['warnings'], 'warning')}"
    )


def problems_text(problems: Sequence[Problem]) -> str:
    return "\n".join(
        f"{p.path}:{p.line}:1: {p.code} {p.message} [unit {p.unit}, {p.concept_id}]"
        for p in problems
    )


def problems_json(problems: Sequence[Problem], totals: dict[str, int]) -> str:
    return json.dumps(
        {"problems": [p.as_dict() for p in problems], "summary": totals}, ensure_ascii=False
    )


def _escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def problems_github(problems: Sequence[Problem]) -> str:
    """GitHub Actions workflow commands: one annotation per problem."""
    return "\n".join(
        f"::{p.severity} file={_escape(p.path, True)},line={max(p.line, 1)},"
        f"title={p.code} {CODES[p.code][0]}::{_escape(p.message)}"
        for p in problems
    )


def problems_junit(problems: Sequence[Problem], files: Sequence[BilingualFile]) -> str:
    """JUnit XML: a test suite per file, a test case per unit, a failure per error and
    warning in it."""
    from lxml import etree

    root = etree.Element("testsuites", name="glossary check")
    by_unit: dict[tuple[str, str], list[Problem]] = {}
    for p in problems:
        by_unit.setdefault((p.path, p.unit), []).append(p)
    for bilingual in files:
        suite = etree.SubElement(root, "testsuite", name=bilingual.path)
        failures = 0
        for unit in bilingual.units:
            case = etree.SubElement(suite, "testcase", classname=bilingual.path, name=unit.id)
            for p in by_unit.get((bilingual.path, unit.id), []):
                failures += 1
                failure = etree.SubElement(
                    case, "failure", type=p.code, message=f"{p.code} {p.message}"
                )
                failure.text = f"{p.severity}: {p.message} ({p.concept_id})"
        suite.set("tests", str(len(bilingual.units)))
        suite.set("failures", str(failures))
    return etree.tostring(root, encoding="unicode", pretty_print=True).rstrip("\n")
