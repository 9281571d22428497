"""The static web e-glossary (see :mod:`glossary.site`)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from glossary.model import Glossary

NAME = "site"
DESCRIPTION = "a static web e-glossary, for any web host or a USB stick"
SUFFIX = ""  # a folder
OPTIONS = ("base_url", "templates", "since")


def export(glossary: Glossary, out: Path, options: Mapping[str, Any]) -> list[Path]:
    from glossary.site import build_site

    return build_site(glossary, out, options)
