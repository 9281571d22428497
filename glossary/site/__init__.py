"""The static web e-glossary: ``glossary export site --out DIR``.

The build has two phases, as in mkdocs: first everything is gathered (the page contexts,
the search index, the downloads), then the pages are rendered and written. Files are
written only when their content changed, files of an earlier build that are no longer
produced are removed, and nothing else in the output folder is touched: the folder
remembers what the site wrote in ``.glossary-site.json``, and a folder that holds other
files but no such record is refused (:mod:`glossary.outputfolder`, shared with the JSON
API).

Rendering is skipped too where it can be: every output records a key, a digest of
everything it is made from (the page's context, the templates and catalogs, this
package's version); a page whose key is the one recorded for the file already there is
neither rendered nor written. The context dataclasses hold all a template sees, so their
``repr`` is that input.

Layout (all links are relative, so the site works from ``file://`` and any static host)::

    index.html                the interface languages
    404.html
    sitemap.xml               (with base_url)
    assets/                   style.css, search.js, search-engine.js, snowball.js, icon.svg
    downloads/                the glossary as TBX and CSV; a PDF or JSON API put there
                              by their exporters is linked from the about page
    fi/ ru/ en/               one folder per interface language:
        index.html, search.html, about.html, subjects.html,
        az/<lang>.html, subjects/<code>.html, concepts/<id>.html
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from babel.support import NullTranslations

from glossary.collation import letter, sort_key
from glossary.errors import ExportError
from glossary.model import Concept, Glossary, TermStatus
from glossary.outputfolder import Output, OutputFolder
from glossary.outputfolder import digest as _digest
from glossary.releases import RECORD_NAME, Record, read_record, since_glossary, update
from glossary.site import whatsnew
from glossary.site.az import add_az_pages
from glossary.site.context import (
    AboutPage,
    AzEntry,
    ConceptPage,
    ConceptView,
    Download,
    HomePage,
    ImageView,
    LetterGroup,
    Link,
    PageContext,
    RootPage,
    SectionView,
    SiteView,
    SubjectPage,
    SubjectsPage,
    TermView,
)
from glossary.site.entryfiles import add_entry_files, entry_downloads
from glossary.site.i18n import UI_LANGUAGES, translations
from glossary.site.searchui import search_page, search_ui_js
from glossary.templating import build_date, environment, format_date, templates_dir
from glossary.util import http_url

__all__ = ["build_site"]

MANIFEST = ".glossary-site.json"
# The PDF and the JSON API may be exported into downloads/ before the site is built.
_FOLDER = OutputFolder(
    record=MANIFEST, command="glossary export site", what="the site", shared=("downloads",)
)
_ASSETS = ("style.css", "search.js", "search-engine.js", "snowball.js", "icon.svg")
_STATUS_ORDER = {
    TermStatus.PREFERRED: 0,
    TermStatus.ADMITTED: 1,
    TermStatus.DEPRECATED: 2,
    TermStatus.SUPERSEDED: 3,
}


def _templates_digest(folder: Path) -> str:
    """A digest of every file of the templates folder (templates, assets, catalogs)."""
    from glossary import __version__

    parts: list[str | bytes] = [__version__]
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            parts += [path.relative_to(folder).as_posix(), path.read_bytes()]
    return _digest(*parts)


_SPDX_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9.+-]*")


def license_url(license: str | None) -> str | None:
    """The address of a licence: its own URL, or the SPDX page of an SPDX identifier
    (``CC-BY-4.0`` → https://spdx.org/licenses/CC-BY-4.0.html); None for anything else,
    such as an expression ``MIT OR Apache-2.0`` or free text."""
    if not license:
        return None
    license = license.strip()
    if http_url(license):
        return license
    if _SPDX_ID.fullmatch(license):
        return f"https://spdx.org/licenses/{license}.html"
    return None


def N_(message: str) -> str:
    """Marks a message for the catalogs; it is translated where it is used."""
    return message


#: What the templates show for the values of the sources (TBX-Basic's picklists).
LABELS = {
    "status": {
        "preferred": N_("preferred"),
        "admitted": N_("admitted"),
        "deprecated": N_("deprecated"),
        "superseded": N_("superseded"),
        "approved": N_("approved"),
        "reviewed": N_("reviewed"),
        "draft": N_("draft"),
        "proposed": N_("proposed"),
        "retired": N_("retired"),
    },
    "usage": {
        "formal": N_("formal"),
        "informal": N_("informal"),
        "colloquial": N_("colloquial"),
        "slang": N_("slang"),
        "jargon": N_("jargon"),
        "technical": N_("technical"),
        "official": N_("official"),
        "legal": N_("legal"),
        "regional": N_("regional"),
        "dated": N_("dated"),
        "obsolete": N_("obsolete"),
        "rare": N_("rare"),
    },
    "number": {
        "singular": N_("singular"),
        "plural": N_("plural"),
        "mass": N_("uncountable"),
    },
    #: The title of the mark shown next to an equivalent (≈ > < ∅).
    "equivalence": {
        "exact": N_("exact equivalent"),
        "near": N_("near equivalent: the meanings differ slightly"),
        "broader": N_("broader equivalent: it means more than the concept"),
        "narrower": N_("narrower equivalent: it means less than the concept"),
        "none": N_("no equivalent in this language"),
    },
    "type": {
        "fullForm": N_("full form"),
        "abbreviation": N_("abbreviation"),
        "acronym": N_("acronym"),
        "shortForm": N_("short form"),
        "variant": N_("variant"),
        "phrase": N_("phrase"),
    },
    "pos": {
        "noun": N_("noun"),
        "verb": N_("verb"),
        "adjective": N_("adjective"),
        "adverb": N_("adverb"),
        "properNoun": N_("proper noun"),
        "other": N_("other part of speech"),
    },
    "gender": {
        "masculine": N_("masculine"),
        "feminine": N_("feminine"),
        "neuter": N_("neuter"),
        "other": N_("other gender"),
    },
}


def _size(count: int, ui: str) -> str:
    """A file size for people: "120 kB", "1,1 МБ"."""
    from babel.units import format_unit

    if count < 1000 * 1000:
        return format_unit(round(count / 1000), "digital-kilobyte", "short", locale=ui)
    return format_unit(round(count / 1000 / 1000, 1), "digital-megabyte", "short", locale=ui)


def _preferred(concept: Concept, lang: str) -> tuple[str, str]:
    """The title of a concept in ``lang``: its preferred term there, else the first one."""
    for code in (lang, *concept.languages):
        section = concept.languages.get(code)
        if section and section.terms:
            term = section.preferred or section.terms[0]
            return term.term, code
    return concept.id, "und"


class _Builder:
    def __init__(
        self,
        glossary: Glossary,
        out: Path,
        options: Mapping[str, Any],
        previous: Mapping[str, tuple[str, int]] | None = None,
    ) -> None:
        self.glossary = glossary
        self.meta = glossary.meta
        self.out = out
        self.templates = Path(options.get("templates") or templates_dir())
        self.ui_languages: tuple[str, ...] = tuple(options.get("ui") or UI_LANGUAGES)
        self.env = environment(self.templates)
        self.built = build_date()
        base_url = options.get("base_url") or self.meta.base_url
        if base_url and not http_url(base_url):
            raise ExportError(f"base_url '{base_url}' is not an http(s) address")
        self.base_url = base_url.rstrip("/") + "/" if base_url else None
        self.languages = glossary.languages
        self.concepts = sorted(glossary.concepts.values(), key=lambda c: c.id)
        self.outputs: list[Output] = []
        self.previous = dict(previous or {})
        self.salt = _templates_digest(self.templates)
        self._catalogs: dict[str, NullTranslations] = {}
        self._installed: str | None = None
        #: The images copied into media/ so far.
        self.media: set[str] = set()
        #: The release record this build writes, and the pages of ids that moved.
        self.record: Record = Record()
        self.moved: set[str] = set()

    def translations(self, ui: str) -> NullTranslations:
        """The compiled catalog of ``ui`` (compiled once per build)."""
        if ui not in self._catalogs:
            self._catalogs[ui] = translations(self.templates, ui)
        return self._catalogs[ui]

    # -- shared pieces ---------------------------------------------------------------------

    @functools.cache  # noqa: B019 (one builder per build)
    def site(self, ui: str) -> SiteView:
        return SiteView(
            title=self.meta.title_in(ui),
            version=self.meta.version,
            license=self.meta.license,
            license_url=license_url(self.meta.license),
            publisher=self.meta.publisher,
            languages=self.languages,
            ui_languages=self.ui_languages,
            concepts=len(self.concepts),
            terms=sum(1 for c in self.concepts for _ in c.terms()),
            built=format_date(self.built, ui),
            built_iso=self.built.isoformat(),
            year=self.built.year,
            base_url=self.base_url,
            labels={
                kind: {value: self.translations(ui).gettext(text) for value, text in table.items()}
                for kind, table in LABELS.items()
            },
        )

    def base(self, ui: str, path: str, title: str, current: str = "") -> dict[str, Any]:
        """The fields every page has, for a page at ``<ui>/<path>``."""
        depth = path.count("/")
        home = "../" * depth
        root = "../" * (depth + 1)
        switch = tuple(
            Link(text=other.upper(), href=f"{root}{other}/{path}", lang=other)
            for other in self.ui_languages
        )
        alternates: tuple[Link, ...] = ()
        canonical = None
        if self.base_url:
            canonical = f"{self.base_url}{ui}/{path}"
            alternates = tuple(
                Link(text=other, href=f"{self.base_url}{other}/{path}", lang=other)
                for other in self.ui_languages
            )
        az = tuple(
            Link(text=lang, href=f"{home}az/{lang}.html", lang=lang) for lang in self.languages
        )
        return {
            "ui": ui,
            "title": title,
            "path": f"{ui}/{path}",
            "root": root,
            "home": home,
            "site": self.site(ui),
            "switch": switch,
            "canonical": canonical,
            "alternates": alternates,
            "az": az,
            "current": current,
            "feed": f"{home}whatsnew.xml",
        }

    def concept_view(self, concept: Concept, ui: str, home: str) -> ConceptView:
        title, title_lang = _preferred(concept, ui)
        subjects = tuple(
            Link(text=self.meta.subject_label(code, ui), href=f"{home}subjects/{code}.html")
            for code in concept.subjects
        )

        def links(targets: tuple[str, ...]) -> tuple[Link, ...]:
            found = []
            for target in dict.fromkeys(targets):
                other = self.glossary.concepts.get(target)
                if other is not None and target != concept.id:
                    found.append(self._concept_link(other, ui, home))
            return tuple(found)

        glossary = self.glossary
        order = [lang for lang in self.languages if lang in concept.languages]
        sections = []
        for lang in order:
            section = concept.languages[lang]
            terms = sorted(section.terms, key=lambda t: _STATUS_ORDER[t.status])
            sections.append(
                SectionView(
                    lang=lang,
                    definition=section.definition,
                    source=section.source,
                    note=section.note,
                    equivalence=section.equivalence.value if section.equivalence else None,
                    equivalence_note=section.equivalence_note,
                    terms=tuple(
                        TermView(
                            text=t.term,
                            lang=lang,
                            status=t.status.value,
                            type=t.type.value,
                            pos=t.pos.value if t.pos else None,
                            gender=t.gender.value if t.gender else None,
                            geo=t.geo,
                            context=t.context,
                            context_source=t.context_source,
                            source=t.source,
                            note=t.note,
                            usage=tuple(label.value for label in t.usage),
                            number=t.number.value if t.number else None,
                            homograph=t.homograph,
                        )
                        for t in terms
                    ),
                )
            )
        return ConceptView(
            id=concept.id,
            title=title,
            title_lang=title_lang,
            status=concept.status.value,
            subjects=subjects,
            hierarchy=links(self.chain(concept)),
            broader=links(concept.broader),
            narrower=links(glossary.narrower(concept.id)),
            part_of=links(concept.part_of),
            parts=links(glossary.parts(concept.id)),
            related=links(glossary.related_to(concept.id)),
            replaced_by=links(concept.replaced_by),
            replaces=links(glossary.replaces(concept.id)),
            image=self.image_view(concept, home),
            note=concept.note,
            note_lang=self.meta.notes_lang,
            updated=format_date(concept.updated, ui) if concept.updated else None,
            sections=tuple(sections),
            downloads=entry_downloads(concept.id, f"../{home}"),
        )

    # -- pages -------------------------------------------------------------------------

    def render(self, template: str, context: PageContext, ui: str) -> bytes:
        import jinja2

        try:
            return self._render(template, context, ui)
        except jinja2.TemplateSyntaxError as exc:
            where = f"{exc.filename or exc.name}:{exc.lineno}"
            raise ExportError(f"{where}: template error: {exc.message}") from None
        except jinja2.TemplateNotFound as exc:
            raise ExportError(f"{self.templates}: no template {exc.name}") from None
        except jinja2.TemplateError as exc:
            raise ExportError(f"{self.templates / template}: {exc}") from None

    def _render(self, template: str, context: PageContext, ui: str) -> bytes:
        if self._installed != ui:
            self.env.install_gettext_translations(  # type: ignore[attr-defined]
                self.translations(ui), newstyle=True
            )
            self._installed = ui
        values = {name: getattr(context, name) for name in context.__dataclass_fields__}
        return self.env.get_template(template).render(values).encode("utf-8")

    def unchanged(self, path: str, key: str) -> bool:
        """Whether the file at ``path`` is already the output of this key (and has the
        size it was written with: a file edited by hand is rebuilt)."""
        recorded = self.previous.get(path)
        if recorded is None or recorded[0] != key:
            return False
        try:
            return (self.out / path).stat().st_size == recorded[1]
        except OSError:
            return False

    def add(self, path: str, key: str, make: Callable[[], bytes]) -> None:
        data = None if self.unchanged(path, key) else make()
        self.outputs.append(Output(path, data, key))

    def page(self, path: str, template: str, context: PageContext) -> None:
        key = _digest(self.salt, template, repr(context))
        self.add(path, key, lambda: self.render(template, context, context.ui))

    def gather(self) -> None:
        subjects_count: dict[str, int] = {}
        for concept in self.concepts:
            for code in concept.subjects:
                subjects_count[code] = subjects_count.get(code, 0) + 1
        for ui in self.ui_languages:
            tr = self.translations(ui)
            gettext = tr.gettext

            def subject_links(home: str, ui: str = ui) -> tuple[Link, ...]:
                codes = sorted(
                    subjects_count,
                    key=lambda code: sort_key(self.meta.subject_label(code, ui), ui),
                )
                return tuple(
                    Link(
                        text=self.meta.subject_label(code, ui),
                        href=f"{home}subjects/{code}.html",
                        note=str(subjects_count[code]),
                    )
                    for code in codes
                )

            base = self.base(ui, "index.html", self.meta.title_in(ui), "home")
            self.page(
                f"{ui}/index.html", "site/home.html", HomePage(**base, subjects=subject_links(""))
            )
            base = self.base(ui, "search.html", gettext("Search"), "search")
            page = search_page(base, self.meta, self.languages, self.site(ui).labels["status"])
            self.page(f"{ui}/search.html", "site/search.html", page)
            base = self.base(ui, "subjects.html", gettext("Subjects"), "subjects")
            self.page(
                f"{ui}/subjects.html",
                "site/subjects.html",
                SubjectsPage(**base, subjects=subject_links("")),
            )
            base = self.base(ui, "about.html", gettext("About"), "about")
            self.page(
                f"{ui}/about.html",
                "site/about.html",
                AboutPage(
                    **base, downloads=self.downloads("../", ui), cite=self.cite(ui, None, gettext)
                ),
            )
            for code in subjects_count:
                label = self.meta.subject_label(code, ui)
                base = self.base(ui, f"subjects/{code}.html", label, "subjects")
                members = [c for c in self.concepts if code in c.subjects]
                links = sorted(
                    (self._concept_link(c, ui, "../") for c in members),
                    key=lambda link: sort_key(link.text, link.lang or ui),
                )
                self.page(
                    f"{ui}/subjects/{code}.html",
                    "site/subject.html",
                    SubjectPage(**base, code=code, concepts=tuple(links)),
                )
            for lang in self.languages:
                add_az_pages(self, ui, lang, gettext)
            for concept in self.concepts:
                path = f"concepts/{concept.id}.html"
                view = self.concept_view(concept, ui, "../")
                base = self.base(ui, path, view.title, "")
                self.page(
                    f"{ui}/{path}",
                    "site/concept.html",
                    ConceptPage(**base, concept=view, cite=self.cite(ui, concept, gettext)),
                )
            whatsnew.add_pages(self, ui, self.record)
        root_base = self.base(
            self.ui_languages[0], "index.html", self.meta.title_in(self.ui_languages[0])
        )
        first = self.ui_languages[0]
        root = replace(
            RootPage(**root_base),
            path="index.html",
            root="",
            home=f"{first}/",
            switch=tuple(
                replace(link, href=f"{link.lang}/index.html") for link in root_base["switch"]
            ),
            az=tuple(replace(link, href=f"{first}/{link.href}") for link in root_base["az"]),
            feed=f"{first}/whatsnew.xml",
            homes=tuple(
                Link(text=self.meta.title_in(ui), href=f"{ui}/index.html", lang=ui)
                for ui in self.ui_languages
            ),
        )
        self.page("index.html", "site/root.html", root)
        # A host serves 404.html for a missing page at any depth: its links must not be
        # relative to where it lies, so they are absolute when the site's address is known.
        prefix = self.base_url or ""
        notfound = replace(
            root,
            title="404",
            path="404.html",
            root=prefix,
            home=f"{prefix}{self.ui_languages[0]}/",
            switch=tuple(
                replace(link, href=f"{prefix}{link.lang}/index.html") for link in root.switch
            ),
            homes=tuple(replace(link, href=f"{prefix}{link.href}") for link in root.homes),
            az=(),
            feed=None,
            canonical=None,  # a 404 page stands for no address of its own
            alternates=(),
        )
        self.page("404.html", "site/404.html", notfound)
        self.assets()
        if self.base_url:
            data = self.sitemap()
            self.outputs.append(Output("sitemap.xml", data, _digest(data)))

    def chain(self, concept: Concept) -> tuple[str, ...]:
        """The first broader concept, its first broader concept … top first (a circle,
        which the linter reports, ends the chain)."""
        found: list[str] = []
        current = concept
        while True:
            above = next((t for t in current.broader if t in self.glossary.concepts), None)
            if above is None or above == concept.id or above in found:
                return tuple(reversed(found))
            found.append(above)
            current = self.glossary.concepts[above]

    def image_view(self, concept: Concept, home: str) -> ImageView | None:
        """The concept's picture: copied to ``media/<path>`` (once), or linked when it is
        on another site (the site makes no external requests)."""
        image = concept.image
        if image is None:
            return None
        if http_url(image.path):
            return ImageView(image.path, image.caption, image.source, external=True)
        parts = image.path.replace("\\", "/").split("/")
        if ".." in parts or image.path.startswith("/") or ":" in image.path:
            raise ExportError(
                f"{concept.location.path}: image '{image.path}' is outside the glossary folder"
            )
        target = "media/" + "/".join(part for part in parts if part not in ("", "."))
        if target not in self.media:
            folder = Path(self.glossary.origin or ".")
            folder = folder if folder.is_dir() else folder.parent
            try:
                data = (folder / target.removeprefix("media/")).read_bytes()
            except OSError as exc:
                raise ExportError(
                    f"{concept.location.path}: image '{image.path}' cannot be read: "
                    f"{exc.strerror or exc}"
                ) from None
            self.media.add(target)
            self.outputs.append(Output(target, data, _digest(data)))
        return ImageView(f"../{home}{target}", image.caption, image.source)

    def _concept_link(self, concept: Concept, ui: str, home: str) -> Link:
        text, lang = _preferred(concept, ui)
        return Link(text=text, href=f"{home}concepts/{concept.id}.html", lang=lang)

    @functools.cache  # noqa: B019 (one builder per build; the same in every interface)
    def letters(self, lang: str, home: str) -> tuple[LetterGroup, ...]:
        entries: list[tuple[Any, str, AzEntry]] = []
        for concept in self.concepts:
            section = concept.languages.get(lang)
            if section is None:
                continue
            equivalents = []
            for other in self.languages:
                other_section = concept.languages.get(other)
                if other == lang or other_section is None or not other_section.terms:
                    continue
                first = other_section.preferred or other_section.terms[0]
                equivalents.append(
                    TermView(text=first.term, lang=other, status=first.status.value, type="")
                )
            for term in section.terms:
                note = None if term.status is TermStatus.PREFERRED else term.status.value
                link = Link(
                    text=term.term, href=f"{home}concepts/{concept.id}.html", lang=lang, note=note
                )
                initial = letter(term.term, lang)
                first_char = next((ch for ch in term.term if ch.isalnum()), "")
                if initial == "#" and first_char.isascii() and first_char.isalpha():
                    initial = "A–Z"  # Latin letters in a language written in another script
                entry = AzEntry(term=link, equivalents=tuple(equivalents))
                entries.append((sort_key(term.term, lang), initial, entry))
        entries.sort(key=lambda item: (item[0], item[2].term.href))
        groups: dict[str, list[AzEntry]] = {}
        for _, initial, entry in entries:
            groups.setdefault(initial, []).append(entry)
        ordered = sorted(groups, key=lambda g: (g == "A–Z", g == "#", sort_key(g, lang)))
        return tuple(
            LetterGroup(letter=g, anchor=f"letter-{i}", entries=tuple(groups[g]))
            for i, g in enumerate(ordered)
        )

    def cite(self, ui: str, concept: Concept | None, gettext: Callable[[str], str]) -> str:
        parts = [self.meta.publisher or "", self.meta.title_in(ui)]
        if self.meta.version:
            parts.append(self.meta.version)
        text = ". ".join(p for p in parts if p)
        if concept is not None:
            title, _ = _preferred(concept, ui)
            text = gettext("%(entry)s. In: %(work)s") % {"entry": title, "work": text}
        if self.base_url:
            path = f"{ui}/concepts/{concept.id}.html" if concept else f"{ui}/index.html"
            text += f". {self.base_url}{path}"
        return text + "."

    def downloads(self, prefix: str, ui: str) -> tuple[Download, ...]:
        found = []
        folder = self.out / "downloads"
        produced = {o.path: o.data for o in self.outputs}
        labels = {".pdf": "PDF", ".tbx": "TBX", ".csv": "CSV", ".xlsx": "XLSX", ".json": "JSON"}
        names: set[str] = set()
        if folder.is_dir():
            names.update(p.name for p in folder.iterdir() if p.is_file())
        names.update(
            Path(p).name for p in produced if p.startswith("downloads/") and p.count("/") == 1
        )
        for name in sorted(names):
            suffix = Path(name).suffix.lower()
            if suffix not in labels:
                continue
            data = produced.get(f"downloads/{name}")
            size = len(data) if data is not None else (folder / name).stat().st_size
            found.append(
                Download(
                    label=labels[suffix], href=f"{prefix}downloads/{name}", size=_size(size, ui)
                )
            )
        if (folder / "json" / "v1" / "index.json").is_file():
            found.append(
                Download(label="JSON API", href=f"{prefix}downloads/json/v1/index.json", size="")
            )
        return tuple(found)

    def assets(self) -> None:
        for name in _ASSETS:
            path = self.templates / "site" / "assets" / name
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise ExportError(f"{path}: {exc.strerror or exc}") from None
            self.outputs.append(Output(f"assets/{name}", data, _digest(data)))
        terms = repr(
            [
                (
                    concept.id,
                    [
                        (lang, [(t.term, t.status.value) for t in section.terms])
                        for lang, section in concept.languages.items()
                    ],
                )
                for concept in self.glossary.concepts.values()
            ]
        )
        for ui in self.ui_languages:
            self.add(
                f"assets/search-ui.{ui}.js",
                _digest(
                    self.salt,
                    ui,
                    " ".join(self.languages),
                    repr({code: self.meta.subject_label(code, ui) for code in self.meta.subjects}),
                ),
                functools.partial(
                    search_ui_js,
                    self.translations(ui).gettext,
                    self.meta,
                    self.languages,
                    self.site(ui).labels["status"],
                    ui,
                ),
            )
        key = _digest(self.salt, " ".join(self.languages), terms)
        self.search_shards(_digest(key, "shards", self.glossary.fingerprint or terms))

    def search_shards(self, key: str) -> None:
        """The sharded search index (glossary.site.searchindex): made only when its
        input changed; else the files of the last build that had this key are kept."""
        from glossary.site.searchindex import FOLDER, search_files

        kept = [
            path
            for path, (recorded, _) in self.previous.items()
            if path.startswith(FOLDER + "/") and recorded == key
        ]
        if f"{FOLDER}/manifest.js" in kept and all(self.unchanged(p, key) for p in kept):
            self.outputs.extend(Output(path, None, key) for path in kept)
            return
        from glossary.search import _index_for

        made = search_files(self.glossary, _index_for(self.glossary))
        for path, text in sorted(made.files.items()):
            self.outputs.append(Output(path, text.encode("utf-8"), key))

    def sitemap(self) -> bytes:
        assert self.base_url is not None
        pages = sorted(
            {
                o.path.split("/", 1)[1]
                for o in self.outputs
                if o.path.endswith(".html")
                and o.path not in self.moved
                and "/" in o.path
                and o.path.split("/", 1)[0] in self.ui_languages
            }
        )
        lines = [
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:xhtml="http://www.w3.org/1999/xhtml">',
        ]
        from xml.sax.saxutils import escape, quoteattr

        for page in pages:
            for ui in self.ui_languages:
                lines.append("  <url>")
                lines.append(f"    <loc>{escape(self.base_url + ui + '/' + page)}</loc>")
                for other in self.ui_languages:
                    href = quoteattr(self.base_url + other + "/" + page)
                    lines.append(
                        f'    <xhtml:link rel="alternate" hreflang="{other}" href={href}/>'
                    )
                lines.append("  </url>")
        lines.append("</urlset>")
        return ("\n".join(lines) + "\n").encode("utf-8")

    def add_downloads(self) -> None:
        from glossary.exporters.csv import render as csv_render
        from glossary.exporters.tbx import render as tbx_render

        # The sources' digest is the input of both (none for a glossary built in code).
        source = self.glossary.fingerprint
        renderers: dict[str, Callable[[Glossary], bytes]] = {
            ".tbx": tbx_render,
            ".csv": csv_render,
        }
        for suffix, render in renderers.items():
            key = _digest(self.salt, suffix, source) if source else ""
            self.add(
                f"downloads/{self.meta.id}{suffix}",
                key,
                functools.partial(render, self.glossary),
            )


def build_site(
    glossary: Glossary, out: Path, options: Mapping[str, Any] | None = None
) -> list[Path]:
    """Build the site into ``out``; return the files written (unchanged ones are not)."""
    options = dict(options or {})
    previous = _FOLDER.check(out)
    builder = _Builder(glossary, out, options, previous)
    record = read_record(out / RECORD_NAME) if RECORD_NAME in previous else None
    since, label = since_glossary(glossary, options.get("since"))
    builder.record = update(record, glossary, builder.built, since, label)
    data = builder.record.encode()
    builder.outputs.append(Output(RECORD_NAME, data, _digest(data)))
    builder.add_downloads()
    add_entry_files(builder, glossary, builder.salt, builder.base_url)
    builder.gather()
    return _FOLDER.write(out, builder.outputs, previous)
