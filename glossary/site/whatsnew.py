"""What's new on the site: a page and an Atom feed per interface language, and a page at
the old address of every concept id that disappeared, leading to what replaced it.

All of it comes from the release record (:mod:`glossary.releases`) that the build keeps
in the output folder; the builder hands over the record of this build.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree as ET

from glossary.collation import sort_key
from glossary.model import ID_PATTERN
from glossary.releases import Record, resolve_moved
from glossary.site.context import ChangeView, Link, MovedPage, ReleaseView, WhatsNewPage
from glossary.templating import format_date

if TYPE_CHECKING:  # pragma: no cover
    from glossary.site import _Builder

__all__ = ["FEED_ENTRIES", "FIELD_LABELS", "add_pages", "moved_pages"]

ATOM = "http://www.w3.org/2005/Atom"
#: The newest entries a feed carries (the page shows every release recorded).
FEED_ENTRIES = 200
_KINDS = ("added", "renamed", "retired", "removed", "changed")
#: Characters XML 1.0 does not allow (a YAML source can hold them, written as escapes).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def N_(message: str) -> str:
    """Marks a message for the catalogs; it is translated where it is used."""
    return message


#: How a changed field is named on the page and in the feed.
FIELD_LABELS = {
    "status": N_("entry status"),
    "subjects": N_("subjects"),
    "broader": N_("broader concepts"),
    "part_of": N_("wholes it is part of"),
    "related": N_("related concepts"),
    "replaced_by": N_("replaced by"),
    "note": N_("note"),
    "updated": N_("date of update"),
    "image": N_("picture"),
    "definition": N_("definition"),
    "source": N_("source"),
    "equivalence": N_("equivalence"),
    "equivalence_note": N_("equivalence note"),
    "terms": N_("terms"),
}

#: The feed's entry titles, by kind of change.
ENTRY_TITLES = {
    "added": N_("Added: %(concept)s"),
    "renamed": N_("New address: %(concept)s"),
    "retired": N_("Retired: %(concept)s"),
    "removed": N_("Removed: %(concept)s"),
    "changed": N_("Changed: %(concept)s"),
}


def _title(title: object, ui: str, languages: Sequence[str], fallback: str) -> tuple[str, str]:
    """The text to show for a concept whose terms by language are ``title``, and its
    language: the interface language's, else the first language that has one."""
    titles = title if isinstance(title, Mapping) else {}
    for lang in (ui, *languages, *titles):
        text = titles.get(lang)
        if isinstance(text, str) and text:
            return text, lang
    return fallback, "und"


def _anchor(key: str, taken: set[str]) -> str:
    anchor = "release-" + re.sub(r"[^A-Za-z0-9._-]+", "-", key).strip("-")
    base, n = anchor, 2
    while anchor in taken:
        anchor, n = f"{base}-{n}", n + 1
    taken.add(anchor)
    return anchor


def _release_key(release: Mapping[str, Any]) -> str:
    return str(release.get("version") or release["date"])


class _Views:
    """The releases of the record as the page and the feed show them."""

    def __init__(self, builder: _Builder, ui: str, home: str) -> None:
        self.builder = builder
        self.ui = ui
        self.home = home
        self.gettext: Callable[[str], str] = builder.translations(ui).gettext

    def link(self, cid: str, title: object) -> Link:
        text, lang = _title(title, self.ui, self.builder.languages, cid)
        return Link(text=text, href=f"{self.home}concepts/{cid}.html", lang=lang)

    def targets(self, ids: object) -> tuple[Link, ...]:
        concepts = self.builder.glossary.concepts
        found = []
        for cid in ids if isinstance(ids, list) else ():
            concept = concepts.get(cid)
            if concept is not None:
                found.append(self.builder._concept_link(concept, self.ui, self.home))
        return tuple(found)

    def fields(self, changes: object) -> tuple[str, ...]:
        out: list[str] = []
        for change in changes if isinstance(changes, list) else ():
            name = FIELD_LABELS.get(str(change.get("field")))
            if name is None:
                continue
            words = self.gettext(name)
            lang = change.get("lang")
            if isinstance(lang, str):
                from glossary.templating import language_name

                words = f"{words} ({language_name(lang, self.ui)})"
            if words not in out:
                out.append(words)
        return tuple(out)

    def change(self, kind: str, item: Mapping[str, Any]) -> ChangeView:
        cid = item["to"] if kind == "renamed" else item["id"]
        return ChangeView(
            link=self.link(cid, item.get("title")),
            old_id=item["from"] if kind == "renamed" else None,
            replaced_by=self.targets(item.get("replaced_by")),
            fields=self.fields(item.get("changes")),
        )

    def release(self, release: Mapping[str, Any], anchor: str) -> ReleaseView:
        date = dt.date.fromisoformat(release["date"])
        lists = {
            kind: tuple(
                sorted(
                    (self.change(kind, item) for item in release[kind]),
                    key=lambda view: sort_key(view.link.text, view.link.lang or self.ui),
                )
            )
            for kind in _KINDS
        }
        return ReleaseView(
            title=_release_key(release),
            date=format_date(date, self.ui),
            anchor=anchor,
            since=release.get("since"),
            **lists,
        )

    def releases(self, record: Record) -> tuple[ReleaseView, ...]:
        taken: set[str] = set()
        return tuple(
            self.release(release, _anchor(_release_key(release), taken))
            for release in record.releases
        )


def moved_pages(record: Record, existing: Sequence[str]) -> dict[str, list[str]]:
    """Every id that has a page although it is no longer a concept -> where it leads:
    the ids that moved, and any other id a release names (so that every link of the
    What's new page and the feed leads somewhere)."""
    moved = record.all_moved()
    present = set(existing)
    for release in record.releases:
        for kind in _KINDS:
            for item in release[kind]:
                for cid in (item.get("id"), item.get("to"), item.get("from")):
                    if isinstance(cid, str) and cid not in present and cid not in moved:
                        moved[cid] = []
    return {
        old: targets
        for old, targets in resolve_moved(moved, present).items()
        if ID_PATTERN.match(old)
    }


def add_pages(builder: _Builder, ui: str, record: Record) -> None:
    """The What's new page and feed of ``ui`` and its pages for ids that moved."""
    gettext = builder.translations(ui).gettext
    views = _Views(builder, ui, "")
    releases = views.releases(record)
    base = builder.base(ui, "whatsnew.html", gettext("What's new"), "whatsnew")
    builder.page(
        f"{ui}/whatsnew.html", "site/whatsnew.html", WhatsNewPage(**base, releases=releases)
    )
    data = feed(builder, ui, record, _Views(builder, ui, ""))
    from glossary.outputfolder import Output, digest

    builder.outputs.append(Output(f"{ui}/whatsnew.xml", data, digest(data)))
    concepts = builder.glossary.concepts
    for old, targets in moved_pages(record, list(concepts)).items():
        path = f"concepts/{old}.html"
        links = tuple(builder._concept_link(concepts[t], ui, "../") for t in targets)
        refresh = links[0].href if len(links) == 1 else None
        canonical = refresh
        if refresh and builder.base_url:
            canonical = f"{builder.base_url}{ui}/concepts/{targets[0]}.html"
        title = (
            gettext("Moved: %(id)s") % {"id": old}
            if links
            else gettext("Removed: %(id)s") % {"id": old}
        )
        page = MovedPage(
            **{**builder.base(ui, path, title, ""), "canonical": None, "alternates": ()},
            old_id=old,
            targets=links,
            refresh=refresh,
            target_canonical=canonical,
        )
        builder.moved.add(f"{ui}/{path}")
        builder.page(f"{ui}/{path}", "site/moved.html", page)


def _iso(day: str) -> str:
    return f"{day}T00:00:00Z"


def feed(builder: _Builder, ui: str, record: Record, views: _Views) -> bytes:
    """The Atom 1.0 feed of ``ui`` (``<ui>/whatsnew.xml``): one entry per change of a
    concept, newest release first, at most :data:`FEED_ENTRIES`.

    Ids are ``urn:uuid:`` names made from the glossary id, the interface language, the
    release, the kind of change and the concept, so they stay the same from build to
    build. Links are absolute when the site's address is known, else relative to the
    feed (which RFC 4287 allows; a reader resolves them against where it fetched the
    feed)."""
    gettext = views.gettext
    meta = builder.meta
    prefix = f"{builder.base_url}{ui}/" if builder.base_url else ""
    ET.register_namespace("", ATOM)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        clean = {key: _NOT_XML.sub("", value) for key, value in attrs.items()}
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", clean)
        if text is not None:
            element.text = _NOT_XML.sub("", text)
        return element

    def name(*parts: str) -> str:
        return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, "glossary:" + "/".join(parts)))

    root = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": ui})
    sub(root, "id", name(meta.id, ui, "whatsnew"))
    heading = gettext("What's new")
    sub(root, "title", f"{meta.title_in(ui)}: {heading}")
    newest = record.releases[0]["date"] if record.releases else builder.built.isoformat()
    sub(root, "updated", _iso(newest))
    author = sub(root, "author")
    sub(author, "name", meta.publisher or meta.title_in(ui))
    sub(root, "link", rel="self", type="application/atom+xml", href=f"{prefix}whatsnew.xml")
    sub(root, "link", rel="alternate", type="text/html", href=f"{prefix}whatsnew.html")
    sub(root, "generator", "glossary")
    count = 0
    for release in record.releases:
        key = _release_key(release)
        for kind in _KINDS:
            for item in release[kind]:
                if count == FEED_ENTRIES:
                    break
                count += 1
                view = views.change(kind, item)
                cid = item["to"] if kind == "renamed" else item["id"]
                entry = sub(root, "entry")
                sub(entry, "id", name(meta.id, ui, key, kind, cid))
                sub(entry, "title", gettext(ENTRY_TITLES[kind]) % {"concept": view.link.text})
                sub(entry, "updated", _iso(release["date"]))
                href = f"{prefix}{view.link.href}"
                sub(entry, "link", rel="alternate", type="text/html", href=href)
                sub(entry, "category", term=kind)
                summary = _summary(gettext, key, view)
                sub(entry, "summary", summary)
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + body + "\n").encode("utf-8")


def _summary(gettext: Callable[[str], str], key: str, view: ChangeView) -> str:
    text = gettext("Release %(release)s.") % {"release": key}
    if view.old_id:
        text += " " + gettext("Formerly %(id)s.") % {"id": view.old_id}
    if view.replaced_by:
        names = ", ".join(link.text for link in view.replaced_by)
        text += " " + gettext("Use instead: %(concepts)s.") % {"concepts": names}
    if view.fields:
        text += " " + gettext("Changed: %(fields)s.") % {"fields": ", ".join(view.fields)}
    return text
