"""The printed dictionary: ``glossary export pdf --out FILE``.

The glossary is laid out as a bilingual dictionary in HTML from the Jinja templates in
``templates/pdf`` (the site's template environment, filters and message catalogs), and
typeset by WeasyPrint: a title page, contents, the list of abbreviations, a part for each
direction between the first two languages (Finnish–Russian in Finnish order, then
Russian–Finnish in Russian order), and an index for every further language (English)
pointing to the entries of both parts by page number.

In each part a concept has one full entry, under its preferred term; its other terms in
that language are short entries pointing to it. Page numbers of cross-references are
written into the HTML from the previous layout (see :func:`build_pdf`), running heads come
from ``string-set``, bookmarks from the headings. The fonts (DejaVu) are named explicitly
and embedded as subsets; Finnish is hyphenated with our own patterns
(:mod:`glossary.pdf.hyphenation`). The output is byte-reproducible: the only date is the
build date (``SOURCE_DATE_EPOCH`` when set).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from glossary.collation import letter, sort_key
from glossary.errors import ExportError
from glossary.model import Concept, Glossary, Term, TermStatus, TermType
from glossary.templating import build_date, environment, format_date, templates_dir

__all__ = ["PAGE_SIZES", "build_pdf", "find_fonts"]

PAGE_SIZES = ("A4", "A5")
#: Layouts tried for page numbers to settle before falling back to target-counter().
_PAGE_PASSES = 4


def N_(message: str) -> str:
    """Marks a message for the catalogs; the template translates it."""
    return message


#: The marks printed after terms, in the order of the list of abbreviations.
MARKS: dict[str, str] = {
    "m.": N_("masculine"),
    "f.": N_("feminine"),
    "n.": N_("neuter"),
    "v.": N_("verb"),
    "adj.": N_("adjective"),
    "adv.": N_("adverb"),
    "prop.": N_("proper noun"),
    "abbr.": N_("abbreviation"),
    "acr.": N_("acronym"),
    "short": N_("short form"),
    "var.": N_("variant"),
    "phr.": N_("phrase"),
    "adm.": N_("admitted term"),
    "depr.": N_("deprecated term: do not use"),
    "obs.": N_("superseded term: no longer in use"),
}
_POS = {"verb": "v.", "adjective": "adj.", "adverb": "adv.", "properNoun": "prop."}
_GENDER = {"masculine": "m.", "feminine": "f.", "neuter": "n."}
_TYPE = {
    TermType.ABBREVIATION: "abbr.",
    TermType.ACRONYM: "acr.",
    TermType.SHORT_FORM: "short",
    TermType.VARIANT: "var.",
    TermType.PHRASE: "phr.",
}
_STATUS = {
    TermStatus.ADMITTED: "adm.",
    TermStatus.DEPRECATED: "depr.",
    TermStatus.SUPERSEDED: "obs.",
}
_ORDER = {
    TermStatus.PREFERRED: 0,
    TermStatus.ADMITTED: 1,
    TermStatus.DEPRECATED: 2,
    TermStatus.SUPERSEDED: 3,
}

# -- what the template is given ----------------------------------------------------------


@dataclass(frozen=True)
class Printed:
    """A term as printed: its text and the marks after it."""

    text: str
    lang: str
    status: str
    marks: str  # "n., abbr."
    geo: str | None = None


@dataclass(frozen=True)
class Ref:
    """A cross-reference: the text shown and the entry it points to (its page is printed)."""

    text: str
    lang: str
    target: str  # an element id


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
    letters: tuple[LetterSection, ...]


@dataclass(frozen=True)
class IndexLine:
    term: Printed
    refs: tuple[Ref, ...]


@dataclass(frozen=True)
class Index:
    lang: str
    anchor: str
    lines: tuple[IndexLine, ...]


@dataclass(frozen=True)
class Book:
    """Everything ``templates/pdf/dictionary.html`` is given (with ``css``)."""

    lang: str  # the first language: the document's language
    languages: tuple[str, ...]  # the two of the parts
    titles: tuple[tuple[str, str], ...]  # (lang, title) for each language with one
    version: str | None
    license: str | None
    publisher: str | None
    date: tuple[tuple[str, str], ...]  # (lang, formatted build date)
    iso_date: str
    page_size: str
    marks: tuple[tuple[str, str], ...]  # (mark, its meaning as a message id)
    parts: tuple[Part, ...]
    indexes: tuple[Index, ...]
    concepts: int
    terms: int


# -- building ----------------------------------------------------------------------------


def _marks(term: Term) -> str:
    marks = []
    if term.pos is not None and term.pos.value in _POS:
        marks.append(_POS[term.pos.value])
    if term.gender is not None and term.gender.value in _GENDER:
        marks.append(_GENDER[term.gender.value])
    if term.type in _TYPE:
        marks.append(_TYPE[term.type])
    if term.status in _STATUS:
        marks.append(_STATUS[term.status])
    return ", ".join(marks)


def _printed(term: Term, lang: str) -> Printed:
    return Printed(term.term, lang, term.status.value, _marks(term), term.geo)


def _ordered(terms: tuple[Term, ...]) -> list[Term]:
    return sorted(terms, key=lambda t: _ORDER[t.status])


def _anchor(part: str, concept_id: str, n: int | None = None) -> str:
    return f"{part}-{concept_id}" + (f"-{n}" if n is not None else "")


class _Builder:
    def __init__(self, glossary: Glossary, options: Mapping[str, Any]) -> None:
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

    def title(self, concept: Concept, lang: str) -> str | None:
        section = concept.languages.get(lang)
        if section is None or not section.terms:
            return None
        return (section.preferred or section.terms[0]).term

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
                Equivalents(lang, tuple(_printed(t, lang) for t in _ordered(other.terms)))
                for lang in (target, *self.others)
                if (other := concept.languages.get(lang)) is not None and other.terms
            )
            related = []
            for rid in concept.related:
                other_concept = self.glossary.concepts.get(rid)
                if other_concept is None:
                    continue
                text = self.title(other_concept, source)
                if text is not None:
                    related.append(Ref(text, source, _anchor(prefix, rid)))
            context = next((t.context for t in terms if t.context), None)
            entry = Entry(
                anchor=anchor,
                headword=_printed(main, source),
                synonyms=tuple(_printed(t, source) for t in terms[1:]),
                equivalents=equivalents,
                definition=section.definition,
                context=context,
                note=section.note,
                related=tuple(related),
            )
            items.append((sort_key(main.term, source), main.term, entry))
            for n, synonym in enumerate(terms[1:], start=1):
                if synonym.term == main.term:
                    continue
                see = SeeEntry(
                    anchor=_anchor(prefix, concept.id, n),
                    headword=_printed(synonym, source),
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
                lines.append(
                    (sort_key(term.term, lang), IndexLine(_printed(term, lang), tuple(refs)))
                )
        lines.sort(key=lambda item: (item[0], item[1].term.text))
        return Index(lang, f"index-{lang}", tuple(line for _, line in lines))

    def book(self) -> Book:
        built = build_date()
        pair = (self.source, self.target)
        titles = tuple(
            (lang, self.meta.title[lang])
            for lang in (*pair, *self.others)
            if lang in self.meta.title
        ) or ((self.source, self.meta.title_in(self.source)),)
        return Book(
            lang=self.source,
            languages=pair,
            titles=titles,
            version=self.meta.version,
            license=self.meta.license,
            publisher=self.meta.publisher,
            date=tuple((lang, format_date(built, lang)) for lang in pair),
            iso_date=built.isoformat(),
            page_size=self.page_size,
            marks=tuple(MARKS.items()),
            parts=(self.part(self.source, self.target), self.part(self.target, self.source)),
            indexes=tuple(self.index(lang) for lang in self.others),
            concepts=len(self.glossary.concepts),
            terms=sum(1 for c in self.glossary.concepts.values() for _ in c.terms()),
        )


# -- the interface texts in both languages ------------------------------------------------


class _Bilingual:
    """gettext for a bilingual book: each message in both languages, each in its ``lang``.

    The templates mark messages with ``_()`` as the site's do; the result is markup (the
    catalogs are ours, the spans carry the language for hyphenation and text extraction).
    """

    def __init__(self, templates: Path, languages: tuple[str, ...]) -> None:
        from glossary.site.i18n import translations

        self.catalogs = [(lang, translations(templates, lang)) for lang in languages]

    def gettext(self, message: str) -> str:
        seen: list[tuple[str, str]] = []
        for lang, catalog in self.catalogs:
            text = catalog.gettext(message)
            if all(text != other for _, other in seen):
                seen.append((lang, text))
        span = Markup('<span lang="{}">{}</span>')
        # Sentences stand one under the other (the stylesheet decides); labels side by side.
        separator = Markup(" ") if len(message) > 60 else Markup(" / ")
        return str(separator.join(span.format(lang, escape(text)) for lang, text in seen))

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.gettext(singular if n == 1 else plural)


# -- fonts ---------------------------------------------------------------------------------

_FONT_DIRS = (
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/dejavu",
    "/usr/share/fonts/TTF",
    "/usr/local/share/fonts",
    "/Library/Fonts",
    os.path.expanduser("~/.local/share/fonts"),
    os.path.expanduser("~/.fonts"),
)
#: (family, weight, style, file); the first two are required.
_FACES = (
    ("DejaVu Serif", "normal", "normal", "DejaVuSerif.ttf"),
    ("DejaVu Serif", "bold", "normal", "DejaVuSerif-Bold.ttf"),
    ("DejaVu Serif", "normal", "italic", "DejaVuSerif-Italic.ttf"),
    ("DejaVu Serif", "bold", "italic", "DejaVuSerif-BoldItalic.ttf"),
    ("DejaVu Sans", "normal", "normal", "DejaVuSans.ttf"),
    ("DejaVu Sans", "bold", "normal", "DejaVuSans-Bold.ttf"),
)


def find_fonts(dirs: tuple[str, ...] = _FONT_DIRS) -> dict[str, Path]:
    """The DejaVu font files on this machine, by file name."""
    found: dict[str, Path] = {}
    wanted = {face[3] for face in _FACES}
    for folder in dirs:
        root = Path(folder)
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("DejaVu*.ttf")):
            if path.name in wanted:
                found.setdefault(path.name, path)
    return found


def _font_css(fonts: dict[str, Path]) -> str:
    missing = [face[3] for face in _FACES[:2] if face[3] not in fonts]
    if missing:
        raise ExportError(
            f"the PDF needs the DejaVu fonts ({', '.join(missing)} not found); "
            "on Debian or Ubuntu: sudo apt-get install fonts-dejavu-core fonts-dejavu-extra"
        )
    rules = []
    for family, weight, style, name in _FACES:
        if name in fonts:
            rules.append(
                f'@font-face {{ font-family: "{family}"; font-weight: {weight}; '
                f'font-style: {style}; src: url("{fonts[name].as_uri()}"); }}'
            )
    return "\n".join(rules) + "\n"


# -- the whole ------------------------------------------------------------------------------


def build_pdf(glossary: Glossary, options: Mapping[str, Any] | None = None) -> bytes:
    """The glossary as a PDF dictionary (see the module's docstring)."""
    options = dict(options or {})
    try:
        import weasyprint
    except ImportError as exc:
        raise ExportError(
            "the PDF export needs WeasyPrint: pip install 'glossary[pdf]' "
            f"(and the Pango library of your system) ({exc})"
        ) from None
    except OSError as exc:  # the Pango library is missing
        raise ExportError(
            "WeasyPrint cannot load the Pango library; on Debian or Ubuntu: "
            f"sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 ({exc})"
        ) from None
    from glossary.pdf.hyphenation import register

    register()
    templates = Path(options.get("templates") or templates_dir())
    builder = _Builder(glossary, options)
    bilingual = _Bilingual(templates, (builder.source, builder.target))
    book = builder.book()
    env = environment(templates)
    env.install_gettext_callables(  # type: ignore[attr-defined]
        bilingual.gettext, bilingual.ngettext, newstyle=True
    )
    try:
        css = (templates / "pdf" / "dictionary.css").read_text(encoding="utf-8")
    except OSError as exc:
        raise ExportError(f"{templates / 'pdf' / 'dictionary.css'}: {exc.strerror}") from None
    css = css.replace("/*PAGE-SIZE*/A4", book.page_size)
    if book.page_size == "A5":
        css = css.replace("/*MARGIN*/20mm 15mm 18mm 15mm", "14mm 10mm 13mm 10mm")
    css = _font_css(find_fonts()) + css
    import jinja2

    def render(
        pages: Mapping[str, int] | None, placeholder: str = "", counted: bool = False
    ) -> str:
        def page_of(anchor: str) -> str:
            if pages is None:
                return placeholder
            number = pages.get(anchor)
            return "" if number is None else str(number)

        try:
            return env.get_template("pdf/dictionary.html").render(
                book=book, css=Markup(css), page_of=page_of, counted=counted
            )
        except jinja2.TemplateSyntaxError as exc:
            raise ExportError(
                f"{exc.filename or exc.name}:{exc.lineno}: template error: {exc.message}"
            ) from None
        except jinja2.TemplateError as exc:
            raise ExportError(f"{templates / 'pdf' / 'dictionary.html'}: {exc}") from None

    # WeasyPrint reports what it cannot lay out on its logger; those are our bugs, not
    # the user's, and they must not pass silently in tests.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    identifier = b"glossary-" + glossary.meta.id.encode("utf-8")

    def layout(html: str) -> Any:
        document = weasyprint.HTML(string=html, base_url=str(templates / "pdf"))
        return document.render(pdf_identifier=identifier)

    # Page numbers of cross-references. CSS target-counter() would do it in one call, but
    # WeasyPrint then lays out every page with a link again on each of several passes, and
    # checks every link against every target, which grows faster than the glossary (see
    # benchmarks/pdf.py). Instead the numbers are read from a layout and
    # written into the HTML as text; a second layout shows them, and is checked to have
    # put every anchor on the same page (a number as wide as the placeholder rarely moves
    # a line, let alone a page). If it never settles, target-counter() it is.
    pages: dict[str, int] | None = None
    placeholder = "88"
    for _ in range(_PAGE_PASSES):
        html = render(pages, placeholder)
        document = None  # one layout in memory at a time (gigabytes for a thousand pages)
        document = layout(html)
        found: dict[str, int] = {}
        for number, page in enumerate(document.pages, start=1):
            for anchor in page.anchors:  # a box split over pages is on each of them
                found.setdefault(anchor, number)
        if found == pages:
            break
        pages = found
        placeholder = ""
    else:
        html = render(None, counted=True)
        document = None
        document = layout(html)
    data = document.write_pdf(pdf_identifier=identifier)
    assert data is not None
    return bytes(data)
