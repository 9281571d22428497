"""The JSON Schema (draft 2020-12) of a YAML concept file, for editors.

Built from what the loader itself uses: the field tables of :mod:`glossary.sources.fields`,
the model's enums and patterns, and the language-tag syntax of :mod:`glossary.langtags`,
so that the schema cannot drift from the loader. The schema describes the file as an
editor reads it: YAML 1.2, where ``2`` is a number and ``2026-01-05`` text; the loader
reads every scalar as text, so a text field also takes a number or a boolean here.

Only keywords that mean the same in draft 7 are used (no ``$ref`` with siblings, no
``unevaluatedProperties``), so that editors on an older yaml-language-server validate
the same way.

With a glossary's metadata the schema also knows its subject codes (with their labels)
and the languages glossary.toml requires of a reviewed or approved concept.
"""

from __future__ import annotations

import json
import os
import re
from enum import StrEnum
from typing import Any

from glossary.errors import LoadError, NotFoundError
from glossary.langtags import TAG_PATTERN
from glossary.model import (
    ID_PATTERN,
    ConceptStatus,
    Equivalence,
    Gender,
    GlossaryMeta,
    GrammaticalNumber,
    PartOfSpeech,
    TermStatus,
    TermType,
    UsageLabel,
)
from glossary.sources.fields import CONCEPT_FIELDS, IMAGE_FIELDS, SECTION_FIELDS, TERM_FIELDS
from glossary.validation.diagnostics import Severity

__all__ = ["DIALECT", "HELP", "concept_schema", "glossary_meta", "schema_text", "tag_pattern"]

DIALECT = "https://json-schema.org/draft/2020-12/schema"

#: What each field means, in Markdown: the same words as the tables of docs/format.md
#: (a test keeps them equal). Every field of the loader's tables must have an entry.
HELP: dict[str, dict[str, str]] = {
    "concept": {
        "id": "stable identifier, used in URLs, file names and TBX ids",
        "subjects": "subject fields, from `[subjects]` in glossary.toml",
        "status": "where the entry is in review; `retired`: no longer in use (see `replaced_by`)",
        "broader": "generic relation: the concepts this one is a kind of",
        "part_of": "partitive relation: the concepts (wholes) this one is a part of",
        "related": "associative relation: related concepts that are neither above nor below",
        "replaced_by": "for a retired concept: the concepts to use instead "
        "(only with `status: retired`, rule R206)",
        "note": "a note on the concept",
        "updated": "when the entry last changed",
        "image": "a picture of the concept: a bare path, or `path` (required), `caption` "
        "and `source`; the path is relative to the glossary folder (no `..`) or an "
        "`http(s)` URL",
        "languages": "the language sections",
    },
    "section": {
        "definition": "the definition, in our own words",
        "source": "where the definition comes from (a law, a standard)",
        "note": "a note on the concept in this language",
        "equivalence": "how this language's terms cover the concept: exactly; nearly (with "
        "differences); with a broader or a narrower meaning; not at all (no equivalent: "
        "the section explains or proposes one). Unset means exact",
        "equivalence_note": "how they differ, in a few words",
        "terms": "the terms, preferred first; each a bare string or a mapping",
    },
    "term": {
        "term": "the term itself",
        "status": "how the term may be used",
        "type": "the form of the term",
        "pos": "part of speech",
        "gender": "grammatical gender",
        "geo": "regional usage, such as `ru-KZ`",
        "context": "an example sentence using the term",
        "context_source": "where the example comes from",
        "source": "where the term comes from",
        "note": "a note on the term",
        "usage": "where or how the term is used: `formal`, `informal`, `colloquial`, "
        "`slang`, `jargon`, `technical`, `official`, `legal`, `regional`, `dated`, "
        "`obsolete`, `rare` (one label may be written bare: `usage: legal`)",
        "number": "grammatical number the term is used in (`plural` for a plural-only "
        "noun, `mass` for an uncountable one)",
        "homograph": "tells apart terms written the same in one language that name "
        "different concepts",
    },
    "image": {
        "path": "the picture: a path relative to the glossary folder (no `..`) or an `http(s)` URL",
        "caption": "what the picture shows",
        "source": "where the picture comes from, and its licence",
    },
}

_TABLES = {
    "concept": CONCEPT_FIELDS,
    "section": SECTION_FIELDS,
    "term": TERM_FIELDS,
    "image": IMAGE_FIELDS,
}

#: The loader reads every scalar as text; an editor reading YAML 1.2 sees ``2`` as a
#: number and ``true`` as a boolean, which the loader takes as the text "2" and "true".
_SCALAR = ["string", "number", "boolean"]
#: A value that is not blank (pattern applies to strings only).
_NOT_BLANK = r"\S"
#: An http(s) URL, or a path inside the glossary folder: relative, no '..', no ':'.
#: (``[\s\S]`` is any character, line ends included; ``(?![\s\S])`` the very end, which
#: ``$`` is not in Python, the jsonschema library's regex engine.)
_IMAGE_PATH = (
    r"^(https?://\S+|(?![/\\])(?![\s\S]*:)(?!([\s\S]*[/\\])?\.\.([/\\]|(?![\s\S])))"
    r"[\s\S]*\S[\s\S]*)(?![\s\S])"
)
_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def tag_pattern() -> str:
    """The BCP 47 tags :func:`glossary.langtags.normalize_tag` accepts, as a pattern
    without flags: any letter case, ``_`` for ``-``, surrounding blanks allowed."""
    out: list[str] = []
    in_class = False
    for ch in re.sub(r"\(\?P<[a-z]+>", "(", re.sub(r"\s+", "", TAG_PATTERN)):
        if in_class:
            if ch == "]":
                in_class = False
            out.append(ch)
            continue
        if ch == "[":
            in_class = True
            out.append(ch)
        elif ch == "-":
            out.append("[-_]")
        elif ch == "x":
            out.append("[xX]")
        else:
            out.append(ch)
    body = "".join(out)
    # Letter ranges in classes take both cases: [a-z] -> [a-zA-Z], [0-9a-wy-z] likewise.
    body = re.sub(r"a-([a-z])", lambda m: f"a-{m[1]}A-{m[1].upper()}", body)
    body = body.replace("y-z", "y-zY-Z")
    return rf"^\s*({body})\s*$"


def _help(table: str, name: str) -> dict[str, str]:
    text = HELP[table][name]
    text = text[0].upper() + text[1:] + "."
    return {"description": text.replace("`", ""), "markdownDescription": text}


def _enum(enum: type[StrEnum], *, nullable: bool = True) -> dict[str, Any]:
    values: list[Any] = [member.value for member in enum]
    return {"enum": [*values, None] if nullable else values}


def _text() -> dict[str, Any]:
    return {"type": [*_SCALAR, "null"]}


def _ids() -> dict[str, Any]:
    # One id may be written bare; pattern applies to the string, items to the list.
    concept_id = {"type": "string", "pattern": ID_PATTERN.pattern}
    return {
        "type": ["string", "array", "null"],
        "pattern": ID_PATTERN.pattern,
        "items": concept_id,
    }


def _object(table: str, fields: dict[str, dict[str, Any]], required: list[str]) -> dict[str, Any]:
    names = _TABLES[table]
    missing = set(names) ^ set(fields) | set(names) ^ set(HELP[table])
    if missing:  # a field added to the loader's tables needs its schema and its help
        raise RuntimeError(f"schema of the {table} fields out of step: {sorted(missing)}")
    return {
        "properties": {name: {**_help(table, name), **fields[name]} for name in names},
        "required": required,
        "additionalProperties": False,
    }


def _term() -> dict[str, Any]:
    labels = [label.value for label in UsageLabel]
    fields: dict[str, dict[str, Any]] = {
        "term": {"type": _SCALAR, "pattern": _NOT_BLANK},
        "status": {**_enum(TermStatus), "default": TermStatus.PREFERRED.value},
        "type": {**_enum(TermType), "default": TermType.FULL_FORM.value},
        "pos": _enum(PartOfSpeech),
        "gender": _enum(Gender),
        "geo": {"type": ["string", "null"], "pattern": tag_pattern()},
        "context": _text(),
        "context_source": _text(),
        "source": _text(),
        "note": _text(),
        "usage": {
            "anyOf": [
                {"enum": labels},
                {"type": "array", "items": {"enum": labels}},
                {"type": "null"},
            ]
        },
        "number": _enum(GrammaticalNumber),
        "homograph": {
            "type": ["integer", "string", "null"],
            "minimum": 1,
            "pattern": r"^0*[1-9][0-9]*$",
        },
    }
    return {
        "description": "A term: its text alone (a preferred full form), or a mapping "
        "with `term:` and its other fields.".replace("`", ""),
        # Object keywords apply to a mapping only, the pattern to a bare string only.
        "type": [*_SCALAR, "object"],
        "pattern": _NOT_BLANK,
        **_object("term", fields, ["term"]),
    }


def _section() -> dict[str, Any]:
    fields: dict[str, dict[str, Any]] = {
        "definition": _text(),
        "source": _text(),
        "note": _text(),
        "equivalence": {**_enum(Equivalence), "default": Equivalence.EXACT.value},
        "equivalence_note": _text(),
        "terms": {"type": ["array", *_SCALAR], "pattern": _NOT_BLANK, "items": _term()},
    }
    return {
        "description": "A language section: the concept's definition and terms in one language.",
        "type": "object",
        **_object("section", fields, ["terms"]),
    }


def _image() -> dict[str, Any]:
    fields: dict[str, dict[str, Any]] = {
        "path": {"type": "string", "pattern": _IMAGE_PATH},
        "caption": _text(),
        "source": _text(),
    }
    return {
        "type": ["string", "object", "null"],
        "pattern": _IMAGE_PATH,
        **_object("image", fields, ["path"]),
    }


def _subjects(meta: GlossaryMeta | None) -> dict[str, Any]:
    if meta is None or not meta.subjects:
        # Any code (rule R203 checks it when glossary.toml has a [subjects] table).
        return {"type": [*_SCALAR, "array", "null"], "items": {"type": _SCALAR}}
    codes = sorted(meta.subjects)
    code: dict[str, Any] = {
        "enum": codes,
        "enumDescriptions": [
            " / ".join(dict.fromkeys(meta.subjects[c].values())) or c for c in codes
        ],
    }
    # One code may be written bare, like a relation.
    return {"anyOf": [code, {"type": "array", "items": code}, {"type": "null"}]}


def _languages(meta: GlossaryMeta | None) -> dict[str, Any]:
    section = {"$ref": "#/$defs/section"}
    known = dict.fromkeys([*(meta.languages if meta else ()), *(meta.required if meta else ())])
    out: dict[str, Any] = {"type": "object", "minProperties": 1}
    if known:
        out["properties"] = {lang: section for lang in known}
    out["propertyNames"] = {"pattern": tag_pattern()}
    out["additionalProperties"] = section
    return out


def _concept(meta: GlossaryMeta | None) -> dict[str, Any]:
    fields: dict[str, dict[str, Any]] = {
        "id": {"type": "string", "pattern": ID_PATTERN.pattern},
        "subjects": _subjects(meta),
        "status": {**_enum(ConceptStatus), "default": ConceptStatus.DRAFT.value},
        "broader": _ids(),
        "part_of": _ids(),
        "related": _ids(),
        "replaced_by": _ids(),
        "note": _text(),
        "updated": {"type": ["string", "null"], "pattern": _DATE, "format": "date"},
        "image": _image(),
        "languages": _languages(meta),
    }
    concept: dict[str, Any] = {
        "description": "One concept: its relations and one section per language.",
        "type": "object",
        **_object("concept", fields, ["id", "languages"]),
    }
    if meta is not None and meta.required:
        # Rule C301: an error once the concept is past draft (a warning while a draft).
        past_draft = [s.value for s in ConceptStatus if s is not ConceptStatus.DRAFT]
        concept["if"] = {"properties": {"status": {"enum": past_draft}}, "required": ["status"]}
        concept["then"] = {"properties": {"languages": {"required": list(meta.required)}}}
    return concept


def concept_schema(meta: GlossaryMeta | None = None) -> dict[str, Any]:
    """The schema of a concept file; with ``meta``, the one of that glossary."""
    name = f"a concept file of the glossary '{meta.id}'" if meta else "a glossary concept file"
    return {
        "$schema": DIALECT,
        "title": f"{name[0].upper()}{name[1:]}",
        "description": "One concept, or a list of concepts, as in docs/format.md. Checked by "
        "'glossary validate', which also checks what a schema cannot: relations to other "
        "files, duplicate ids and keys, and the rules of docs/rules.md.",
        "anyOf": [
            {"$ref": "#/$defs/concept"},
            {"type": "array", "items": {"$ref": "#/$defs/concept"}},
        ],
        "$defs": {"concept": _concept(meta), "section": _section()},
    }


def schema_text(meta: GlossaryMeta | None = None) -> str:
    """:func:`concept_schema` as JSON text, the same bytes for the same glossary.toml."""
    return json.dumps(concept_schema(meta), ensure_ascii=False, indent=2) + "\n"


def glossary_meta(path: str | os.PathLike[str] | None = None) -> GlossaryMeta:
    """What glossary.toml says of the glossary at ``path`` (see
    :func:`glossary.sources.resolve_path`; for a file, the glossary.toml beside it).
    Concept files are not read. Raises :class:`LoadError` when glossary.toml has errors."""
    from glossary.sources import _read_config, resolve_path

    root = resolve_path(path)
    if not root.exists():
        raise NotFoundError(f"{root}: no such file or folder")
    config, problems, _ = _read_config(root if root.is_dir() else root.parent)
    errors = [d for d in problems if d.severity is Severity.ERROR]
    if errors:
        count = len(errors)
        noun = "error" if count == 1 else "errors"
        raise LoadError(f"glossary.toml has {count} {noun}; run 'glossary validate'", errors)
    return config.meta
