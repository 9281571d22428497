"""The static JSON API (see :mod:`glossary.jsonapi` and docs/api.md)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from glossary.model import Glossary

NAME = "json"
DESCRIPTION = "a static JSON API (v1/) with JSON Schemas and an OpenAPI description"
SUFFIX = ""  # a folder
OPTIONS = ("base_url", "since")


def export(glossary: Glossary, out: Path, options: Mapping[str, Any]) -> list[Path]:
    from glossary.jsonapi import build_api

    return build_api(glossary, out, options)
