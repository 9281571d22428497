"""Exporters, registered by name: ``glossary export NAME`` and ``glossary.export(g, NAME, out)``.

Each exporter is a module with ``NAME``, ``DESCRIPTION``, ``SUFFIX`` (``""`` for a
folder) and ``export(glossary, out, options) -> list[Path]``; single-file formats also
have ``write(fp, glossary, options)`` so that the command line can write to stdout.
Modules are imported only when used, so registering costs nothing at start-up.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Mapping
from pathlib import Path
from types import ModuleType
from typing import Any

from glossary.errors import UsageError
from glossary.model import Glossary
from glossary.util import did_you_mean

__all__ = ["EXPORTERS", "export", "get"]

#: name -> module. Third-party exporters would be added here from an entry-point group,
#: loaded on first use like these.
EXPORTERS: dict[str, str] = {
    "tbx": "glossary.exporters.tbx",
    "csv": "glossary.exporters.csv",
    "site": "glossary.exporters.site",
    "pdf": "glossary.exporters.pdf",
    "json": "glossary.exporters.json",
    "xlsx": "glossary.exporters.xlsx",
    "skos": "glossary.exporters.skos",
}


def get(name: str) -> ModuleType:
    """The exporter module for ``name``; :class:`UsageError` naming the choices if unknown."""
    module = EXPORTERS.get(name)
    if module is None:
        choices = ", ".join(sorted(EXPORTERS))
        hint = did_you_mean(name, EXPORTERS)
        raise UsageError(f"unknown export format '{name}'{hint}; choose one of: {choices}")
    return importlib.import_module(module)


def export(
    glossary: Glossary,
    name: str,
    out: str | os.PathLike[str] | None = None,
    options: Mapping[str, Any] | None = None,
) -> list[Path]:
    """Write ``glossary`` in format ``name`` to ``out`` and return the files written."""
    exporter = get(name)
    target = Path(out) if out is not None else Path(f"{glossary.meta.id}{exporter.SUFFIX}")
    return list(exporter.export(glossary, target, dict(options or {})))
