"""MultiTerm XML: the export of SDL/RWS MultiTerm (``<mtf>``), often in UTF-16.

One ``<conceptGrp>`` per entry holds its number (``<concept>``), system fields
(``<system type="status">``), change history (``<transacGrp>``), fields
(``<descripGrp><descrip type="NAME">``) and one ``<languageGrp>`` per language, named by
``<language type="Russian" lang="RU-RU"/>``; each holds its fields and one ``<termGrp>``
per term. A field may hold sub-fields (a ``<descripGrp>`` in a ``<descripGrp>``: the
source of a definition) and links (``<xref Tlink="English:term">``, attributes ``Clink``,
``Tlink``, ``Ulink`` …). Fields are named as the termbase's definition names them, so
they are read by name: MultiTerm's English names (``Definition``, ``Status``, ``Part of
Speech``, ``Gender``, ``Subject``, ``Note``, ``Source``, ``Context``) and the field
words of partners' spreadsheets in Finnish and Russian (``Määritelmä``, ``Примечание``).
docs/format.md ("MultiTerm XML") has the whole mapping; whatever has no field in the
model is counted in the report with the position of the first.

The parser is the TBX reader's (:mod:`glossary.sources.xmlread`): no entities, DTD or
network, libxml2's limits on depth and text size.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import IO

from lxml import etree

from glossary.langtags import canonical_tag
from glossary.model import (
    Concept,
    ConceptStatus,
    Glossary,
    GlossaryMeta,
    LangSection,
    SourceLocation,
    Term,
    UsageLabel,
)
from glossary.sources.tableheaders import FIELD_WORDS, language_names, words
from glossary.sources.tbx import TbxResult
from glossary.sources.tbx_categories import CATEGORY_NAMES, term_from_fields
from glossary.sources.tbx_history import (
    AUTHORS_NOT_IMPORTED,
    CREATED_NOT_IMPORTED,
    UNDATED_NOT_IMPORTED,
    read_transaction,
)
from glossary.sources.tbx_values import PICKLISTS, STATUS_CATEGORIES, STATUS_VALUES
from glossary.sources.xmlread import XmlReader, local, text
from glossary.util import UniqueIds, slugify
from glossary.validation.diagnostics import load_diagnostic

__all__ = ["is_multiterm", "read_multiterm"]

#: Field names (case-folded) that name a cross-reference to another entry.
_CROSS_REFERENCE = frozenset(
    {
        "cross reference",
        "cross-reference",
        "crossreference",
        "see",
        "see also",
        "related",
        "related concept",
        "related term",
        "ks",
        "katso",
        "katso myös",
        "см",
        "см также",
    }
)
#: Field words of spreadsheet headers (:mod:`glossary.sources.tableheaders`) -> category.
_FIELD_CATEGORY = {
    "definition": "definition",
    "note": "note",
    "context": "context",
    "source": "source",
    "pos": "partOfSpeech",
    "gender": "grammaticalGender",
    "subject": "subjectField",
    "status": "administrativeStatus",
}
#: ``<system type="status">`` and concept-level status fields.
_CONCEPT_STATUS = {
    "new": ConceptStatus.DRAFT,
    "draft": ConceptStatus.DRAFT,
    "reviewed": ConceptStatus.REVIEWED,
    "approved": ConceptStatus.APPROVED,
    "retired": ConceptStatus.RETIRED,
}
_LINKS = ("Clink", "Tlink", "Ulink", "Glink", "Slink", "Plink")
_HTTP = re.compile(r"https?://\S+\Z", re.I)

NUMBERS_NOT_KEPT = (
    "MultiTerm entry numbers (<concept>) are not kept: each concept's id is made from "
    "its English term, else its first term"
)
CONCEPT_DEFINITIONS = (
    "definitions at concept level name no language; they were kept in the concept's "
    "note as 'Definition: …'"
)


def is_multiterm(data: bytes) -> bool:
    """Whether ``data`` is XML whose root element is MultiTerm's ``<mtf>``.

    Only the start of the document is parsed (the first element ends the scan), with the
    same safe settings as the readers."""
    try:
        for _, element in etree.iterparse(
            io.BytesIO(data),
            events=("start",),
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
            remove_comments=True,
            remove_pis=True,
        ):
            return local(element) == "mtf"
    except (etree.LxmlError, ValueError):
        return False
    return False


@dataclass
class _Field:
    """One ``<descripGrp>``: its field's category, name and text, and where it is."""

    category: str
    kind: str
    value: str
    element: etree._Element
    source: str | None = None
    #: Targets of its links: (attribute, value), for a cross-reference.
    links: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class _Link:
    """A cross-reference to be resolved once every entry is read."""

    concept: int  # index of the concept that holds it
    kind: str  # "Clink" (an entry number), "Tlink" (Index:term) or "text" (a term)
    target: str
    element: etree._Element


def _category(kind: str) -> str:
    """The TBX category a MultiTerm field name stands for, else the name itself."""
    key = " ".join(kind.casefold().split())
    if key in CATEGORY_NAMES:
        return CATEGORY_NAMES[key]
    if key in _CROSS_REFERENCE or key.rstrip(".") in _CROSS_REFERENCE:
        return "crossReference"
    if key == "usage":
        return "usage"
    folded = " ".join(words(kind))
    for name, category in _FIELD_CATEGORY.items():
        if folded in FIELD_WORDS[name]:
            return category
    return kind


class _Reader(XmlReader):
    def __init__(self, name: str, data: bytes) -> None:
        super().__init__(name, data)
        self.latest: dt.date | None = None
        self.subjects: dict[str, str] = {}  # code -> the subject as written
        self.links: list[_Link] = []
        self.pending: list[_Link] = []  # those of the entry being read
        self.numbers: dict[str, int] = {}  # MultiTerm entry number -> concept index

    # -- document ---------------------------------------------------------------------

    def read(self) -> tuple[Glossary | None, list[Concept]]:
        tree = self.parse()
        if tree is None:
            return None, []
        root = tree.getroot()
        if local(root) != "mtf":
            self.report("L113", f"the root element is <{local(root)}>, not <mtf>", root)
            return None, []
        concepts: list[Concept] = []
        for child in root:
            name = local(child)
            if name == "conceptGrp":
                self.pending = []
                concept = self._concept(child, len(concepts))
                if concept is not None:
                    concepts.append(concept)
                    self.links.extend(self.pending)
            elif name:
                self.count("L115", f"<{name}> outside a <conceptGrp> was not imported", child)
        concepts = self._ids(concepts)
        concepts = self._resolve(concepts)
        if not concepts:
            self.report("L112", "the file holds no concept entry with a term", root)
        self.flush_counts()
        languages = tuple(dict.fromkeys(lang for c in concepts for lang in c.languages))
        stem = re.sub(r"\.[^.]*$", "", self.name.replace("\\", "/").rsplit("/", 1)[-1])
        # The subjects' labels are in no stated language: they are taken as the first's.
        label_lang = languages[0] if languages else "und"
        meta = GlossaryMeta(
            id=slugify(stem, "glossary"),
            languages=languages,
            subjects={code: {label_lang: label} for code, label in self.subjects.items()},
            location=SourceLocation(self.name, 1, 1),
        )
        by_id: dict[str, Concept] = {}
        for concept in concepts:
            by_id.setdefault(concept.id, concept)
        return Glossary(meta, by_id, SourceLocation(self.name, 1, 1)), concepts

    def _ids(self, concepts: list[Concept]) -> list[Concept]:
        """Ids made from the English term, else the first (entry numbers are not ids)."""
        used = UniqueIds()
        named = []
        for concept in concepts:
            term = next(
                (s.terms[0].term for lang, s in _english_first(concept) if s.terms), "concept"
            )
            named.append(replace(concept, id=used.add(slugify(term))))
        return named

    def _resolve(self, concepts: list[Concept]) -> list[Concept]:
        """Cross-references to entries of the file become ``related``; others are counted."""
        if not self.links:
            return concepts
        by_term: dict[str, set[int]] = {}
        for index, concept in enumerate(concepts):
            for term in concept.terms():
                by_term.setdefault(term.term.strip().casefold(), set()).add(index)
        related: dict[int, list[str]] = {}
        for link in self.links:
            target = self._target(link, by_term)
            if target is None or target == link.concept:
                self.count(
                    "L115",
                    "cross-references to no other entry of the file (or to several) were "
                    "not imported",
                    link.element,
                )
                continue
            found = related.setdefault(link.concept, [])
            if concepts[target].id not in found:
                found.append(concepts[target].id)
        return [
            replace(c, related=c.related + tuple(related[i])) if i in related else c
            for i, c in enumerate(concepts)
        ]

    def _target(self, link: _Link, by_term: dict[str, set[int]]) -> int | None:
        if link.kind == "Clink":
            number = link.target.strip().rsplit(":", 1)[-1].strip()
            return self.numbers.get(number)
        term = link.target.split(":", 1)[1] if link.kind == "Tlink" else link.target
        found = by_term.get(term.strip().casefold(), set()) - {link.concept}
        return next(iter(found)) if len(found) == 1 else None

    # -- entries ----------------------------------------------------------------------

    def _concept(self, group: etree._Element, index: int) -> Concept | None:
        self.latest = None
        number: str | None = None
        status: ConceptStatus | None = None
        subjects: list[str] = []
        notes: list[str] = []
        sections: dict[str, LangSection] = {}
        for child in group:
            name = local(child)
            if name == "concept":
                number = text(child).strip() or None
            elif name == "system":
                status = self._system(child, status)
            elif name == "transacGrp":
                self._transaction(child)
            elif name == "descripGrp":
                found = self._field(child)
                if found is None:
                    continue
                if found.category == "subjectField":
                    subjects.extend(self._subjects(found.value))
                elif found.category == "note":
                    notes.append(found.value)
                elif found.category == "definition":
                    self.count("L116", CONCEPT_DEFINITIONS, found.element)
                    notes.append(f"Definition: {found.value}")
                elif found.category == "crossReference":
                    self._cross_reference(found, index)
                elif found.category in STATUS_CATEGORIES and found.value.strip().casefold() in (
                    _CONCEPT_STATUS
                ):
                    status = _CONCEPT_STATUS[found.value.strip().casefold()]
                else:
                    self._not_imported(found, "at concept level")
            elif name == "languageGrp":
                section = self._language(child, index, subjects)
                if section is None:
                    continue
                if section.lang in sections:
                    self.count("L116", "repeated languages in one entry were merged", child)
                    section = _merge(sections[section.lang], section)
                sections[section.lang] = section
            elif name:
                self.count("L115", f"<{name}> in a <conceptGrp> was not imported", child)
        if not any(section.terms for section in sections.values()):
            self.count("L116", "entries without any term were skipped", group)
            return None
        if number is not None:
            self.numbers.setdefault(number, index)
            self.count("L116", NUMBERS_NOT_KEPT, group)
        return Concept(
            id="",
            languages=sections,
            subjects=tuple(dict.fromkeys(subjects)),
            status=status or ConceptStatus.DRAFT,
            note="\n\n".join(notes) if notes else None,
            updated=self.latest,
            location=self.loc(group),
        )

    def _system(
        self, element: etree._Element, status: ConceptStatus | None
    ) -> ConceptStatus | None:
        kind = (element.get("type") or "").strip()
        value = text(element).strip().casefold()
        if kind == "status" and value in _CONCEPT_STATUS:
            return _CONCEPT_STATUS[value]
        if value:
            what = f"system fields ('{kind}')" if kind else "system fields"
            self.count("L115", f"{what} have no field in the model and were not imported", element)
        return status

    def _language(
        self, group: etree._Element, index: int, subjects: list[str]
    ) -> LangSection | None:
        lang = self._lang(group)
        if lang is None:
            return None
        terms: list[Term] = []
        definitions: list[str] = []
        source: str | None = None
        notes: list[str] = []
        for child in group:
            name = local(child)
            if name in ("language", ""):
                continue
            if name == "termGrp":
                term = self._term(child, index, subjects, definitions)
                if term is not None:
                    terms.append(term)
            elif name == "transacGrp":
                self._transaction(child)
            elif name == "descripGrp":
                found = self._field(child)
                if found is None:
                    continue
                if found.category == "definition":
                    definitions.append(found.value)
                    source = source if source is not None else found.source
                elif found.category == "source":
                    source = self._source(found, source)
                elif found.category == "note":
                    notes.append(found.value)
                elif found.category == "subjectField":
                    subjects.extend(self._subjects(found.value))
                elif found.category == "crossReference":
                    self._cross_reference(found, index)
                else:
                    self._not_imported(found, "in language groups")
            else:
                self.count("L115", f"<{name}> in a <languageGrp> was not imported", child)
        if not terms and not definitions and source is None and not notes:
            return None
        if len(definitions) > 1:
            self.count("L116", "several definitions in one language were joined", group)
        return LangSection(
            lang=lang,
            terms=tuple(terms),
            definition="\n\n".join(definitions) if definitions else None,
            source=source,
            note="\n\n".join(notes) if notes else None,
            location=self.loc(group),
        )

    def _lang(self, group: etree._Element) -> str | None:
        """The tag of a ``<languageGrp>``: its ``lang`` code, else its language's name."""
        language = next((c for c in group if local(c) == "language"), None)
        if language is None:
            self.count("L111", "language groups without <language> were skipped", group)
            return None
        code = (language.get("lang") or "").strip()
        name = (language.get("type") or "").strip()
        tag = canonical_tag(code) if code else None
        if tag is None and name:
            tag = language_names().get(" ".join(words(name)))
        if tag is None:
            what = f"language groups of '{name}' with lang '{code}' (not a BCP 47 tag) were skipped"
            self.count("L111", what, language)
        return tag

    def _term(
        self,
        group: etree._Element,
        index: int,
        subjects: list[str],
        definitions: list[str],
    ) -> Term | None:
        element = next((c for c in group if local(c) == "term"), None)
        if element is None:
            self.count("L116", "term groups without <term> were skipped", group)
            return None
        value = text(element)
        if not value.strip():
            self.count("L116", "empty terms were skipped", element)
            return None
        fields: dict[str, object] = {}
        notes: list[str] = []
        for child in group:
            name = local(child)
            if child is element or not name:
                continue
            if name == "transacGrp":
                self._transaction(child)
            elif name == "descripGrp":
                found = self._field(child)
                if found is not None:
                    self._term_field(found, fields, notes, index, subjects, definitions)
            else:
                self.count("L115", f"<{name}> in a <termGrp> was not imported", child)
        return term_from_fields(value, fields, notes, self.loc(element))

    def _term_field(
        self,
        found: _Field,
        fields: dict[str, object],
        notes: list[str],
        index: int,
        subjects: list[str],
        definitions: list[str],
    ) -> None:
        category, value = found.category, found.value
        key = value.strip().casefold()
        if category in STATUS_CATEGORIES or (category == "usage" and key in STATUS_VALUES):
            status = STATUS_VALUES.get(key)
            if status is None:
                what = f"unknown values of '{found.kind}' were read as 'preferred'"
                self.count("L116", what, found.element)
            elif "status" not in fields:
                fields["status"] = status
            else:
                self._not_imported(found, "on terms (a second status)")
        elif category == "usage" and key in UsageLabel.__members__.values():
            labels = fields.setdefault("usage", ())
            fields["usage"] = (*labels, UsageLabel(key))  # type: ignore[misc]
        elif category in PICKLISTS:
            name, table, fallback = PICKLISTS[category]
            picked = table.get(key)
            if picked is None:
                what = f"{found.kind} '{value}' is not a value of the model and was read as"
                self.count("L116", f"{what} '{fallback.value}'", found.element)
                picked = fallback
            fields[name] = picked
        elif category == "context" and "context" not in fields:
            fields["context"] = value
            if found.source is not None:
                fields["context_source"] = found.source
        elif category == "source" and "source" not in fields:
            fields["source"] = self._source(found, None)
        elif category == "note":
            notes.append(value)
        elif category == "definition" and not definitions:
            self.count(
                "L116",
                "definitions on terms were read as their language's definition",
                found.element,
            )
            definitions.append(value)
        elif category == "subjectField":
            subjects.extend(self._subjects(value))
        elif category == "crossReference":
            self._cross_reference(found, index)
        else:
            self._not_imported(found, "on terms")

    # -- fields -----------------------------------------------------------------------

    def _field(self, group: etree._Element) -> _Field | None:
        """A ``<descripGrp>``: its ``<descrip>``, with a nested source and its links."""
        descrip: etree._Element | None = None
        nested: list[etree._Element] = []
        for child in group:
            name = local(child)
            if name == "descrip" and descrip is None:
                descrip = child
            elif name == "descripGrp":
                nested.append(child)
            elif name == "transacGrp":
                self._transaction(child)
            elif name:
                self.count("L115", f"<{name}> in a <descripGrp> was not imported", child)
        if descrip is None:
            self.count("L115", "<descripGrp> elements without <descrip> were not imported", group)
            return None
        kind = (descrip.get("type") or "").strip()
        value = text(descrip)
        found = _Field(_category(kind) if kind else "note", kind or "(untyped)", value, descrip)
        for attribute in _LINKS:
            if descrip.get(attribute):
                found.links.append((attribute, descrip.get(attribute, "")))
        for xref in descrip.iter(tag=etree.Element):
            if xref is not descrip and xref.get("Tlink"):
                found.links.append(("xref", xref.get("Tlink", "")))
        for inner in nested:
            sub = self._field(inner)
            if sub is None:
                continue
            if sub.category == "source" and found.source is None:
                found.source = self._source(sub, None)
            else:
                self._not_imported(sub, f"inside a '{found.kind}' field")
        if not value.strip() and not (found.category == "source" and _url(found)):
            if found.links and found.category == "crossReference":
                return found  # a link with no text of its own
            return None  # an empty field holds nothing to import
        if any(attribute not in _used_links(found) for attribute, _ in found.links):
            what = "links in fields (<xref>, Clink, Tlink, Ulink …) were not imported"
            self.count("L115", what, descrip)
        return found

    def _source(self, found: _Field, current: str | None) -> str | None:
        """A source field's text; a link to a web address (``Ulink``) is kept with it."""
        if current is not None:
            self._not_imported(found, "(a second source)")
            return current
        value = found.value.strip()
        url = _url(found)
        if url and url != value:
            return f"{value} ({url})" if value else url
        return found.value

    def _cross_reference(self, found: _Field, index: int) -> None:
        """An entry (``Clink``), a term (``Tlink="Index:term"``, ``<xref>``) or, with no
        link, the field's text taken as a term of another entry."""
        targets: list[tuple[str, str]] = []
        for attribute, value in found.links:
            if attribute == "Clink":
                targets.append(("Clink", value))
            elif attribute in ("Tlink", "xref"):
                targets.append(("Tlink", value) if ":" in value else ("text", value))
        if not targets and found.value.strip():
            targets = [("text", found.value)]
        if not targets:
            self._not_imported(found, "(a cross-reference without a target)")
        for kind, target in targets:
            self.pending.append(_Link(index, kind, target, found.element))

    def _not_imported(self, found: _Field, where: str) -> None:
        self.count(
            "L115",
            f"'{found.kind}' {where} has no field in the model and was not imported",
            found.element,
        )

    def _subjects(self, value: str) -> Iterator[str]:
        for part in (p.strip() for p in value.split(";")):
            if part:
                code = slugify(part, "subject")
                if code != part:
                    self.subjects.setdefault(code, part)
                yield code

    def _transaction(self, group: etree._Element) -> None:
        """A change on the entry, a language or a term: the latest modification is kept."""
        change = read_transaction(group)
        if change.author is not None:
            self.count("L115", AUTHORS_NOT_IMPORTED, change.author)
        if change.date is None or change.date_element is None:
            self.count("L115", UNDATED_NOT_IMPORTED, group)
        elif change.created:
            self.count("L115", CREATED_NOT_IMPORTED, change.date_element)
        elif self.latest is None or change.date > self.latest:
            self.latest = change.date


def _used_links(found: _Field) -> tuple[str, ...]:
    """The links of a field that the reader imports: a cross-reference's targets, the web
    address of a source."""
    if found.category == "crossReference":
        return ("Clink", "Tlink", "xref")
    if found.category == "source" and _url(found):
        return ("Ulink",)
    return ()


def _url(found: _Field) -> str | None:
    for attribute, value in found.links:
        if attribute == "Ulink" and _HTTP.match(value.strip()):
            return value.strip()
    value = found.value.strip()
    return value if found.category == "source" and _HTTP.match(value) else None


def _english_first(concept: Concept) -> Iterator[tuple[str, LangSection]]:
    english = [(lang, s) for lang, s in concept.languages.items() if lang.split("-")[0] == "en"]
    yield from english
    yield from concept.languages.items()


def _merge(first: LangSection, second: LangSection) -> LangSection:
    def pick(a: str | None, b: str | None) -> str | None:
        return b if a is None else a if b is None or b == a else f"{a}\n\n{b}"

    return replace(
        first,
        terms=first.terms + second.terms,
        definition=pick(first.definition, second.definition),
        source=first.source if first.source is not None else second.source,
        note=pick(first.note, second.note),
    )


def read_multiterm(fp: IO[bytes], *, name: str) -> TbxResult:
    """Read a MultiTerm XML export (any encoding its declaration names, UTF-16 too)."""
    data = fp.read()
    if not data.strip():
        return TbxResult(None, [], [load_diagnostic("L112", "the file is empty", name, 1, 1)])
    reader = _Reader(name, data)
    glossary, concepts = reader.read()
    return TbxResult(glossary, concepts, sorted(reader.diagnostics))
