"""What the site's templates are given: documented dataclasses, one per kind of page.

Every field has a ``help`` text; a test checks that the templates use no name that is
not a field of their page's context (plus the gettext functions).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "AboutPage",
    "AzEntry",
    "AzPage",
    "ChangeView",
    "Choice",
    "ConceptPage",
    "ConceptView",
    "Download",
    "HomePage",
    "ImageView",
    "LetterGroup",
    "Link",
    "MovedPage",
    "PageContext",
    "ReleaseView",
    "RootPage",
    "SearchPage",
    "SectionView",
    "SiteView",
    "SubjectPage",
    "SubjectsPage",
    "TermView",
    "WhatsNewPage",
]


def doc(text: str, default: Any = None, factory: Any = None) -> Any:
    if factory is not None:
        return field(default_factory=factory, metadata={"help": text})
    return field(default=default, metadata={"help": text})


@dataclass(frozen=True)
class Link:
    text: str = doc("the link text")
    href: str = doc("the address, relative to the page")
    lang: str | None = doc("the language of the text, when it is not the page's")
    note: str | None = doc("a short remark shown after the link")


@dataclass(frozen=True)
class Choice:
    value: str = doc("the value sent in the address, e.g. fi, vet, preferred")
    text: str = doc("what the reader sees, in the interface language")


@dataclass(frozen=True)
class Download:
    label: str = doc("what the file is (PDF dictionary, TBX …)")
    href: str = doc("the file, relative to the page")
    size: str = doc("its size, e.g. '120 kB'")


@dataclass(frozen=True)
class TermView:
    text: str = doc("the term")
    lang: str = doc("its language tag")
    status: str = doc("preferred, admitted, deprecated or superseded")
    type: str = doc("fullForm, abbreviation, acronym, shortForm, variant or phrase")
    pos: str | None = doc("part of speech")
    gender: str | None = doc("grammatical gender")
    geo: str | None = doc("regional usage tag, e.g. ru-KZ")
    context: str | None = doc("an example sentence")
    context_source: str | None = doc("where the example comes from")
    source: str | None = doc("where the term comes from")
    note: str | None = doc("a note on the term")
    usage: tuple[str, ...] = doc("usage labels: colloquial, legal, regional …", ())
    number: str | None = doc("grammatical number: singular, plural or mass")
    homograph: int | None = doc("the homograph number (1, 2 …), shown raised after the term")


@dataclass(frozen=True)
class SectionView:
    lang: str = doc("the language tag")
    definition: str | None = doc("the definition")
    source: str | None = doc("the source of the definition")
    note: str | None = doc("a note in this language")
    equivalence: str | None = doc(
        "how this language's terms cover the concept: exact, near, broader, narrower, none"
    )
    equivalence_note: str | None = doc("how they differ")
    terms: tuple[TermView, ...] = doc("the terms, preferred first", ())


@dataclass(frozen=True)
class ImageView:
    src: str = doc("the picture's address, relative to the page (external: its URL)")
    caption: str | None = doc("what it shows, in the glossary's note language")
    source: str | None = doc("where it comes from: author, licence")
    external: bool = doc("True for a picture on another site: linked, never loaded", False)


@dataclass(frozen=True)
class ConceptView:
    id: str = doc("the concept id (also its file name)")
    title: str = doc("its preferred term in the interface language, or the first one")
    title_lang: str = doc("the language of the title")
    status: str = doc("draft, reviewed, approved or retired")
    subjects: tuple[Link, ...] = doc("links to its subjects", ())
    hierarchy: tuple[Link, ...] = doc(
        "the chain of broader concepts from the top down to its own broader concept "
        "(the first broader concept at each step)",
        (),
    )
    broader: tuple[Link, ...] = doc("links to its broader concepts (generic)", ())
    narrower: tuple[Link, ...] = doc("links to its narrower concepts (derived)", ())
    part_of: tuple[Link, ...] = doc("links to the wholes it is a part of", ())
    parts: tuple[Link, ...] = doc("links to its parts (derived)", ())
    related: tuple[Link, ...] = doc("links to related concepts, both ways", ())
    replaced_by: tuple[Link, ...] = doc("for a retired concept: what to use instead", ())
    replaces: tuple[Link, ...] = doc("the retired concepts this one replaces (derived)", ())
    image: ImageView | None = doc("a picture of the concept")
    note: str | None = doc("a note on the concept")
    note_lang: str = doc("the language the concept note is written in", "und")
    updated: str | None = doc("when it last changed, formatted for the interface language")
    sections: tuple[SectionView, ...] = doc("one per language, in the glossary's order", ())
    downloads: tuple[Download, ...] = doc("the entry alone as JSON, TBX and SKOS", ())


@dataclass(frozen=True)
class SiteView:
    title: str = doc("the glossary's title in the interface language")
    version: str | None = doc("the glossary's version")
    license: str | None = doc("its licence (an SPDX identifier)")
    license_url: str | None = doc(
        "where the licence is: https://spdx.org/licenses/<id>.html for an SPDX id, or the "
        "licence's own URL"
    )
    publisher: str | None = doc("who publishes it")
    languages: tuple[str, ...] = doc("the content languages, in display order", ())
    ui_languages: tuple[str, ...] = doc("the interface languages", ())
    concepts: int = doc("how many concepts the glossary has", 0)
    terms: int = doc("how many terms", 0)
    built: str = doc("the build date, formatted for the interface language", "")
    built_iso: str = doc(
        "the build date as YYYY-MM-DD (the access date until the page's script sets it)", ""
    )
    year: int = doc("the year of the build date", 0)
    base_url: str | None = doc("where the site will be published")
    labels: Mapping[str, Mapping[str, str]] = doc(
        "the interface's words for the values of the sources: labels.status, labels.type, "
        "labels.pos and labels.gender, each by value (preferred, abbreviation, noun …)",
        factory=dict,
    )


@dataclass(frozen=True)
class AzEntry:
    term: Link = doc("the term, linking to its concept; note: its status unless preferred")
    equivalents: tuple[TermView, ...] = doc(
        "the concept's preferred terms in the other languages", ()
    )


@dataclass(frozen=True)
class LetterGroup:
    letter: str = doc("the heading: a letter, A–Z for Latin letters in another script, or #")
    anchor: str = doc("the id of the heading in the page")
    entries: tuple[AzEntry, ...] = doc("the terms under it", ())


@dataclass(frozen=True)
class PageContext:
    """What every page has (templates/site/base.html)."""

    ui: str = doc("the interface language of the page")
    title: str = doc("the page title (without the site title)")
    path: str = doc("the page's path from the site root, e.g. fi/concepts/webinar.html")
    root: str = doc("the relative path from the page to the site root, e.g. '../../'")
    home: str = doc("the relative path from the page to its language's home folder")
    site: SiteView = doc("the glossary as a whole", None)
    switch: tuple[Link, ...] = doc("the same page in the other interface languages", ())
    canonical: str | None = doc("the absolute address of the page, when base_url is set")
    alternates: tuple[Link, ...] = doc("absolute addresses in every interface language", ())
    az: tuple[Link, ...] = doc("links to the A-to-Z index of each content language", ())
    current: str = doc(
        "which main navigation item is current: home, az, subjects, search, about, whatsnew",
        "",
    )
    feed: str | None = doc("the relative address of the Atom feed of What's new")


@dataclass(frozen=True)
class RootPage(PageContext):
    homes: tuple[Link, ...] = doc("the home page of each interface language", ())


@dataclass(frozen=True)
class HomePage(PageContext):
    subjects: tuple[Link, ...] = doc("every subject with its number of concepts", ())


@dataclass(frozen=True)
class ConceptPage(PageContext):
    concept: ConceptView = doc("the concept shown", None)
    cite: str = doc("how to cite this entry", "")


@dataclass(frozen=True)
class AzPage(PageContext):
    lang: str = doc("the language whose terms are listed")
    letters: tuple[LetterGroup, ...] = doc(
        "the terms of the page's letter (none on the index page)", ()
    )
    index: tuple[Link, ...] = doc(
        "every initial letter, linking to its page; note: its number of terms", ()
    )


@dataclass(frozen=True)
class SubjectsPage(PageContext):
    subjects: tuple[Link, ...] = doc("every subject with its number of concepts", ())


@dataclass(frozen=True)
class SubjectPage(PageContext):
    code: str = doc("the subject code")
    concepts: tuple[Link, ...] = doc("its concepts, in the interface language's order", ())


@dataclass(frozen=True)
class SearchPage(PageContext):
    languages: tuple[Choice, ...] = doc("the filter by language: the content languages", ())
    subjects: tuple[Choice, ...] = doc(
        "the filter by subject: every subject, in the interface language's order", ()
    )
    statuses: tuple[Choice, ...] = doc(
        "the filter by status: the term statuses and draft (entries not yet reviewed)", ()
    )


@dataclass(frozen=True)
class AboutPage(PageContext):
    downloads: tuple[Download, ...] = doc("files published beside the site", ())
    cite: str = doc("how to cite the glossary", "")


@dataclass(frozen=True)
class ChangeView:
    link: Link = doc("the concept, by its preferred term then, linking to its page")
    old_id: str | None = doc("for a renamed concept: the id it had before")
    replaced_by: tuple[Link, ...] = doc("for a retired or removed concept: what to use", ())
    fields: tuple[str, ...] = doc(
        "for a changed concept: what changed, in words, e.g. 'definition (Russian)'", ()
    )


@dataclass(frozen=True)
class ReleaseView:
    title: str = doc("the release: its version, else its date")
    date: str = doc("its date, formatted for the interface language")
    anchor: str = doc("the id of its heading in the page")
    since: str | None = doc("what it is compared with: the previous release or a revision")
    added: tuple[ChangeView, ...] = doc("concepts added (each list in alphabetical order)", ())
    renamed: tuple[ChangeView, ...] = doc("concepts given a new id", ())
    retired: tuple[ChangeView, ...] = doc("concepts retired (status retired)", ())
    removed: tuple[ChangeView, ...] = doc("concepts removed", ())
    changed: tuple[ChangeView, ...] = doc("concepts changed otherwise", ())


@dataclass(frozen=True)
class WhatsNewPage(PageContext):
    releases: tuple[ReleaseView, ...] = doc("the releases recorded, newest first", ())


@dataclass(frozen=True)
class MovedPage(PageContext):
    old_id: str = doc("the id that is no longer in the glossary")
    targets: tuple[Link, ...] = doc("the concepts it now leads to (none: it was removed)", ())
    refresh: str | None = doc("where the page sends the browser: the one target, if one")
    target_canonical: str | None = doc("the target's address for rel=canonical")


#: The page contexts and the templates that receive them, in the order documented.
TEMPLATES: dict[str, type] = {
    "base.html": PageContext,
    "root.html": RootPage,
    "404.html": RootPage,
    "home.html": HomePage,
    "concept.html": ConceptPage,
    "az.html": AzPage,
    "subjects.html": SubjectsPage,
    "subject.html": SubjectPage,
    "search.html": SearchPage,
    "about.html": AboutPage,
    "whatsnew.html": WhatsNewPage,
    "moved.html": MovedPage,
}
