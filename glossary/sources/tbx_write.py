"""Write TBX-Basic: TBX v3 in DCA style, or TBX v2 (``martif``, TBX-Basic 2008).

Every field of the model has a place, so YAML -> TBX -> YAML gives back the same model.
Both versions share one mapping; they differ in element names (``conceptEntry/langSec/
termSec`` against ``termEntry/langSet/tig``), in the header and in what their schemas
allow. TBX-Basic has no data category for some fields; they are written as text that
people can read and :mod:`glossary.sources.tbx` recognises (docs/format.md, "TBX mapping"):

- the concept status, as the first entry-level note ``Concept status: approved``;
- in v3 the part of speech ``properNoun`` (TBX-Basic 1.2 allows only noun, verb,
  adjective, adverb and other), as ``noun`` plus the first term note
  ``Part of speech: proper noun``; TBX-Basic 2008 (v2) has ``properNoun`` itself;
- a term's usage, number and homograph, a language section's equivalence, a concept's
  image and the kind of each cross-reference, as in :mod:`glossary.sources.tbx_notes`;
- in v2 the glossary's id, version, licence, publisher, base URL, languages and subject
  labels, as header paragraphs ``<p>Version: 2026.1</p>`` (TBX-Basic 2008 allows no
  typed paragraph but ``XCSURI``; v3 writes ``<p type="version">``).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO

from glossary.errors import ExportError
from glossary.model import (
    RELATIONS,
    Concept,
    Glossary,
    GlossaryMeta,
    LangSection,
    PartOfSpeech,
    Term,
)
from glossary.sources.tbx_notes import image_notes, relation_ref, section_notes, term_notes

__all__ = [
    "HEADER_LABELS",
    "HEADER_NOTE",
    "PROPER_NOUN_NOTE",
    "STATUS_NOTE",
    "SUBJECT_NOTE",
    "TBX_VERSIONS",
    "generate_tbx",
    "write_tbx",
]

#: The TBX versions written: 3 (ISO 30042:2019) and 2 (ISO 30042:2008, ``martif``).
TBX_VERSIONS = (2, 3)

STATUS_NOTE = re.compile(r"Concept status: (draft|reviewed|approved|retired)")
PROPER_NOUN_NOTE = "Part of speech: proper noun"

#: Glossary fields in the header: v3 paragraph type -> the label of a v2 paragraph.
HEADER_LABELS = {
    "id": "Glossary id",
    "version": "Version",
    "license": "License",
    "publisher": "Publisher",
    "baseUrl": "Base URL",
    "languages": "Languages",
    "required": "Required languages",
}
#: A v2 header paragraph holding a glossary field, ``Version: 2026.1``.
HEADER_NOTE = re.compile(
    "(" + "|".join(re.escape(label) for label in HEADER_LABELS.values()) + r"): (.*)", re.S
)
#: A v2 header paragraph holding a subject's label, ``Subject vet: Vocational training``,
#: in the language of its ``xml:lang``.
SUBJECT_NOTE = re.compile(r"Subject (.+?): (.*)", re.S)

_RNG = (
    "https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/"
    "TBXcoreStructV03_TBX-Basic_integrated.rng"
)
_SCH = (
    "https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBX-Basic_DCA.sch"
)
_V2_SCHEMAS = "https://raw.githubusercontent.com/byutrg/TBX-Spec/master/TBX-Basic/Validation/"

_ADMIN_STATUS = {
    "preferred": "preferredTerm-admn-sts",
    "admitted": "admittedTerm-admn-sts",
    "deprecated": "deprecatedTerm-admn-sts",
    "superseded": "supersededTerm-admn-sts",
}

# XML 1.0 allows tab, newline, carriage return and everything from U+0020 except
# surrogates, U+FFFE and U+FFFF.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class _Escaper:
    def __init__(self, where: str) -> None:
        self.where = where

    def check(self, text: str) -> None:
        bad = _INVALID_XML.search(text)
        if bad:
            raise ExportError(
                f"{self.where}: the character U+{ord(bad.group()):04X} cannot be written in XML; "
                "remove it from the source (glossary validate shows where)"
            )

    def text(self, text: str) -> str:
        self.check(text)
        return (
            text.replace("&", "&amp;")
            .replace("<", "&lt;")
            .replace(">", "&gt;")
            .replace("\r", "&#13;")
        )

    def attr(self, text: str) -> str:
        return self.text(text).replace('"', "&quot;").replace("\t", "&#9;").replace("\n", "&#10;")


def _element(esc: _Escaper, indent: int, tag: str, text: str, **attrs: str) -> str:
    rendered = "".join(
        f' {"xml:lang" if key == "lang" else key}="{esc.attr(value)}"'
        for key, value in attrs.items()
    )
    return f"{'  ' * indent}<{tag}{rendered}>{esc.text(text)}</{tag}>"


@dataclass(frozen=True, slots=True)
class _Dialect:
    """What differs between the TBX versions we write; the mapping itself is shared."""

    entry: str
    section: str
    term: str
    #: The partOfSpeech picklist has ``properNoun``.
    proper_noun: bool


_V3 = _Dialect(entry="conceptEntry", section="langSec", term="termSec", proper_noun=False)
_V2 = _Dialect(entry="termEntry", section="langSet", term="tig", proper_noun=True)


def _published(meta: GlossaryMeta) -> Iterator[tuple[str, str]]:
    """The glossary's own fields, as (v3 paragraph type, value), in the order written."""
    for kind, value in (
        ("id", meta.id),
        ("version", meta.version),
        ("license", meta.license),
        ("publisher", meta.publisher),
        ("baseUrl", meta.base_url),
    ):
        if value is not None:
            yield kind, value
    if meta.languages:
        yield "languages", " ".join(meta.languages)
    if meta.required:
        yield "required", " ".join(meta.required)


def _title(esc: _Escaper, meta: GlossaryMeta) -> Iterator[str]:
    if meta.title:
        yield "      <titleStmt>"
        items = list(meta.title.items())
        lang, title = items[0]
        yield _element(esc, 4, "title", title, lang=lang)
        for lang, title in items[1:]:
            yield _element(esc, 4, "note", title, lang=lang)
        yield "      </titleStmt>"


def _header(glossary: Glossary) -> Iterator[str]:
    meta = glossary.meta
    esc = _Escaper("glossary.toml")
    yield "  <tbxHeader>"
    yield "    <fileDesc>"
    yield from _title(esc, meta)
    # One <sourceDesc> holds everything else: the core schema wants <publicationStmt>
    # before <titleStmt> and the TBX-Basic one after it, so neither order passes both.
    yield "      <sourceDesc>"
    yield _element(esc, 4, "p", f"Written by the glossary tool from the glossary '{meta.id}'.")
    for kind, value in _published(meta):
        yield _element(esc, 4, "p", value, type=kind)
    for code, labels in meta.subjects.items():
        for lang, label in labels.items():
            yield _element(esc, 4, "p", label, type=f"subject:{code}", lang=lang)
    yield "      </sourceDesc>"
    yield "    </fileDesc>"
    yield "  </tbxHeader>"


def _header_v2(glossary: Glossary) -> Iterator[str]:
    meta = glossary.meta
    esc = _Escaper("glossary.toml")
    yield "  <martifHeader>"
    yield "    <fileDesc>"
    yield from _title(esc, meta)
    yield "      <sourceDesc>"
    yield _element(esc, 4, "p", f"Written by the glossary tool from the glossary '{meta.id}'.")
    for kind, value in _published(meta):
        yield _element(esc, 4, "p", f"{HEADER_LABELS[kind]}: {value}")
    for code, labels in meta.subjects.items():
        for lang, label in labels.items():
            yield _element(esc, 4, "p", f"Subject {code}: {label}", lang=lang)
    yield "      </sourceDesc>"
    yield "    </fileDesc>"
    yield "    <encodingDesc>"
    yield _element(esc, 3, "p", f"{_V2_SCHEMAS}TBXBasicXCSV02.xcs", type="XCSURI")
    yield "    </encodingDesc>"
    yield "  </martifHeader>"


def _term(esc: _Escaper, term: Term, dialect: _Dialect) -> Iterator[str]:
    yield f"          <{dialect.term}>"
    yield _element(esc, 6, "term", term.term)
    yield _element(
        esc, 6, "termNote", _ADMIN_STATUS[term.status.value], type="administrativeStatus"
    )
    yield _element(esc, 6, "termNote", term.type.value, type="termType")
    as_note = term.pos is PartOfSpeech.PROPER_NOUN and not dialect.proper_noun
    if term.pos is not None:
        pos = "noun" if as_note else term.pos.value
        yield _element(esc, 6, "termNote", pos, type="partOfSpeech")
    if term.gender is not None:
        yield _element(esc, 6, "termNote", term.gender.value, type="grammaticalGender")
    if term.geo is not None:
        yield _element(esc, 6, "termNote", term.geo, type="geographicalUsage")
    if term.context is not None:
        if term.context_source is not None:
            yield "            <descripGrp>"
            yield _element(esc, 7, "descrip", term.context, type="context")
            yield _element(esc, 7, "admin", term.context_source, type="source")
            yield "            </descripGrp>"
        else:
            yield _element(esc, 6, "descrip", term.context, type="context")
    elif term.context_source is not None:
        raise ExportError(
            f"{esc.where}: a context source without a context cannot be written to TBX"
        )
    if term.source is not None:
        yield _element(esc, 6, "admin", term.source, type="source")
    if as_note:
        yield _element(esc, 6, "note", PROPER_NOUN_NOTE)
    for note in term_notes(term):
        yield _element(esc, 6, "note", note)
    if term.note is not None:
        yield _element(esc, 6, "note", term.note)
    yield f"          </{dialect.term}>"


def _definition(esc: _Escaper, indent: int, section: LangSection, **lang: str) -> Iterator[str]:
    pad = "  " * indent
    if section.definition is not None and section.source is not None:
        yield f"{pad}<descripGrp>"
        yield _element(esc, indent + 1, "descrip", section.definition, type="definition", **lang)
        yield _element(esc, indent + 1, "admin", section.source, type="source", **lang)
        yield f"{pad}</descripGrp>"
    elif section.definition is not None:
        yield _element(esc, indent, "descrip", section.definition, type="definition", **lang)
    elif section.source is not None:
        yield _element(esc, indent, "admin", section.source, type="source", **lang)
    for note in section_notes(section):
        yield _element(esc, indent, "note", note, **lang)
    if section.note is not None:
        yield _element(esc, indent, "note", section.note, **lang)


def _concept(
    concept: Concept,
    dialect: _Dialect,
    sections: Sequence[LangSection],
    targets: Collection[str] | None,
) -> Iterator[str]:
    """One entry; ``targets`` are the ids a cross-reference may point at (None: any)."""
    esc = _Escaper(f"{concept.location.path}: concept '{concept.id}'")
    yield f'      <{dialect.entry} id="{esc.attr(concept.id)}">'
    for subject in concept.subjects:
        yield _element(esc, 4, "descrip", subject, type="subjectField")
    yield _element(esc, 4, "note", f"Concept status: {concept.status.value}")
    if concept.image is not None:
        for note in image_notes(concept.image):
            yield _element(esc, 4, "note", note)
    if concept.note is not None:
        yield _element(esc, 4, "note", concept.note)
    for relation in RELATIONS:
        for target in getattr(concept, relation):
            text = relation_ref(relation, target)
            if targets is None or target in targets:
                yield _element(esc, 4, "ref", text, type="crossReference", target=target)
            else:  # v2 targets are IDREFs: one to an entry not written would be invalid
                yield _element(esc, 4, "ref", text, type="crossReference")
    if concept.updated is not None:
        yield "        <transacGrp>"
        yield _element(esc, 5, "transac", "modification", type="transactionType")
        yield _element(esc, 5, "date", concept.updated.isoformat())
        yield "        </transacGrp>"
    # A language section without terms cannot be a <langSec>; its text sits on the entry.
    for section in sections:
        if not section.terms:
            yield from _definition(esc, 4, section, lang=section.lang)
    for section in sections:
        if not section.terms:
            continue
        yield f'        <{dialect.section} xml:lang="{esc.attr(section.lang)}">'
        yield from _definition(esc, 5, section)
        for term in section.terms:
            yield from _term(esc, term, dialect)
        yield f"        </{dialect.section}>"
    yield f"      </{dialect.entry}>"


def generate_tbx(
    glossary: Glossary, concepts: Iterable[Concept] | None = None, *, version: int = 3
) -> Iterator[str]:
    """The TBX document, line by line (without line ends): v3 or v2 (``version=2``)."""
    if version not in TBX_VERSIONS:
        raise ExportError(f"TBX version {version} is not written; choose 2 or 3")
    chosen = list(concepts) if concepts is not None else list(glossary.concepts.values())
    lang = glossary.meta.notes_lang
    yield '<?xml version="1.0" encoding="UTF-8"?>'
    if version == 2:
        yield from _document_v2(glossary, chosen, lang)
        return
    yield (
        f'<?xml-model href="{_RNG}" type="application/xml" '
        'schematypens="http://relaxng.org/ns/structure/1.0"?>'
    )
    yield (
        f'<?xml-model href="{_SCH}" type="application/xml" '
        'schematypens="http://purl.oclc.org/dsdl/schematron"?>'
    )
    yield f'<tbx type="TBX-Basic" style="dca" xml:lang="{lang}" xmlns="urn:iso:std:iso:30042:ed-2">'
    yield from _header(glossary)
    yield "  <text>"
    yield "    <body>"
    for concept in chosen:
        yield from _concept(concept, _V3, list(concept.languages.values()), None)
    yield "    </body>"
    yield "  </text>"
    yield "</tbx>"


def _document_v2(glossary: Glossary, concepts: list[Concept], lang: str) -> Iterator[str]:
    """TBX-Basic 2008, valid against its RELAX NG schema and DTD (no DOCTYPE: a tool
    that loads DTDs would look for a file that is not there)."""
    yield (
        f'<?xml-model href="{_V2_SCHEMAS}TBXBasicRNGV02.rng" type="application/xml" '
        'schematypens="http://relaxng.org/ns/structure/1.0"?>'
    )
    yield f'<martif type="TBX-Basic" xml:lang="{_Escaper("glossary.toml").attr(lang)}">'
    yield from _header_v2(glossary)
    yield "  <text>"
    yield "    <body>"
    ids = {concept.id for concept in concepts}
    # Language sets in the glossary's language order: a tool given no source language
    # takes the first one as the source (translate-toolkit does).
    order = {code: index for index, code in enumerate(glossary.languages)}
    for concept in concepts:
        sections = sorted(concept.languages.values(), key=lambda s: order.get(s.lang, len(order)))
        yield from _concept(concept, _V2, sections, ids)
    yield "    </body>"
    yield "  </text>"
    yield "</martif>"


def write_tbx(fp: IO[bytes], glossary: Glossary, *, version: int = 3) -> None:
    for line in generate_tbx(glossary, version=version):
        fp.write(line.encode("utf-8"))
        fp.write(b"\n")
