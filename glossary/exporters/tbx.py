"""TBX v3, TBX-Basic dialect, DCA style (valid against the official TBX-Basic schema)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any

from glossary.model import Glossary
from glossary.sources.tbx_write import generate_tbx
from glossary.util import atomic_write

NAME = "tbx"
DESCRIPTION = "TBX v3 (TBX-Basic, DCA) for other termbases and CAT tools"
SUFFIX = ".tbx"


def render(glossary: Glossary) -> bytes:
    return ("\n".join(generate_tbx(glossary)) + "\n").encode("utf-8")


def write(fp: IO[bytes], glossary: Glossary, options: Mapping[str, Any] | None = None) -> None:
    fp.write(render(glossary))


def export(glossary: Glossary, out: Path, options: Mapping[str, Any]) -> list[Path]:
    atomic_write(out, render(glossary), overwrite=True)
    return [out]
