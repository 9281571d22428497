"""The static JSON API: ``glossary export json --out DIR``.

Every document is a file under one version prefix, so the API can be served by any
static host; ``docs/api.md`` describes it for its users. Layout::

    v1/index.json                   the glossary, its subjects and counts, every link
    v1/concepts/<id>.json           one per concept, every field of the model
    v1/terms/<lang>.json            every term of a language, in its alphabetical order
    v1/subjects/<code>.json         a subject and its concepts
    v1/glossary.json                everything in one file
    v1/changes.json                 what each release added, renamed, retired, removed, changed
    v1/schemas/<type>.schema.json   a JSON Schema per document type
    v1/openapi.json                 an OpenAPI 3.1 description of the above

The documents are built as plain values (:func:`documents`, no I/O) and written through
:mod:`glossary.outputfolder`: only changed files are written, the files of a concept or
subject that is gone are removed, and a folder the API did not make is refused. An
optional field that is unset is left out, never ``null``; lists are always present.
Keys keep the order they are built in; concepts are in id order, languages in the
glossary's order, terms in their source order. Nothing depends on the time of the build,
so two builds are byte-identical; ``changes.json`` comes from the release record kept in
the folder (:mod:`glossary.releases`), whose dates are those of the builds
(``SOURCE_DATE_EPOCH`` when set).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from glossary.collation import sort_key
from glossary.errors import ExportError
from glossary.jsonapi.schemas import DOCUMENTS, SEGMENT_PATTERN
from glossary.model import Concept, Glossary, LangSection, Term
from glossary.outputfolder import Output, OutputFolder, digest

__all__ = [
    "API_VERSION",
    "RECORD",
    "build_api",
    "concept_document",
    "documents",
    "dump_document",
    "encode",
    "index_document",
    "subject_document",
    "term_index",
]

API_VERSION = "v1"
#: The record of what the API wrote, at the top of the output folder.
RECORD = ".glossary-json.json"
_FOLDER = OutputFolder(record=RECORD, command="glossary export json", what="the JSON API")
_SEGMENT = re.compile(SEGMENT_PATTERN)
_TERM_FIELDS = ("geo", "context", "context_source", "source", "note")

Json = dict[str, Any]


def encode(value: Any) -> bytes:
    """A document as the API writes it: UTF-8 without escapes, indented by 2, a final
    newline."""
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _segment(name: str, what: str) -> str:
    """``name``, when it can be a file name in a URL; else a one-line error."""
    if not _SEGMENT.match(name):
        raise ExportError(
            f"{what} '{name}' cannot name a file of the JSON API; "
            "use letters, digits, '.', '_' and '-'"
        )
    return name


# -- the documents ---------------------------------------------------------------------


def _term(term: Term) -> Json:
    doc: Json = {"term": term.term, "status": term.status.value, "type": term.type.value}
    if term.pos is not None:
        doc["pos"] = term.pos.value
    if term.gender is not None:
        doc["gender"] = term.gender.value
    for name in _TERM_FIELDS:
        value = getattr(term, name)
        if value is not None:
            doc[name] = value
    doc["usage"] = [label.value for label in term.usage]
    if term.number is not None:
        doc["number"] = term.number.value
    if term.homograph is not None:
        doc["homograph"] = term.homograph
    return doc


def _section(section: LangSection) -> Json:
    doc: Json = {}
    for name in ("definition", "source", "note"):
        value = getattr(section, name)
        if value is not None:
            doc[name] = value
    if section.equivalence is not None:
        doc["equivalence"] = section.equivalence.value
    if section.equivalence_note is not None:
        doc["equivalence_note"] = section.equivalence_note
    doc["terms"] = [_term(term) for term in section.terms]
    return doc


def concept_document(
    concept: Concept, languages: Sequence[str] = (), glossary: Glossary | None = None
) -> Json:
    """Every field of ``concept``; its language sections in the order of ``languages``,
    then any others in source order. With ``glossary``, the derived inverse relations
    (``narrower``, ``parts``) are filled in; without, they are empty."""
    doc: Json = {
        "id": concept.id,
        "status": concept.status.value,
        "subjects": list(concept.subjects),
        "broader": list(concept.broader),
        "part_of": list(concept.part_of),
        "related": list(concept.related),
        "replaced_by": list(concept.replaced_by),
        "narrower": list(glossary.narrower(concept.id)) if glossary else [],
        "parts": list(glossary.parts(concept.id)) if glossary else [],
    }
    if concept.note is not None:
        doc["note"] = concept.note
    if concept.updated is not None:
        doc["updated"] = concept.updated.isoformat()
    if concept.image is not None:
        image = {"path": concept.image.path}
        for name in ("caption", "source"):
            value = getattr(concept.image, name)
            if value is not None:
                image[name] = value
        doc["image"] = image
    order = [lang for lang in languages if lang in concept.languages]
    order += [lang for lang in concept.languages if lang not in order]
    doc["languages"] = {lang: _section(concept.languages[lang]) for lang in order}
    return doc


def _concepts(glossary: Glossary) -> list[Concept]:
    return sorted(glossary.concepts.values(), key=lambda concept: concept.id)


def _subjects(glossary: Glossary) -> dict[str, list[Concept]]:
    """Subject code -> its concepts in id order: the glossary's subjects in their order,
    then any other code a concept uses."""
    members: dict[str, list[Concept]] = {code: [] for code in glossary.meta.subjects}
    for concept in _concepts(glossary):
        for code in concept.subjects:
            members.setdefault(code, []).append(concept)
    return members


def _meta(glossary: Glossary) -> Json:
    meta = glossary.meta
    doc: Json = {"id": meta.id, "title": dict(meta.title)}
    for name in ("version", "license", "publisher"):
        value = getattr(meta, name)
        if value is not None:
            doc[name] = value
    doc["languages"] = list(glossary.languages)
    doc["required"] = list(meta.required)
    doc["note_language"] = meta.notes_lang
    if meta.base_url is not None:
        doc["base_url"] = meta.base_url
    return doc


def _subject_summaries(glossary: Glossary) -> list[Json]:
    return [
        {
            "code": code,
            "labels": dict(glossary.meta.subjects.get(code, {})),
            "concepts": len(members),
        }
        for code, members in _subjects(glossary).items()
    ]


def index_document(glossary: Glossary) -> Json:
    """The entry point: metadata, subjects, counts and a link to every other document."""
    languages = glossary.languages
    concepts = _concepts(glossary)
    terms = {lang: 0 for lang in languages}
    for concept in concepts:
        for term_lang, section in concept.languages.items():
            terms[term_lang] = terms.get(term_lang, 0) + len(section.terms)
    return {
        "api_version": API_VERSION,
        "glossary": _meta(glossary),
        "counts": {"concepts": len(concepts), "terms": terms},
        "subjects": _subject_summaries(glossary),
        "links": {
            "dump": "glossary.json",
            "changes": "changes.json",
            "openapi": "openapi.json",
            "schemas": {name: f"schemas/{name}.schema.json" for name in DOCUMENTS},
            "terms": {lang: f"terms/{lang}.json" for lang in languages},
            "subjects": {code: f"subjects/{code}.json" for code in _subjects(glossary)},
            "concepts": {c.id: f"concepts/{c.id}.json" for c in concepts},
        },
    }


def term_index(glossary: Glossary, lang: str) -> Json:
    """Every term of ``lang`` in that language's alphabetical order (ties by concept id)."""
    entries = []
    for concept in _concepts(glossary):
        section = concept.languages.get(lang)
        if section is None:
            continue
        preferred = section.preferred
        for term in section.terms:
            entry = {
                "term": term.term,
                "status": term.status.value,
                "type": term.type.value,
                "concept": concept.id,
                "preferred": term is preferred,
            }
            entries.append((sort_key(term.term, lang), concept.id, entry))
    entries.sort(key=lambda item: (item[0], item[1]))
    return {"lang": lang, "terms": [entry for _, _, entry in entries]}


def _title(concept: Concept, lang: str) -> str | None:
    section = concept.languages.get(lang)
    if section is None or not section.terms:
        return None
    return (section.preferred or section.terms[0]).term


def subject_document(glossary: Glossary, code: str) -> Json:
    """A subject: its labels and its concepts (id and preferred term per language)."""
    members = _subjects(glossary).get(code, [])
    concepts = []
    for concept in members:
        titles = {lang: _title(concept, lang) for lang in glossary.languages}
        concepts.append(
            {
                "id": concept.id,
                "preferred": {lang: text for lang, text in titles.items() if text is not None},
            }
        )
    return {
        "code": code,
        "labels": dict(glossary.meta.subjects.get(code, {})),
        "concepts": concepts,
    }


def dump_document(glossary: Glossary) -> Json:
    """The whole glossary: its metadata, subjects and every concept document."""
    languages = glossary.languages
    return {
        "api_version": API_VERSION,
        "glossary": _meta(glossary),
        "subjects": _subject_summaries(glossary),
        "concepts": [concept_document(c, languages, glossary) for c in _concepts(glossary)],
    }


def documents(
    glossary: Glossary, api_url: str | None = None, changes: Json | None = None
) -> dict[str, Any]:
    """Every document of the API by its path in the output folder, in a stable order.

    ``api_url`` is the address of the folder that holds ``v1/`` once published: with
    it, the schemas' ``$id`` and the OpenAPI server are absolute; without it they are
    relative to the documents. ``changes`` is the history of releases
    (:func:`glossary.releases.changes_document`); without it, the history of this one
    release, which lists no changes.
    """
    from glossary.jsonapi.openapi import openapi
    from glossary.jsonapi.schemas import published
    from glossary.releases import changes_document, update
    from glossary.templating import build_date

    for concept in glossary.concepts.values():
        _segment(concept.id, "concept id")
    for lang in glossary.languages:
        _segment(lang, "language tag")
    subjects = list(_subjects(glossary))
    for code in subjects:
        _segment(code, "subject code")
    base = f"{api_url.rstrip('/')}/{API_VERSION}/schemas/" if api_url else ""
    prefix = f"{API_VERSION}/"
    docs: dict[str, Any] = {f"{prefix}index.json": index_document(glossary)}
    for concept in _concepts(glossary):
        docs[f"{prefix}concepts/{concept.id}.json"] = concept_document(
            concept, glossary.languages, glossary
        )
    for lang in glossary.languages:
        docs[f"{prefix}terms/{lang}.json"] = term_index(glossary, lang)
    for code in subjects:
        docs[f"{prefix}subjects/{code}.json"] = subject_document(glossary, code)
    docs[f"{prefix}glossary.json"] = dump_document(glossary)
    if changes is None:
        changes = changes_document(update(None, glossary, build_date()), glossary.meta.id)
    docs[f"{prefix}changes.json"] = changes
    for doc_type, schema in published(lambda name: f"{base}{name}.schema.json").items():
        docs[f"{prefix}schemas/{doc_type}.schema.json"] = schema
    docs[f"{prefix}openapi.json"] = openapi(glossary, subjects, api_url)
    return docs


def build_api(
    glossary: Glossary, out: Path, options: Mapping[str, Any] | None = None
) -> list[Path]:
    """Write the API into ``out``; return the files written (unchanged ones are not).

    ``options["base_url"]``: where ``out`` will be published, if known.
    """
    from glossary.releases import (
        RECORD_NAME,
        changes_document,
        read_record,
        since_glossary,
        update,
    )
    from glossary.templating import build_date

    options = dict(options or {})
    previous = _FOLDER.check(out)
    record = read_record(out / RECORD_NAME) if RECORD_NAME in previous else None
    since, label = since_glossary(glossary, options.get("since"))
    record = update(record, glossary, build_date(), since, label)
    changes = changes_document(record, glossary.meta.id, API_VERSION)
    outputs = []
    for path, value in documents(glossary, options.get("base_url"), changes).items():
        data = encode(value)
        outputs.append(Output(path, data, digest(data)))
    data = record.encode()
    outputs.append(Output(RECORD_NAME, data, digest(data)))
    return _FOLDER.write(out, outputs, previous)
