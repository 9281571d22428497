"""Each entry alone as a file to download: ``downloads/concepts/<id>.json`` (the JSON
API's concept document), ``.tbx`` (TBX 3 Basic) and ``.ttl`` (SKOS in Turtle).

The files are shared by the interface languages. Each is made only when the concept
changed since the last build (its key is a digest of the concept and of what the file
depends on), so a rebuild after editing one concept writes three files, not 3 × N.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from glossary.outputfolder import digest
from glossary.site.context import Download

if TYPE_CHECKING:
    from glossary.model import Concept, Glossary

__all__ = ["FORMATS", "add_entry_files", "entry_downloads"]

#: suffix → the label shown on the entry page
FORMATS = {".json": "JSON", ".tbx": "TBX", ".ttl": "SKOS (Turtle)"}


def _alone(glossary: Glossary, concept: Concept) -> Glossary:
    """A glossary of ``concept`` alone, with the glossary's metadata."""
    return replace(glossary, concepts={concept.id: concept})


def render_json(glossary: Glossary, concept: Concept) -> bytes:
    from glossary.jsonapi import concept_document, encode

    return encode(concept_document(concept, glossary.languages, glossary))


def render_tbx(glossary: Glossary, concept: Concept) -> bytes:
    from glossary.exporters.tbx import render

    return render(_alone(glossary, concept))


def render_skos(glossary: Glossary, concept: Concept, base_url: str | None) -> bytes:
    from glossary.exporters.skos import render

    return render(_alone(glossary, concept), "turtle", base_url)


def add_entry_files(builder: object, glossary: Glossary, salt: str, base_url: str | None) -> None:
    """Add the three files of every concept to the builder's outputs."""
    add = builder.add  # type: ignore[attr-defined]
    meta = repr(glossary.meta)
    for concept in glossary.concepts.values():
        # The JSON lists the derived relations, so they are part of its key.
        derived = repr((glossary.narrower(concept.id), glossary.parts(concept.id)))
        source = repr(concept)
        stem = f"downloads/concepts/{concept.id}"
        add(
            f"{stem}.json",
            digest(salt, ".json", meta, source, derived),
            lambda c=concept: render_json(glossary, c),
        )
        add(
            f"{stem}.tbx",
            digest(salt, ".tbx", meta, source),
            lambda c=concept: render_tbx(glossary, c),
        )
        add(
            f"{stem}.ttl",
            digest(salt, ".ttl", meta, source, base_url or ""),
            lambda c=concept: render_skos(glossary, c, base_url),
        )


def entry_downloads(concept_id: str, root: str) -> tuple[Download, ...]:
    """The links of an entry page (``root``: the path from the page to the site root)."""
    return tuple(
        Download(label=label, href=f"{root}downloads/concepts/{concept_id}{suffix}", size="")
        for suffix, label in FORMATS.items()
    )
