"""Write TBX v3, TBX-Basic dialect, DCA style.

Every field of the model has a place, so YAML -> TBX -> YAML gives back the same model.
TBX-Basic has no data category for two of them; they are written as notes that people
can read and :mod:`glossary.sources.tbx` recognises (docs/format.md, "TBX mapping"):

- the concept status, as the first entry-level note ``Concept status: approved``;
- the part of speech ``properNoun`` (TBX-Basic allows only noun, verb, adjective,
  adverb and other), as ``noun`` plus the first term note ``Part of speech: proper noun``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import IO

from glossary.errors import ExportError
from glossary.model import Concept, Glossary, LangSection, PartOfSpeech, Term

__all__ = ["PROPER_NOUN_NOTE", "STATUS_NOTE", "generate_tbx", "write_tbx"]

STATUS_NOTE = re.compile(r"Concept status: (draft|reviewed|approved)")
PROPER_NOUN_NOTE = "Part of speech: proper noun"

_RNG = (
    "https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/"
    "TBXcoreStructV03_TBX-Basic_integrated.rng"
)
_SCH = (
    "https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBX-Basic_DCA.sch"
)

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


def _header(glossary: Glossary) -> Iterator[str]:
    meta = glossary.meta
    esc = _Escaper("glossary.toml")
    yield "  <tbxHeader>"
    yield "    <fileDesc>"
    if meta.title:
        yield "      <titleStmt>"
        items = list(meta.title.items())
        lang, title = items[0]
        yield _element(esc, 4, "title", title, lang=lang)
        for lang, title in items[1:]:
            yield _element(esc, 4, "note", title, lang=lang)
        yield "      </titleStmt>"
    published = [
        ("id", meta.id),
        ("version", meta.version),
        ("license", meta.license),
        ("publisher", meta.publisher),
        ("baseUrl", meta.base_url),
    ]
    # One <sourceDesc> holds everything else: the core schema wants <publicationStmt>
    # before <titleStmt> and the TBX-Basic one after it, so neither order passes both.
    yield "      <sourceDesc>"
    yield _element(esc, 4, "p", f"Written by the glossary tool from the glossary '{meta.id}'.")
    for kind, value in published:
        if value is not None:
            yield _element(esc, 4, "p", value, type=kind)
    if meta.languages:
        yield _element(esc, 4, "p", " ".join(meta.languages), type="languages")
    if meta.required:
        yield _element(esc, 4, "p", " ".join(meta.required), type="required")
    for code, labels in meta.subjects.items():
        for lang, label in labels.items():
            yield _element(esc, 4, "p", label, type=f"subject:{code}", lang=lang)
    yield "      </sourceDesc>"
    yield "    </fileDesc>"
    yield "  </tbxHeader>"


def _term(esc: _Escaper, term: Term) -> Iterator[str]:
    yield "          <termSec>"
    yield _element(esc, 6, "term", term.term)
    yield _element(
        esc, 6, "termNote", _ADMIN_STATUS[term.status.value], type="administrativeStatus"
    )
    yield _element(esc, 6, "termNote", term.type.value, type="termType")
    if term.pos is not None:
        pos = "noun" if term.pos is PartOfSpeech.PROPER_NOUN else term.pos.value
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
    if term.pos is PartOfSpeech.PROPER_NOUN:
        yield _element(esc, 6, "note", PROPER_NOUN_NOTE)
    if term.note is not None:
        yield _element(esc, 6, "note", term.note)
    yield "          </termSec>"


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
    if section.note is not None:
        yield _element(esc, indent, "note", section.note, **lang)


def _concept(concept: Concept) -> Iterator[str]:
    esc = _Escaper(f"{concept.location.path}: concept '{concept.id}'")
    yield f'      <conceptEntry id="{esc.attr(concept.id)}">'
    for subject in concept.subjects:
        yield _element(esc, 4, "descrip", subject, type="subjectField")
    yield _element(esc, 4, "note", f"Concept status: {concept.status.value}")
    if concept.note is not None:
        yield _element(esc, 4, "note", concept.note)
    for target in concept.related:
        yield _element(esc, 4, "ref", target, type="crossReference", target=target)
    if concept.updated is not None:
        yield "        <transacGrp>"
        yield _element(esc, 5, "transac", "modification", type="transactionType")
        yield _element(esc, 5, "date", concept.updated.isoformat())
        yield "        </transacGrp>"
    # A language section without terms cannot be a <langSec>; its text sits on the entry.
    for section in concept.languages.values():
        if not section.terms:
            yield from _definition(esc, 4, section, lang=section.lang)
    for section in concept.languages.values():
        if not section.terms:
            continue
        yield f'        <langSec xml:lang="{esc.attr(section.lang)}">'
        yield from _definition(esc, 5, section)
        for term in section.terms:
            yield from _term(esc, term)
        yield "        </langSec>"
    yield "      </conceptEntry>"


def generate_tbx(glossary: Glossary, concepts: Iterable[Concept] | None = None) -> Iterator[str]:
    """The TBX document, line by line (without line ends)."""
    lang = glossary.meta.notes_lang
    yield '<?xml version="1.0" encoding="UTF-8"?>'
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
    for concept in concepts if concepts is not None else glossary.concepts.values():
        yield from _concept(concept)
    yield "    </body>"
    yield "  </text>"
    yield "</tbx>"


def write_tbx(fp: IO[bytes], glossary: Glossary) -> None:
    for line in generate_tbx(glossary):
        fp.write(line.encode("utf-8"))
        fp.write(b"\n")
