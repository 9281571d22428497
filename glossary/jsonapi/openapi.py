"""The OpenAPI 3.1 description of the JSON API's static endpoints (``v1/openapi.json``).

Its schemas are the published JSON Schemas' definitions, placed under
``components.schemas`` (:func:`glossary.jsonapi.schemas.components`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from glossary.jsonapi.schemas import DOCUMENTS, LANG_PATTERN, SEGMENT_PATTERN, components
from glossary.model import ID_PATTERN, Glossary

__all__ = ["openapi"]

_JSON = "application/json"


def _parameter(
    name: str, description: str, pattern: str, values: Sequence[str] = ()
) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string", "pattern": pattern}
    if values:
        schema["enum"] = list(values)
    return {
        "name": name,
        "in": "path",
        "required": True,
        "description": description,
        "schema": schema,
    }


def _get(
    operation: str,
    summary: str,
    schema: dict[str, Any],
    parameter: dict[str, Any] | None = None,
    missing: str | None = None,
) -> dict[str, Any]:
    get: dict[str, Any] = {"operationId": operation, "summary": summary}
    if parameter is not None:
        get["parameters"] = [parameter]
    responses: dict[str, Any] = {
        "200": {"description": summary, "content": {_JSON: {"schema": schema}}}
    }
    if missing is not None:
        responses["404"] = {"description": missing}
    get["responses"] = responses
    return {"get": get}


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/components/schemas/{name}"}


def openapi(
    glossary: Glossary, subjects: Sequence[str], api_url: str | None = None
) -> dict[str, Any]:
    """The OpenAPI document for the API of ``glossary`` whose subject documents are
    ``subjects``, published at ``api_url`` (the folder that holds ``v1/``) if known."""
    meta = glossary.meta
    title = meta.title_in("en")
    description = (
        f"A static, read-only JSON API of the glossary '{meta.id}'"
        + (f", release {meta.version}" if meta.version else "")
        + ". Every document is a file; the paths are fixed and the API has no query "
        "parameters. Optional fields are left out when unset, never null."
    )
    info: dict[str, Any] = {"title": f"{title}: JSON API", "description": description}
    if meta.license:
        info["license"] = {"name": meta.license}
    info["version"] = "v1"
    # Relative to this document (v1/openapi.json): ".." is the folder that holds v1/.
    server = api_url.rstrip("/") if api_url else ".."
    schema_types = list(DOCUMENTS)
    paths = {
        "/v1/index.json": _get("getIndex", "The index", _ref("Index")),
        "/v1/concepts/{id}.json": _get(
            "getConcept",
            "One concept",
            _ref("Concept"),
            _parameter("id", "The concept's id.", ID_PATTERN.pattern),
            "No concept has this id.",
        ),
        "/v1/terms/{lang}.json": _get(
            "getTermIndex",
            "The term index of one language",
            _ref("TermIndex"),
            _parameter("lang", "A language tag.", LANG_PATTERN, glossary.languages),
            "The glossary has no such language.",
        ),
        "/v1/subjects/{code}.json": _get(
            "getSubject",
            "One subject and its concepts",
            _ref("Subject"),
            _parameter("code", "A subject code.", SEGMENT_PATTERN, subjects),
            "The glossary has no such subject.",
        ),
        "/v1/glossary.json": _get("getDump", "The whole glossary", _ref("Dump")),
        "/v1/changes.json": _get("getChanges", "What changed in each release", _ref("Changes")),
        "/v1/schemas/{type}.schema.json": _get(
            "getSchema",
            "The JSON Schema (draft 2020-12) of a document type",
            {"type": "object"},
            _parameter("type", "A document type.", SEGMENT_PATTERN, schema_types),
            "No document type has this name.",
        ),
        "/v1/openapi.json": _get("getOpenApi", "This description", {"type": "object"}),
    }
    return {
        "openapi": "3.1.0",
        "info": info,
        "servers": [{"url": server, "description": "The folder that holds v1/."}],
        "paths": paths,
        "components": {"schemas": components()},
    }
