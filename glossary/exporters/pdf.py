"""The printed dictionary (see :mod:`glossary.pdf`)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any

from glossary.model import Glossary
from glossary.util import atomic_write

NAME = "pdf"
DESCRIPTION = "a printed dictionary: both directions, an index, running heads (Typst)"
SUFFIX = ".pdf"
OPTIONS = ("page_size", "templates", "pdf_standard", "subjects", "concepts")


def render(glossary: Glossary, options: Mapping[str, Any] | None = None) -> bytes:
    from glossary.pdf import build_pdf

    return build_pdf(glossary, options or {})


def write(fp: IO[bytes], glossary: Glossary, options: Mapping[str, Any]) -> None:
    fp.write(render(glossary, options))


def export(glossary: Glossary, out: Path, options: Mapping[str, Any]) -> list[Path]:
    data = render(glossary, options)  # all of it before the file is touched
    atomic_write(out, data, overwrite=True)
    return [out]
