"""TBX: read v3 (TBX-Basic, -Core, -Min and others; DCA and DCT) and v2 (``martif``).

``read_tbx`` is tolerant: it reads what real tools write (``tig`` and ``ntig``, missing or
non-NCName ids, picklist values in other spellings, a missing ``<martif>`` root) and
says what it repaired or skipped in diagnostics. Parsing never resolves entities,
never loads a DTD and never touches the network.

``write_tbx`` writes TBX-Basic, v3 in DCA style or v2 (see :mod:`glossary.sources.tbx_write`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any

from lxml import etree

from glossary.langtags import canonical_tag
from glossary.model import (
    ID_PATTERN,
    RELATIONS,
    Concept,
    ConceptStatus,
    Glossary,
    GlossaryMeta,
    Image,
    LangSection,
    PartOfSpeech,
    SourceLocation,
    Term,
)
from glossary.sources.tbx_categories import (
    ENTRY_DEFINITION_KEPT,
    INHERITED_DEFINITION_FOLDED,
    dca_category,
    fold_inherited,
    joined_note,
    other_definition,
    term_from_fields,
)
from glossary.sources.tbx_history import (
    AUTHORS_NOT_IMPORTED,
    CREATED_NOT_IMPORTED,
    UNDATED_NOT_IMPORTED,
    read_transaction,
)
from glossary.sources.tbx_notes import (
    read_image_note,
    read_relation_ref,
    read_section_note,
    read_term_note,
)
from glossary.sources.tbx_values import PICKLISTS, STATUS_CATEGORIES, STATUS_VALUES
from glossary.sources.tbx_write import (
    HEADER_LABELS,
    HEADER_NOTE,
    PROPER_NOUN_NOTE,
    STATUS_NOTE,
    SUBJECT_NOTE,
    generate_tbx,
    write_tbx,
)
from glossary.sources.xmlread import XmlReader, make_parser
from glossary.sources.xmlread import local as _local
from glossary.sources.xmlread import text as _text
from glossary.util import UniqueIds, http_url, slugify
from glossary.validation.diagnostics import Diagnostic, Severity, load_diagnostic

__all__ = ["generate_tbx", "make_parser", "read_tbx", "write_tbx"]


_ENTRY = ("conceptEntry", "termEntry")
_SECTION = ("langSec", "langSet")
_TERM_HOLDER = ("termSec", "tig", "ntig")
_DCA = (
    "termNote",
    "descrip",
    "admin",
    "ref",
    "xref",
    "transac",
    "transacNote",
    "adminNote",
    "descripNote",
)
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


_HEADER_KEYS = {label: key for key, label in HEADER_LABELS.items()}


def _in_source_desc(element: etree._Element) -> bool:
    parent = element.getparent()
    return parent is not None and _local(parent) == "sourceDesc"


class _Reader(XmlReader):
    def __init__(self, name: str, data: bytes, schema: bool = False, rng: Path | None = None):
        super().__init__(name, data)
        self.schema = schema
        self.rng = rng
        self.default_lang = "und"
        self.subjects: dict[str, dict[str, str]] = {}
        self.subject_codes: dict[str, str] = {}
        self.latest: dt.date | None = None  # the latest change of the entry being read
        # <ref> elements in the terms of the entry being read: (target, element)
        self.term_refs: list[tuple[str, etree._Element]] = []

    # -- document ---------------------------------------------------------------------

    def read(self) -> Glossary | None:
        tree = self.parse()
        if tree is None:
            return None
        root = tree.getroot()

        root_name = _local(root)
        if root_name not in ("tbx", "martif", "martifHeader", "TBX"):
            self.report("L113", f"the root element is <{root_name}>, not <tbx> or <martif>", root)
            return None
        if root_name == "TBX":  # TBX-Min of 2013: <TBX dialect="TBX-Min">, v2 elements
            self.report("L116", "the root element is <TBX> (TBX-Min 2013); read as TBX v2", root)
        if self.schema:
            from glossary.validation.rules.tbx_basic import check_tree

            self.diagnostics.extend(check_tree(root, self.name, self.positions.of))
        if self.rng is not None:
            self._check_rng(tree)
        if root_name == "martifHeader":
            self.report(
                "L116", "the root element is <martifHeader>, not <martif>; read it anyway", root
            )
        self.default_lang = canonical_tag(root.get(_XML_LANG, "") or "") or "und"
        meta = self._header(root)
        concepts = self._entries(root)
        if not concepts:
            self.report("L112", "the file holds no concept entry with a term", root)
        self.flush_counts()
        languages = meta.languages or self._languages(concepts)
        subjects = dict(meta.subjects)
        for code, labels in self.subjects.items():
            subjects.setdefault(code, labels)
        meta = GlossaryMeta(
            id=meta.id,
            title=meta.title,
            languages=languages,
            required=meta.required,
            version=meta.version,
            license=meta.license,
            publisher=meta.publisher,
            base_url=meta.base_url,
            # The document's language is where concept notes are written; the first
            # language is the default, which a glossary need not state.
            note_language=(
                self.default_lang
                if self.default_lang not in ("und", languages[0] if languages else "und")
                else None
            ),
            subjects=subjects,
            location=meta.location,
        )
        by_id: dict[str, Concept] = {}
        for concept in concepts:
            by_id.setdefault(concept.id, concept)
        self.concepts = concepts
        return Glossary(meta, by_id, SourceLocation(self.name, 1, 1))

    def _check_rng(self, tree: etree._ElementTree) -> None:
        from glossary.validation.rules.tbx_basic import CODE

        assert self.rng is not None
        try:
            schema = etree.RelaxNG(etree.parse(str(self.rng), make_parser()))
        except (OSError, etree.LxmlError) as exc:
            message = f"the RELAX NG schema {self.rng} cannot be used: {exc}"
            self.diagnostics.append(load_diagnostic("L101", message, self.name, 0, 0))
            return
        if not schema.validate(tree):
            for error in schema.error_log:
                self.diagnostics.append(
                    Diagnostic(
                        self.name,
                        error.line,
                        error.column or 0,
                        CODE,
                        f"{error.message} (schema {self.rng.name})",
                        Severity.ERROR,
                    )
                )

    def _languages(self, concepts: list[Concept]) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        if self.default_lang != "und":
            seen[self.default_lang] = None
        for concept in concepts:
            seen.update(dict.fromkeys(concept.languages))
        return tuple(seen)

    # -- header -----------------------------------------------------------------------

    def _header(self, root: etree._Element) -> GlossaryMeta:
        header = next((e for e in root.iter() if _local(e) in ("tbxHeader", "martifHeader")), None)
        values: dict[str, str] = {}
        titles: dict[str, str] = {}
        subjects: dict[str, dict[str, str]] = {}
        if header is not None:
            for element in header.iter():
                name = _local(element)
                lang = canonical_tag(element.get(_XML_LANG, "") or "") or self.default_lang
                if name == "title":
                    titles.setdefault(lang, _text(element).strip())
                elif name == "note" and element.get(_XML_LANG):
                    parent = element.getparent()
                    if parent is not None and _local(parent) == "titleStmt":
                        titles.setdefault(lang, _text(element).strip())
                elif name == "p" and element.get("type"):
                    kind = element.get("type", "")
                    if kind.startswith("subject:"):
                        subjects.setdefault(kind[8:], {})[lang] = _text(element)
                    else:
                        values.setdefault(kind, _text(element))
                elif name == "p" and _in_source_desc(element):
                    # TBX v2 has no typed paragraphs: "Version: 2026.1", "Subject vet: …".
                    text = _text(element)
                    if field_match := HEADER_NOTE.fullmatch(text):
                        values.setdefault(_HEADER_KEYS[field_match[1]], field_match[2])
                    elif subject_match := SUBJECT_NOTE.fullmatch(text):
                        subjects.setdefault(subject_match[1], {})[lang] = subject_match[2]
        for code, labels in subjects.items():
            self.subject_codes[code] = code
            self.subjects[code] = labels

        def tags(key: str) -> tuple[str, ...]:
            found = (canonical_tag(t) for t in values.get(key, "").split())
            return tuple(t for t in found if t)

        stem = re.sub(r"\.[^.]*$", "", self.name.replace("\\", "/").rsplit("/", 1)[-1])
        return GlossaryMeta(
            id=values.get("id") or slugify(stem, "glossary"),
            title=titles,
            languages=tags("languages"),
            required=tags("required"),
            version=values.get("version"),
            license=values.get("license"),
            publisher=values.get("publisher"),
            base_url=values.get("baseUrl"),
            subjects=subjects,
            location=self.loc(header) if header is not None else SourceLocation(self.name, 1, 1),
        )

    # -- entries ----------------------------------------------------------------------

    def _entries(self, root: etree._Element) -> list[Concept]:
        concepts: list[Concept] = []
        used = UniqueIds()
        owners: dict[str, int] = {}  # ids of entries and of what is in them -> concept
        refs: list[tuple[int, str, etree._Element]] = []
        for element in root.iter(tag=etree.Element):
            if _local(element) in _ENTRY:
                self.term_refs = []
                concept = self._entry(element, used)
                if concept is not None:
                    for inner in element.iter(tag=etree.Element):
                        if inner.get("id"):
                            owners.setdefault(inner.get("id", ""), len(concepts))
                    refs.extend((len(concepts), target, ref) for target, ref in self.term_refs)
                    concepts.append(concept)
        return _related_by_term_refs(concepts, owners, refs, self.count) if refs else concepts

    def _entry_id(
        self, element: etree._Element, sections: dict[str, LangSection], used: UniqueIds
    ) -> str:
        raw = element.get("id")
        if raw is not None and ID_PATTERN.fullmatch(raw):
            wanted = raw
        else:
            if raw is None or not raw.strip():
                first = self._naming_term(sections)
                wanted = slugify(first) if first else "concept"
                self.count("L116", "entries without an id were given one made from a term", element)
            else:
                wanted = slugify(raw)
                if wanted != raw:
                    self.count(
                        "L116",
                        "entry ids that are not lower-case a-z, 0-9 and - were made into such ids",
                        element,
                    )
        concept_id = used.add(wanted)
        if concept_id != wanted and raw is not None and ID_PATTERN.fullmatch(raw):
            self.report(
                "L116",
                f"id '{raw}' is used by an earlier entry; this one becomes '{concept_id}'",
                element,
                concept_id,
            )
        return concept_id

    def _naming_term(self, sections: dict[str, LangSection]) -> str | None:
        order = ["en", self.default_lang, *sections]
        for lang in order:
            section = sections.get(lang)
            if section and section.terms:
                return section.terms[0].term
        return None

    def _entry(self, element: etree._Element, used: UniqueIds) -> Concept | None:
        subjects: list[str] = []
        relations: dict[str, list[str]] = {name: [] for name in RELATIONS}
        notes: list[str] = []
        status: ConceptStatus | None = None
        self.latest = None
        image: dict[str, str] = {}
        # language -> definition/source/note/equivalence of a section without terms
        loose: dict[str, dict[str, Any]] = {}
        inherited: set[str] = set()  # loose languages taken from the root's xml:lang
        own: set[str] = set()  # loose languages elements name in their own xml:lang
        sections: dict[str, LangSection] = {}

        for child in element:
            name = _local(child)
            if not name:
                continue
            if name in _SECTION:
                section = self._section(child)
                if section is None:
                    continue
                if section.lang in sections:
                    self.count("L116", "repeated language sections in one entry were merged", child)
                    section = _merge(sections[section.lang], section)
                sections[section.lang] = section
                continue
            category, value, source = self._category(child)
            if category == "subjectField":
                for part in (p.strip() for p in value.split(";")):
                    if part:
                        subjects.append(self._subject(part))
            elif category == "crossReference":
                relation, written = read_relation_ref(value)
                target = child.get("target") or written
                relations[relation].append(
                    target if ID_PATTERN.fullmatch(target) else slugify(target)
                )
            elif category == "xGraphic" and "path" not in image and child.get("target"):
                image["path"] = child.get("target", "")
                if value.strip() and value != image["path"]:
                    image["caption"] = value
            elif category == "definition":
                tagged = (
                    child
                    if child.get(_XML_LANG)
                    else next((e for e in child.iter(tag=etree.Element) if e.get(_XML_LANG)), child)
                )
                lang = canonical_tag(tagged.get(_XML_LANG, "") or "") or self.default_lang
                # the document's language, or the element's own
                (own if tagged.get(_XML_LANG) else inherited).add(lang)
                slot = loose.setdefault(lang, {})
                slot["definition"] = value
                if source is not None:
                    slot["source"] = source
            elif category == "source" and child.get(_XML_LANG):
                lang = canonical_tag(child.get(_XML_LANG, "")) or self.default_lang
                loose.setdefault(lang, {})["source"] = value
                own.add(lang)
            elif category == "note":
                lang_attr = child.get(_XML_LANG)
                marker = STATUS_NOTE.fullmatch(value)
                if marker and status is None and not notes and not lang_attr:
                    status = ConceptStatus(marker.group(1))
                elif not notes and not lang_attr and read_image_note(value, image):
                    pass
                elif lang_attr:
                    lang = canonical_tag(lang_attr) or self.default_lang
                    own.add(lang)
                    slot = loose.setdefault(lang, {})
                    if "note" in slot or not read_section_note(value, slot):
                        slot["note"] = value
                else:
                    notes.append(value)
            elif category == "transactionGroup":
                self._transaction(child)
            elif category:
                self.count(
                    "L115",
                    f"'{category}' at entry level has no field in the model and was skipped",
                    child,
                )

        for tag in inherited - own:
            if fold_inherited(tag, loose, sections):
                self.count("L116", INHERITED_DEFINITION_FOLDED, element)
        for tag, slot in loose.items():
            lang = tag
            existing = sections.get(lang)
            if existing is not None and other_definition(existing, slot):
                self.count("L116", ENTRY_DEFINITION_KEPT, element)
            if existing is None:
                sections[lang] = LangSection(
                    lang,
                    (),
                    slot.get("definition"),
                    slot.get("source"),
                    slot.get("note"),
                    slot.get("equivalence"),
                    slot.get("equivalence_note"),
                    self.loc(element),
                )
            else:
                sections[lang] = LangSection(
                    lang,
                    existing.terms,
                    existing.definition
                    if existing.definition is not None
                    else slot.get("definition"),
                    existing.source if existing.source is not None else slot.get("source"),
                    joined_note(existing, slot),
                    existing.equivalence or slot.get("equivalence"),
                    existing.equivalence_note or slot.get("equivalence_note"),
                    existing.location,
                )
        if not any(section.terms for section in sections.values()):
            self.count("L116", "entries without any term were skipped", element)
            return None
        concept_id = self._entry_id(element, sections, used)
        return Concept(
            id=concept_id,
            languages=sections,
            subjects=tuple(subjects),
            status=status or ConceptStatus.DRAFT,
            broader=tuple(relations["broader"]),
            part_of=tuple(relations["part_of"]),
            related=tuple(relations["related"]),
            replaced_by=tuple(relations["replaced_by"]),
            note="\n\n".join(notes) if notes else None,
            updated=self.latest,
            image=Image(image["path"], image.get("caption"), image.get("source"))
            if "path" in image
            else None,
            location=self.loc(element),
        )

    def _transaction(self, group: etree._Element) -> None:
        """A change on the entry, a section or a term: the latest modification is kept."""
        change = read_transaction(group)
        if change.author is not None:
            self.count("L115", AUTHORS_NOT_IMPORTED, change.author)
        if change.date is None or change.date_element is None:
            self.count("L115", UNDATED_NOT_IMPORTED, group)
        elif change.created:
            self.count("L115", CREATED_NOT_IMPORTED, change.date_element)
        elif self.latest is None or change.date > self.latest:
            self.latest = change.date

    def _subject(self, value: str) -> str:
        if value in self.subject_codes:
            return self.subject_codes[value]
        code = slugify(value, "subject")
        self.subject_codes[value] = code
        if code != value:
            # A free-text subject ("Astronomy") gets a code and keeps its text as the label.
            self.subjects.setdefault(code, {})[self.default_lang] = value
        return code

    def _category(self, element: etree._Element) -> tuple[str, str, str | None]:
        """The data category of a child element, its text and, for groups, its source."""
        name = _local(element)
        namespace = etree.QName(element.tag).namespace if isinstance(element.tag, str) else None
        if name == "note":
            return "note", _text(element), None
        if name in ("transacGrp",):
            return "transactionGroup", "", None
        if name in ("descripGrp", "termNoteGrp", "adminGrp"):
            main = next(
                (
                    c
                    for c in element
                    if _local(c) not in ("admin", "adminGrp", "note", "descripNote", "transacGrp")
                ),
                None,
            )
            if main is None:
                return "", "", None
            category, value, _ = self._category(main)
            source = None
            for extra in element:
                if extra is main:
                    continue
                extra_category, extra_value, _ = self._category(extra)
                if extra_category == "source" and source is None:
                    source = extra_value
                elif extra_category:
                    what = f"'{extra_category}' inside <{name}>"
                    self.count("L115", f"{what} has no field in the model and was skipped", extra)
            return category, value, source
        if name in _DCA:
            return dca_category(name, element.get("type"), _text(element))
        if namespace and namespace.startswith("urn:iso:std:iso:30042"):
            return "", "", None
        if namespace or name not in ("term", "termGrp"):
            return name, _text(element), None  # DCT style: the element name is the category
        return "", "", None

    def _section(self, element: etree._Element) -> LangSection | None:
        raw_lang = element.get(_XML_LANG)
        lang = canonical_tag(raw_lang or "")
        if lang is None:
            self.report(
                "L111",
                f"language section with xml:lang '{raw_lang or ''}' (not a BCP 47 tag) was skipped",
                element,
            )
            return None
        terms: list[Term] = []
        definitions: list[str] = []
        source: str | None = None
        notes: list[str] = []
        marked: dict[str, object] = {}
        for child in element:
            name = _local(child)
            if not name:
                continue
            if name in _TERM_HOLDER:
                term = self._term(child)
                if term is not None:
                    terms.append(term)
                continue
            if name == "term" and _text(child).strip():  # out of its <tig>: still a term
                self.count("L116", "terms outside a term container were read as terms", child)
                terms.append(Term(term=_text(child).strip(), location=self.loc(child)))
                continue
            category, value, group_source = self._category(child)
            if category == "definition":
                definitions.append(value)
                if group_source is not None and source is None:
                    source = group_source
            elif category == "source":
                source = source if source is not None else value
            elif category == "note":
                if notes or not read_section_note(value, marked):
                    notes.append(value)
            elif category == "transactionGroup":
                self._transaction(child)
            elif category:
                self.count(
                    "L115",
                    f"'{category}' in language sections has no field in the model and was skipped",
                    child,
                )
        if not terms and not definitions and source is None and not notes and not marked:
            return None  # e.g. a slot for a translation that was never made: <term/>
        if len(definitions) > 1:
            self.count("L116", "several definitions in one language section were joined", element)
        return LangSection(
            lang=lang,
            terms=tuple(terms),
            definition="\n\n".join(definitions) if definitions else None,
            source=source,
            note="\n\n".join(notes) if notes else None,
            equivalence=marked.get("equivalence"),  # type: ignore[arg-type]
            equivalence_note=marked.get("equivalence_note"),  # type: ignore[arg-type]
            location=self.loc(element),
        )

    def _term(self, holder: etree._Element) -> Term | None:
        term_element: etree._Element | None = None
        children: list[etree._Element] = []
        for child in holder:
            name = _local(child)
            if name == "term":
                term_element = child if term_element is None else term_element
            elif name == "termGrp":  # ntig/termGrp holds the term and, often, its termNotes
                for inner in child:
                    inner_name = _local(inner)
                    if inner_name == "term":
                        term_element = inner if term_element is None else term_element
                    elif inner_name:
                        children.append(inner)
            elif name:
                children.append(child)
        if term_element is None:
            self.count("L116", "term containers without <term> were skipped", holder)
            return None
        text = _text(term_element)
        if not text.strip():
            self.count("L116", "empty terms were skipped", term_element)
            return None
        fields: dict[str, object] = {}
        notes: list[str] = []
        for child in children:
            category, value, source = self._category(child)
            if not category:
                continue
            self._term_field(category, value, source, child, fields, notes)
        if notes and notes[0] == PROPER_NOUN_NOTE and fields.get("pos") is PartOfSpeech.NOUN:
            fields["pos"] = PartOfSpeech.PROPER_NOUN
            notes = notes[1:]
        while notes and read_term_note(notes[0], fields):
            notes = notes[1:]
        return term_from_fields(text, fields, notes, self.loc(term_element))

    def _term_field(
        self,
        category: str,
        value: str,
        source: str | None,
        element: etree._Element,
        fields: dict[str, object],
        notes: list[str],
    ) -> None:
        key = value.strip().lower()
        if category in STATUS_CATEGORIES:
            status = STATUS_VALUES.get(key)
            if status is None:
                self.count("L116", f"unknown {category} values were read as 'preferred'", element)
            elif "status" not in fields or category == "administrativeStatus":
                fields["status"] = status
        elif category in PICKLISTS:
            name, table, fallback = PICKLISTS[category]
            found = table.get(key)
            if found is None:
                what = f"{category} '{value}' is not a value of the model and was read as"
                self.count("L116", f"{what} '{fallback.value}'", element)
                found = fallback
            fields[name] = found
        elif category == "geographicalUsage":
            fields["geo"] = canonical_tag(value) or value
        elif category == "context":
            fields["context"] = value
            if source is not None:
                fields["context_source"] = source
        elif category == "source":
            fields.setdefault("source", value)
        elif category == "note":
            notes.append(value)
        elif category == "transactionGroup":
            self._transaction(element)
        elif _local(element) == "ref" and element.get("target"):
            # A link to another entry (or a term in it): the concept's `related`, once
            # every entry is read.
            self.term_refs.append((element.get("target", ""), element))
        elif _local(element) == "xref" and http_url(url := element.get("target", "").strip()):
            # A link to a web page: the term's source, unless it has one.
            if "source" in fields:
                self.count("L115", XREF_BESIDE_SOURCE, element)
            else:
                shown = value.strip()
                fields["source"] = f"{shown} ({url})" if shown and shown != url else url
        else:
            self.count(
                "L115", f"'{category}' on terms has no field in the model and was skipped", element
            )


XREF_BESIDE_SOURCE = "<xref> web addresses on terms that have a source were not imported"
TERM_REFS_NOT_IMPORTED = (
    "<ref> elements in terms whose target is no other entry of the file were not imported"
)


def _related_by_term_refs(
    concepts: list[Concept],
    owners: dict[str, int],
    refs: list[tuple[int, str, etree._Element]],
    count: Callable[[str, str, etree._Element], None],
) -> list[Concept]:
    """Each term's ``<ref target="…">`` to another entry (or to a term or language section
    in it) makes that concept ``related`` to the term's; the model has no links between
    terms. A target outside the file, or in the term's own entry, is counted."""
    added: dict[int, list[str]] = {}
    for index, target, element in refs:
        owner = owners.get(target)
        if owner is None or owner == index:
            count("L115", TERM_REFS_NOT_IMPORTED, element)
            continue
        found = added.setdefault(index, [])
        target_id = concepts[owner].id
        if target_id not in concepts[index].related and target_id not in found:
            found.append(target_id)
    return [
        replace(concept, related=concept.related + tuple(added[i])) if added.get(i) else concept
        for i, concept in enumerate(concepts)
    ]


def _merge(first: LangSection, second: LangSection) -> LangSection:
    def pick(a: str | None, b: str | None) -> str | None:
        if a is None:
            return b
        if b is None or b == a:
            return a
        return f"{a}\n\n{b}"

    return LangSection(
        first.lang,
        first.terms + second.terms,
        pick(first.definition, second.definition),
        first.source if first.source is not None else second.source,
        pick(first.note, second.note),
        first.equivalence or second.equivalence,
        first.equivalence_note or second.equivalence_note,
        first.location,
    )


@dataclass(frozen=True, slots=True)
class TbxResult:
    glossary: Glossary | None
    concepts: list[Concept]
    diagnostics: list[Diagnostic]


def read_tbx(
    fp: IO[bytes], *, name: str, schema: bool = False, rng: Path | None = None
) -> TbxResult:
    """Read a TBX file of any version, dialect and style we know.

    ``schema`` also checks it against TBX-Basic (rules X601, X602); ``rng`` names a
    RELAX NG schema (such as the official TBX-Basic one) to validate it against.
    """
    data = fp.read()
    if not data.strip():
        return TbxResult(None, [], [load_diagnostic("L112", "the file is empty", name, 1, 1)])
    reader = _Reader(name, data, schema, rng)
    glossary = reader.read()
    concepts = getattr(reader, "concepts", [])
    diagnostics = sorted(reader.diagnostics)
    return TbxResult(glossary, concepts, diagnostics)
