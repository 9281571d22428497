"""JSON Schemas (draft 2020-12) of the JSON API's documents, made from the model's enums.

Every definition is written once, in :func:`definitions`, with its references to the
others left to a function: the published schemas (``v1/schemas/<type>.schema.json``) are
self-contained and point into their own ``$defs``; the OpenAPI description puts the same
definitions under ``components.schemas`` and points there. A schema therefore never
disagrees with the OpenAPI description, nor either of them with the model.

One rule holds for every object: an optional field that is unset is left out, never
``null``; a list is always there, empty if need be.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from enum import StrEnum
from typing import Any

from glossary.model import (
    ID_PATTERN,
    ConceptStatus,
    Equivalence,
    Gender,
    GrammaticalNumber,
    PartOfSpeech,
    TermStatus,
    TermType,
    UsageLabel,
)
from glossary.releases import CONCEPT_FIELDS, SECTION_FIELDS

__all__ = [
    "DIALECT",
    "DOCUMENTS",
    "LANG_PATTERN",
    "SEGMENT_PATTERN",
    "components",
    "definitions",
    "published",
]

DIALECT = "https://json-schema.org/draft/2020-12/schema"

#: A BCP 47 language tag, as far as a file name needs to know.
LANG_PATTERN = r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$"
#: A subject code: it names a file, so it is kept to a safe alphabet.
SEGMENT_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"

#: Document type -> (definition name, title). The file is ``<type>.schema.json``.
DOCUMENTS: dict[str, tuple[str, str]] = {
    "index": ("Index", "The index of the JSON API: the glossary, its counts, every link"),
    "concept": ("Concept", "One concept with every field of the model"),
    "term-index": ("TermIndex", "Every term of one language, in that language's order"),
    "subject": ("Subject", "One subject with its concepts"),
    "dump": ("Dump", "The whole glossary in one document"),
    "changes": ("Changes", "What each release added, renamed, retired, removed and changed"),
}

_OMITTED = "Optional fields are left out when unset, never null; lists are always present."

Ref = Callable[[str], dict[str, Any]]


def _enum(enum: type[StrEnum], description: str) -> dict[str, Any]:
    return {"type": "string", "enum": [member.value for member in enum], "description": description}


def _text(description: str) -> dict[str, Any]:
    return {"type": "string", "description": description}


def _lang_map(value: dict[str, Any], description: str) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
        "propertyNames": {"pattern": LANG_PATTERN},
        "additionalProperties": value,
    }


def _id_map(names: str, value: dict[str, Any], description: str) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
        "propertyNames": {"pattern": names},
        "additionalProperties": value,
    }


def _object(
    properties: dict[str, Any], required: tuple[str, ...], description: str
) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
        "additionalProperties": False,
        "required": list(required),
        "properties": properties,
    }


def definitions(ref: Ref) -> dict[str, dict[str, Any]]:
    """Every definition by name, documents first; ``ref(name)`` makes a reference."""
    defs = _definitions(ref)
    for name, title in DOCUMENTS.values():
        defs[name] = {"title": title, **defs[name]}
    return defs


def _definitions(ref: Ref) -> dict[str, dict[str, Any]]:
    count = {"type": "integer", "minimum": 0}
    link = {"type": "string", "format": "uri-reference", "description": "relative to v1/"}
    concept_id = {"type": "string", "pattern": ID_PATTERN.pattern}
    lang = {"type": "string", "pattern": LANG_PATTERN}
    code = {"type": "string", "pattern": SEGMENT_PATTERN}
    api_version = {"const": "v1", "description": "The version of the API (the path prefix)."}

    def ids(description: str) -> dict[str, Any]:
        return {"type": "array", "items": concept_id, "description": description}

    return {
        "Index": _object(
            {
                "api_version": api_version,
                "glossary": ref("Glossary"),
                "counts": ref("Counts"),
                "subjects": {"type": "array", "items": ref("SubjectSummary")},
                "links": ref("Links"),
            },
            ("api_version", "glossary", "counts", "subjects", "links"),
            "The entry point: what the glossary is, how large, and where everything is.",
        ),
        "Concept": _object(
            {
                "id": {**concept_id, "description": "Stable; the document's file name."},
                "status": ref("ConceptStatus"),
                "subjects": {
                    "type": "array",
                    "items": code,
                    "description": "Subject codes, as in the index's subjects.",
                },
                "broader": ids("Generic relation: the concepts this one is a kind of."),
                "part_of": ids("Partitive relation: the concepts this one is a part of."),
                "related": ids("Ids of related (associated) concepts."),
                "replaced_by": ids("For a retired concept: the concepts to use instead."),
                "narrower": ids(
                    "Derived: the concepts whose broader names this one, in source order."
                ),
                "parts": ids("Derived: the concepts whose part_of names this one."),
                "note": _text("A note on the concept, in the glossary's note_language."),
                "updated": {"type": "string", "format": "date", "description": "YYYY-MM-DD"},
                "image": ref("Image"),
                "languages": _lang_map(
                    ref("LangSection"),
                    "One section per language tag, in the glossary's language order.",
                ),
            },
            (
                "id",
                "status",
                "subjects",
                "broader",
                "part_of",
                "related",
                "replaced_by",
                "narrower",
                "parts",
                "languages",
            ),
            f"A concept and its terms in every language. {_OMITTED}",
        ),
        "TermIndex": _object(
            {
                "lang": {**lang, "description": "The language of every term listed."},
                "terms": {"type": "array", "items": ref("TermEntry")},
            },
            ("lang", "terms"),
            "Every term of one language in its alphabetical order (å, ä, ö last in "
            "Finnish; ё with е in Russian); a term of several concepts is listed once "
            "for each.",
        ),
        "Subject": _object(
            {
                "code": code,
                "labels": _lang_map(_text("The subject's name."), "By language tag."),
                "concepts": {"type": "array", "items": ref("SubjectConcept")},
            },
            ("code", "labels", "concepts"),
            "A subject and its concepts, by id.",
        ),
        "Dump": _object(
            {
                "api_version": api_version,
                "glossary": ref("Glossary"),
                "subjects": {"type": "array", "items": ref("SubjectSummary")},
                "concepts": {
                    "type": "array",
                    "items": ref("Concept"),
                    "description": "Every concept by id, as in its own document.",
                },
            },
            ("api_version", "glossary", "subjects", "concepts"),
            "The whole glossary in one file.",
        ),
        "Changes": _object(
            {
                "api_version": api_version,
                "glossary": _text("The glossary's id."),
                "releases": {
                    "type": "array",
                    "items": ref("Release"),
                    "description": "The releases recorded, newest first (at most 20).",
                },
                "moved": _id_map(
                    ID_PATTERN.pattern,
                    ids("The concepts it leads to now; empty when it was removed."),
                    "Every id that is no longer in the glossary, also from releases that "
                    "are no longer listed, with where it leads now (a renamed concept "
                    "renamed again leads to its latest id).",
                ),
            },
            ("api_version", "glossary", "releases", "moved"),
            "The history of the glossary's releases.",
        ),
        "Release": _object(
            {
                "version": _text("The glossary's version in this release, if it had one."),
                "date": {
                    "type": "string",
                    "format": "date",
                    "description": "When the release was built, YYYY-MM-DD.",
                },
                "since": _text(
                    "What the changes are counted from: the previous release's version "
                    "(else its date), or the revision given with --since. Absent for the "
                    "first release recorded, which lists no changes."
                ),
                "added": {"type": "array", "items": ref("ConceptRef")},
                "renamed": {"type": "array", "items": ref("Renamed")},
                "retired": {"type": "array", "items": ref("Replaced")},
                "removed": {"type": "array", "items": ref("Replaced")},
                "changed": {"type": "array", "items": ref("Changed")},
            },
            ("date", "added", "renamed", "retired", "removed", "changed"),
            f"One release and what changed in it, each list in id order. {_OMITTED}",
        ),
        "ConceptRef": _object(
            {"id": concept_id, "title": ref("Title")},
            ("id", "title"),
            "A concept added.",
        ),
        "Renamed": _object(
            {
                "from": {**concept_id, "description": "The id it had."},
                "to": {**concept_id, "description": "The id it has."},
                "title": ref("Title"),
            },
            ("from", "to", "title"),
            "A concept given a new id: the same concept (the same preferred terms in the "
            "required languages, or most of its terms), as glossary diff finds it. Its "
            "other changes are under changed, by the new id.",
        ),
        "Replaced": _object(
            {
                "id": concept_id,
                "title": ref("Title"),
                "replaced_by": ids("The concepts to use instead, if it names any."),
            },
            ("id", "title", "replaced_by"),
            "A concept retired (its status became retired) or removed.",
        ),
        "Changed": _object(
            {
                "id": concept_id,
                "title": ref("Title"),
                "changes": {
                    "type": "array",
                    "items": ref("FieldChange"),
                    "minItems": 1,
                    "description": "The concept's own fields first, then each language's.",
                },
            },
            ("id", "title", "changes"),
            "A concept whose fields changed (glossary diff gives the old and new values).",
        ),
        "FieldChange": _object(
            {
                "lang": {
                    **lang,
                    "description": "The language section; absent for a "
                    "field of the concept itself.",
                },
                "field": {
                    "type": "string",
                    "enum": sorted({*CONCEPT_FIELDS, *SECTION_FIELDS}),
                    "description": "The field's name in the source format; terms: any "
                    "change to the terms of that language.",
                },
            },
            ("field",),
            "A field that changed.",
        ),
        "Title": _lang_map(
            {"type": "string", "minLength": 1},
            "The concept's preferred term (else its first term) per language tag, as "
            "it was in that release.",
        ),
        "Glossary": _object(
            {
                "id": _text("The glossary's id."),
                "title": _lang_map(_text("The title."), "By language tag."),
                "version": _text("The release of the glossary."),
                "license": _text("Its licence, an SPDX identifier where there is one."),
                "publisher": _text("Who publishes it."),
                "languages": {
                    "type": "array",
                    "items": lang,
                    "uniqueItems": True,
                    "description": "Every language of the glossary, in display order.",
                },
                "required": {
                    "type": "array",
                    "items": lang,
                    "uniqueItems": True,
                    "description": "The languages every concept has.",
                },
                "note_language": {**lang, "description": "The language of concept notes."},
                "base_url": {
                    "type": "string",
                    "format": "uri",
                    "description": "Where the glossary's web site is published.",
                },
            },
            ("id", "title", "languages", "required", "note_language"),
            f"What the glossary says about itself. {_OMITTED}",
        ),
        "Counts": _object(
            {
                "concepts": count,
                "terms": _lang_map(count, "Terms per language tag."),
            },
            ("concepts", "terms"),
            "How large the glossary is.",
        ),
        "SubjectSummary": _object(
            {
                "code": code,
                "labels": _lang_map(_text("The subject's name."), "By language tag."),
                "concepts": {**count, "description": "How many concepts have this subject."},
            },
            ("code", "labels", "concepts"),
            "A subject: the glossary's subjects first, in their order, then any other "
            "code a concept uses.",
        ),
        "Links": _object(
            {
                "dump": link,
                "changes": link,
                "openapi": link,
                "schemas": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": list(DOCUMENTS),
                    "properties": {name: link for name in DOCUMENTS},
                    "description": "The JSON Schema of each document type.",
                },
                "terms": _lang_map(link, "The term index of each language."),
                "subjects": _id_map(SEGMENT_PATTERN, link, "The document of each subject."),
                "concepts": _id_map(
                    ID_PATTERN.pattern, link, "The document of each concept, by id."
                ),
            },
            ("dump", "changes", "openapi", "schemas", "terms", "subjects", "concepts"),
            "Every other document, relative to the folder v1/.",
        ),
        "LangSection": _object(
            {
                "definition": _text("The definition."),
                "source": _text("Where the definition comes from."),
                "note": _text("A note in this language."),
                "equivalence": ref("Equivalence"),
                "equivalence_note": _text("How this language's terms differ from the concept."),
                "terms": {
                    "type": "array",
                    "items": ref("Term"),
                    "description": "In the source's order.",
                },
            },
            ("terms",),
            f"What a concept says in one language. {_OMITTED}",
        ),
        "Term": _object(
            {
                "term": {"type": "string", "minLength": 1},
                "status": ref("TermStatus"),
                "type": ref("TermType"),
                "pos": ref("PartOfSpeech"),
                "gender": ref("Gender"),
                "geo": _text("Regional usage, a BCP 47 tag such as ru-RU."),
                "context": _text("An example sentence."),
                "context_source": _text("Where the example comes from."),
                "source": _text("Where the term comes from."),
                "note": _text("A note on the term."),
                "usage": {
                    "type": "array",
                    "items": ref("UsageLabel"),
                    "uniqueItems": True,
                    "description": "Where or how the term is used.",
                },
                "number": ref("GrammaticalNumber"),
                "homograph": {
                    "type": "integer",
                    "minimum": 1,
                    "description": "Tells apart terms written the same in one language.",
                },
            },
            ("term", "status", "type", "usage"),
            f"One term of a concept. {_OMITTED}",
        ),
        "TermEntry": _object(
            {
                "term": {"type": "string", "minLength": 1},
                "status": ref("TermStatus"),
                "type": ref("TermType"),
                "concept": {**concept_id, "description": "The id of the term's concept."},
                "preferred": {
                    "type": "boolean",
                    "description": "Whether this is the concept's preferred term in this "
                    "language (its first term with status preferred).",
                },
            },
            ("term", "status", "type", "concept", "preferred"),
            "A term in a term index.",
        ),
        "SubjectConcept": _object(
            {
                "id": concept_id,
                "preferred": _lang_map(
                    {"type": "string", "minLength": 1},
                    "The concept's preferred term (else its first term) per language tag.",
                ),
            },
            ("id", "preferred"),
            "A concept of a subject.",
        ),
        "ConceptStatus": _enum(ConceptStatus, "Where the concept stands in review."),
        "TermStatus": _enum(TermStatus, "How the term may be used."),
        "TermType": _enum(TermType, "The form of the term."),
        "PartOfSpeech": _enum(PartOfSpeech, "Part of speech."),
        "Gender": _enum(Gender, "Grammatical gender."),
        "Image": _object(
            {
                "path": {
                    "type": "string",
                    "minLength": 1,
                    "description": "Relative to the glossary folder, or a URL.",
                },
                "caption": _text("What the picture shows."),
                "source": _text("Where the picture comes from, its author and licence."),
            },
            ("path",),
            f"A picture of the concept. {_OMITTED}",
        ),
        "Equivalence": _enum(
            Equivalence,
            "How the terms of this language cover the concept: exactly, nearly, with a "
            "broader or a narrower meaning, or not at all (no equivalent).",
        ),
        "UsageLabel": _enum(UsageLabel, "A usage label."),
        "GrammaticalNumber": _enum(GrammaticalNumber, "Grammatical number."),
    }


def _references(value: Any) -> Iterator[str]:
    """The names that ``value`` refers to as ``#/$defs/<name>``."""
    if isinstance(value, dict):
        target = value.get("$ref")
        if isinstance(target, str) and target.startswith("#/$defs/"):
            yield target.removeprefix("#/$defs/")
        for item in value.values():
            yield from _references(item)
    elif isinstance(value, list):
        for item in value:
            yield from _references(item)


def published(schema_id: Callable[[str], str]) -> dict[str, dict[str, Any]]:
    """The schema of each document type, self-contained, by type; ``schema_id(type)``
    is its ``$id``."""
    defs = definitions(lambda name: {"$ref": f"#/$defs/{name}"})
    schemas = {}
    for doc_type, (name, _) in DOCUMENTS.items():
        needed: set[str] = set()
        todo = list(_references(defs[name]))
        while todo:
            other = todo.pop()
            if other not in needed:
                needed.add(other)
                todo.extend(_references(defs[other]))
        schemas[doc_type] = {
            "$schema": DIALECT,
            "$id": schema_id(doc_type),
            **defs[name],
            "$defs": {other: defs[other] for other in defs if other in needed},
        }
    return schemas


def components() -> dict[str, dict[str, Any]]:
    """The definitions for an OpenAPI document's ``components.schemas``."""
    return definitions(lambda name: {"$ref": f"#/components/schemas/{name}"})
