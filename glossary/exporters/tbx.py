"""TBX-Basic: v3 in DCA style (valid against the official TBX-Basic schema), or v2.

``options["tbx_version"]`` chooses the version: 3 (the default), or 2 (``martif``,
TBX-Basic 2008) for tools that read only v2, such as translate-toolkit (and so Weblate
and Pootle), OmegaT and older MultiTerm.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any

from glossary.errors import UsageError
from glossary.model import Glossary
from glossary.sources.tbx_write import TBX_VERSIONS, generate_tbx
from glossary.util import atomic_write

NAME = "tbx"
DESCRIPTION = "TBX v3 (TBX-Basic, DCA) for other termbases and CAT tools; v2 for older ones"
SUFFIX = ".tbx"
OPTIONS = ("tbx_version",)


def _version(options: Mapping[str, Any] | None) -> int:
    version = (options or {}).get("tbx_version", 3)
    if version not in TBX_VERSIONS:
        raise UsageError(f"TBX version {version} does not exist here; choose 2 or 3")
    return int(version)


def render(glossary: Glossary, version: int = 3) -> bytes:
    return ("\n".join(generate_tbx(glossary, version=version)) + "\n").encode("utf-8")


def write(fp: IO[bytes], glossary: Glossary, options: Mapping[str, Any] | None = None) -> None:
    fp.write(render(glossary, _version(options)))


def export(glossary: Glossary, out: Path, options: Mapping[str, Any]) -> list[Path]:
    atomic_write(out, render(glossary, _version(options)), overwrite=True)
    return [out]
