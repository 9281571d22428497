"""What the printed dictionary's template is given: the book, built from a glossary.

:class:`Book` and the dataclasses it holds are the template's whole context; they are
written as one JSON document (:func:`book_json`) that ``templates/pdf/dictionary.typ``
reads with ``json()``. Nothing of the glossary is ever written into Typst markup, so no
text of it can be read as markup.

In each part a concept has one full entry, under its preferred term; its other terms in
that language are short entries pointing to it. Grammar and status labels are printed in
the language of the part's reader (the part's first language): Finnish labels in the
Finnish–Russian part, Russian ones in the Russian–Finnish part; the index uses the
book's first language. The list of abbreviations explains both sets in both languages.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from glossary.collation import letter, sort_key
from glossary.errors import ExportError
from glossary.model import Concept, Glossary, Term, TermStatus, TermType
from glossary.templating import build_date, format_date, language_name

__all__ = ["MEANINGS", "PAGE_SIZES", "Book", "Builder", "book_json", "labels_for"]

PAGE_SIZES = ("A4", "A5")


def N_(message: str) -> str:
    """Marks a message for the catalogs; it is translated when the book is built."""
    return message


#: The meanings of the labels printed after terms, in the order of the list of
#: abbreviations (message ids of the catalogs).
MEANINGS = (
    N_("masculine"),
    N_("feminine"),
    N_("neuter"),
    N_("verb"),
    N_("adjective"),
    N_("adverb"),
    N_("proper noun"),
    N_("abbreviation"),
    N_("acronym"),
    N_("short form"),
    N_("variant"),
    N_("phrase"),
    N_("admitted term"),
    N_("deprecated term: do not use"),
    N_("superseded term: no longer in use"),
    N_("broader concept: the entry is a kind of it"),
    N_("whole: the entry is a part of it"),
)
#: The labels themselves, by the language of the reader; English for any other language.
_LABELS: dict[str, tuple[str, ...]] = {
    "en": (
        *("m.", "f.", "n.", "v.", "adj.", "adv.", "prop.", "abbr.", "acr."),
        *("short", "var.", "phr.", "adm.", "depr.", "obs.", "BT", "whole"),
    ),
    "fi": (
        *("mask.", "fem.", "neutr.", "verbi", "adj.", "adv.", "erisn.", "lyh."),
        *("kirjainsana", "lyh. m.", "muunn.", "fraasi", "hyv.", "vält.", "vanh."),
        *("yläk.", "kok."),
    ),
    "ru": (
        *("м.", "ж.", "ср.", "гл.", "прил.", "нареч.", "собств.", "сокр.", "аббр."),
        *("кратк.", "вар.", "словосоч.", "доп.", "нерек.", "устар.", "род.", "целое"),
    ),
}


def labels_for(lang: str) -> dict[str, str]:
    """Meaning (message id) -> the label printed for a reader of ``lang``."""
    table = _LABELS.get(lang.split("-", 1)[0].lower(), _LABELS["en"])
    return dict(zip(MEANINGS, table, strict=True))


_POS = {"verb": "verb", "adjective": "adjective", "adverb": "adverb", "properNoun": "proper noun"}
_GENDER = {"masculine": "masculine", "feminine": "feminine", "neuter": "neuter"}
_TYPE = {
    TermType.ABBREVIATION: "abbreviation",
    TermType.ACRONYM: "acronym",
    TermType.SHORT_FORM: "short form",
    TermType.VARIANT: "variant",
    TermType.PHRASE: "phrase",
}
#: The typed relations an entry prints, with their page: the concept's field, and the
#: meaning of its label.
_RELATIONS = (
    ("broader", "broader concept: the entry is a kind of it"),
    ("part_of", "whole: the entry is a part of it"),
)
_STATUS = {
    TermStatus.ADMITTED: "admitted term",
    TermStatus.DEPRECATED: "deprecated term: do not use",
    TermStatus.SUPERSEDED: "superseded term: no longer in use",
}
_ORDER = {
    TermStatus.PREFERRED: 0,
    TermStatus.ADMITTED: 1,
    TermStatus.DEPRECATED: 2,
    TermStatus.SUPERSEDED: 3,
}

#: The interface texts of the book (message ids), printed in both languages.
MESSAGES = {
    "contents": N_("Contents"),
    "abbreviations": N_("Abbreviations"),
    "index": N_("Index"),
    "edition": N_("Edition"),
    "date": N_("Date"),
    "licence": N_("Licence"),
    "publisher": N_("Publisher"),
    "meaning": N_("Meaning"),
    "see": N_("see the entry on the page given"),
    "how": N_(
        "Each entry gives the term, its grammar and status, its equivalents (the preferred "
        "one first, in bold), a definition, an example and related entries with their page. "
        "A term without a mark is a noun; a term in bold is preferred."
    ),
}
_SIZE = N_("%(concepts)s concepts, %(terms)s terms")
_PART_OF = N_("%(count)s of the glossary's %(total)s concepts")

#: Text in two languages: (lang, text) for each language whose text differs.
Bilingual = tuple[tuple[str, str], ...]

# -- the context ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Printed:
    """A term as printed: its text and the labels after it."""

    text: str
    lang: str
    status: str  # preferred, admitted, deprecated, superseded (struck through: the last two)
    marks: str  # "neutr., lyh."
    geo: str | None = None


@dataclass(frozen=True)
class Ref:
    """A cross-reference: the text shown and the entry it points to (its page is printed)."""

    text: str
    lang: str
    target: str  # the entry's anchor: a label in the template, a named destination in the PDF


@dataclass(frozen=True)
class Typed:
    """A typed relation: its label in the part's language ("yläk.", "род."), and the
    entry of the broader concept or of the whole, with its page."""

    label: str
    ref: Ref


@dataclass(frozen=True)
class Equivalents:
    lang: str
    terms: tuple[Printed, ...]


@dataclass(frozen=True)
class Entry:
    anchor: str
    headword: Printed
    synonyms: tuple[Printed, ...]
    equivalents: tuple[Equivalents, ...]
    definition: str | None
    context: str | None
    note: str | None
    related: tuple[Ref, ...]
    typed: tuple[Typed, ...] = ()  # "→ yläk. headword N": broader concepts, then wholes
    kind: str = "entry"


@dataclass(frozen=True)
class SeeEntry:
    """A synonym listed in its own place, pointing to the full entry."""

    anchor: str
    headword: Printed
    target: Ref
    kind: str = "see"


@dataclass(frozen=True)
class LetterSection:
    letter: str
    anchor: str
    items: tuple[Entry | SeeEntry, ...]


@dataclass(frozen=True)
class Part:
    source: str
    target: str
    anchor: str
    title: Bilingual  # "suomi → русский", each name in its language
    letters: tuple[LetterSection, ...]


@dataclass(frozen=True)
class IndexLine:
    term: Printed
    refs: tuple[Ref, ...]


@dataclass(frozen=True)
class IndexLetter:
    letter: str
    anchor: str
    lines: tuple[IndexLine, ...]


@dataclass(frozen=True)
class Index:
    lang: str
    anchor: str
    name: str  # the language's name in itself
    letters: tuple[IndexLetter, ...]


@dataclass(frozen=True)
class Label:
    """A row of the list of abbreviations: the label in each part's language, its meaning."""

    labels: tuple[tuple[str, str], ...]  # (lang, label) for each language of the parts
    meaning: Bilingual


@dataclass(frozen=True)
class Book:
    """Everything ``templates/pdf/dictionary.typ`` is given, as ``sys.inputs.book``."""

    lang: str  # the first language: the document's language
    languages: tuple[str, ...]  # the two of the parts
    titles: tuple[tuple[str, str], ...]  # (lang, title) for each language with one
    version: str | None
    license: str | None
    publisher: str | None
    isbn: str | None
    selection: tuple[Bilingual, ...]  # for a part of the glossary: its subjects, its size
    date: Bilingual  # the build date, written out in each language
    iso_date: tuple[int, int, int]
    page_size: str
    ui: Mapping[str, Bilingual]  # MESSAGES in both languages, and "size"
    labels: tuple[Label, ...]
    parts: tuple[Part, ...]
    indexes: tuple[Index, ...]
    concepts: int
    terms: int


# -- building ------------------------------------------------------------------------------


def _ordered(terms: tuple[Term, ...]) -> list[Term]:
    return sorted(terms, key=lambda t: _ORDER[t.status])


def _anchor(part: str, concept_id: str, n: int | None = None) -> str:
    return f"{part}-{concept_id}" + (f"-{n}" if n is not None else "")


class Builder:
    """Builds the :class:`Book` of a glossary; ``translate(lang, message)`` gives the
    interface texts (the site's catalogs)."""

    def __init__(
        self,
        glossary: Glossary,
        options: Mapping[str, Any],
        catalogs: Mapping[str, Any] | None = None,
    ) -> None:
        self.glossary = glossary
        self.meta = glossary.meta
        languages = list(glossary.languages)
        if len(languages) < 2:
            raise ExportError("the printed dictionary needs two languages; the glossary has one")
        self.source, self.target = languages[0], languages[1]
        self.others = tuple(languages[2:])
        self.page_size = options.get("page_size") or "A4"
        if self.page_size not in PAGE_SIZES:
            raise ExportError(f"page size '{self.page_size}' is not one of {', '.join(PAGE_SIZES)}")
        self.catalogs = dict(catalogs or {})
        self._labels = {lang: labels_for(lang) for lang in languages}
        self._selection: tuple[Bilingual, ...] = ()

    def selection(self, subjects: tuple[str, ...], whole: int) -> None:
        """The book is of these subjects, or of a list of concepts out of ``whole``."""
        count = len(self.glossary.concepts)
        if not subjects and count == whole:
            return
        pair = (self.source, self.target)
        lines = [
            tuple((lang, self.meta.subject_label(code, lang)) for lang in pair) for code in subjects
        ]
        lines.append(self.gettext(_PART_OF, count=count, total=whole))
        self._selection = tuple(lines)

    # -- texts

    def gettext(self, message: str, **values: object) -> Bilingual:
        """``message`` in both languages of the parts, once if they are the same."""
        seen: list[tuple[str, str]] = []
        for lang in (self.source, self.target):
            catalog = self.catalogs.get(lang)
            text = catalog.gettext(message) if catalog is not None else message
            if values:
                text = text % values
            if all(text != other for _, other in seen):
                seen.append((lang, text))
        return tuple(seen)

    def marks(self, term: Term, reader: str) -> str:
        labels = self._labels.get(reader) or labels_for(reader)
        meanings = []
        if term.pos is not None and term.pos.value in _POS:
            meanings.append(_POS[term.pos.value])
        if term.gender is not None and term.gender.value in _GENDER:
            meanings.append(_GENDER[term.gender.value])
        if term.type in _TYPE:
            meanings.append(_TYPE[term.type])
        if term.status in _STATUS:
            meanings.append(_STATUS[term.status])
        return ", ".join(labels[m] for m in meanings)

    def printed(self, term: Term, lang: str, reader: str) -> Printed:
        return Printed(term.term, lang, term.status.value, self.marks(term, reader), term.geo)

    def title(self, concept: Concept, lang: str) -> str | None:
        section = concept.languages.get(lang)
        if section is None or not section.terms:
            return None
        return (section.preferred or section.terms[0]).term

    def ref(self, concept_id: str, lang: str, prefix: str) -> Ref | None:
        """A reference to the entry of ``concept_id`` in a part, if the book has it."""
        concept = self.glossary.concepts.get(concept_id)
        text = self.title(concept, lang) if concept is not None else None
        return Ref(text, lang, _anchor(prefix, concept_id)) if text is not None else None

    # -- the parts

    def part(self, source: str, target: str) -> Part:
        items: list[tuple[Any, str, Entry | SeeEntry]] = []
        prefix = f"{source}{target}"
        for concept in self.glossary.concepts.values():
            section = concept.languages.get(source)
            if section is None or not section.terms:
                continue
            terms = _ordered(section.terms)
            main = terms[0]
            anchor = _anchor(prefix, concept.id)
            equivalents = tuple(
                Equivalents(
                    lang, tuple(self.printed(t, lang, source) for t in _ordered(other.terms))
                )
                for lang in (target, *self.others)
                if (other := concept.languages.get(lang)) is not None and other.terms
            )
            related = []
            for rid in concept.related:
                if (ref := self.ref(rid, source, prefix)) is not None:
                    related.append(ref)
            typed = [
                Typed(self._labels[source][meaning], ref)
                for field, meaning in _RELATIONS
                for rid in getattr(concept, field)
                if rid != concept.id and (ref := self.ref(rid, source, prefix)) is not None
            ]
            context = next((t.context for t in terms if t.context), None)
            entry = Entry(
                anchor=anchor,
                headword=self.printed(main, source, source),
                synonyms=tuple(self.printed(t, source, source) for t in terms[1:]),
                equivalents=equivalents,
                definition=section.definition,
                context=context,
                note=section.note,
                related=tuple(related),
                typed=tuple(typed),
            )
            items.append((sort_key(main.term, source), main.term, entry))
            for n, synonym in enumerate(terms[1:], start=1):
                if synonym.term == main.term:
                    continue
                see = SeeEntry(
                    anchor=_anchor(prefix, concept.id, n),
                    headword=self.printed(synonym, source, source),
                    target=Ref(main.term, source, anchor),
                )
                items.append((sort_key(synonym.term, source), f"{synonym.term}\0{n}", see))
        items.sort(key=lambda item: (item[0], item[1]))
        groups: dict[str, list[Entry | SeeEntry]] = {}
        for _, text, item in items:
            groups.setdefault(self.letter(text.split("\0")[0], source), []).append(item)
        ordered = sorted(groups, key=lambda g: (g == "A–Z", g == "#", sort_key(g, source)))
        return Part(
            source=source,
            target=target,
            anchor=f"part-{prefix}",
            title=(
                (source, language_name(source, source)),
                (target, language_name(target, target)),
            ),
            letters=tuple(
                LetterSection(g, f"{prefix}-letter-{i}", tuple(groups[g]))
                for i, g in enumerate(ordered)
            ),
        )

    @staticmethod
    def letter(text: str, lang: str) -> str:
        initial = letter(text, lang)
        first = next((ch for ch in text if ch.isalnum()), "")
        if initial == "#" and first.isascii() and first.isalpha():
            return "A–Z"
        return initial

    def index(self, lang: str) -> Index:
        lines: list[tuple[Any, IndexLine]] = []
        for concept in self.glossary.concepts.values():
            section = concept.languages.get(lang)
            if section is None:
                continue
            refs = []
            for source, target in ((self.source, self.target), (self.target, self.source)):
                text = self.title(concept, source)
                if text is not None:
                    refs.append(Ref(text, source, _anchor(f"{source}{target}", concept.id)))
            for term in _ordered(section.terms):
                printed = self.printed(term, lang, self.source)
                lines.append((sort_key(term.term, lang), IndexLine(printed, tuple(refs))))
        lines.sort(key=lambda item: (item[0], item[1].term.text))
        groups: dict[str, list[IndexLine]] = {}
        for _, line in lines:
            groups.setdefault(self.letter(line.term.text, lang), []).append(line)
        ordered = sorted(groups, key=lambda g: (g == "A–Z", g == "#", sort_key(g, lang)))
        return Index(
            lang,
            f"index-{lang}",
            language_name(lang, lang),
            tuple(
                IndexLetter(g, f"index-{lang}-letter-{i}", tuple(groups[g]))
                for i, g in enumerate(ordered)
            ),
        )

    def book(self) -> Book:
        built = build_date()
        pair = (self.source, self.target)
        titles = tuple(
            (lang, self.meta.title[lang])
            for lang in (*pair, *self.others)
            if lang in self.meta.title
        ) or ((self.source, self.meta.title_in(self.source)),)
        concepts = len(self.glossary.concepts)
        terms = sum(1 for c in self.glossary.concepts.values() for _ in c.terms())
        ui = {key: self.gettext(message) for key, message in MESSAGES.items()}
        ui["size"] = self.gettext(_SIZE, concepts=concepts, terms=terms)
        labels = tuple(
            Label(tuple((lang, self._labels[lang][m]) for lang in pair), self.gettext(m))
            for m in MEANINGS
        )
        return Book(
            lang=self.source,
            languages=pair,
            titles=titles,
            version=self.meta.version,
            license=self.meta.license,
            publisher=self.meta.publisher,
            isbn=self.meta.isbn,
            selection=self._selection,
            date=tuple((lang, format_date(built, lang)) for lang in pair),
            iso_date=(built.year, built.month, built.day),
            page_size=self.page_size,
            ui=ui,
            labels=labels,
            parts=(self.part(self.source, self.target), self.part(self.target, self.source)),
            indexes=tuple(self.index(lang) for lang in self.others),
            concepts=concepts,
            terms=terms,
        )


def book_json(book: Book) -> str:
    """The book as the template reads it: plain JSON, keys as the dataclasses name them."""
    return json.dumps(book, default=vars, ensure_ascii=False, separators=(",", ":"))


def catalogs(templates: Path, languages: tuple[str, ...]) -> dict[str, Any]:
    """The site's message catalogs for ``languages`` (English needs none)."""
    from glossary.site.i18n import translations

    return {lang: translations(templates, lang) for lang in languages}
