"""A cache of what was read from each source file, keyed by the file's content.

An unchanged file is not parsed again: its concepts, its load diagnostics and the
results of the per-concept rules are taken from the cache. The cache lives in the
user's cache folder (``$GLOSSARY_CACHE_DIR``, else ``$XDG_CACHE_HOME/glossary``, else
``~/.cache/glossary``), one file per glossary folder; ``GLOSSARY_NO_CACHE=1`` turns it
off. A damaged or foreign cache file is ignored and rebuilt, and a cache that cannot
be written is simply not kept: the cache never changes a result, only its speed.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["FileEntry", "SourceCache", "cache_dir", "digest"]

#: Bump when the cached objects change shape.
FORMAT = 3


def cache_dir() -> Path:
    explicit = os.environ.get("GLOSSARY_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "glossary"


def enabled() -> bool:
    return os.environ.get("GLOSSARY_NO_CACHE", "") in ("", "0")


def digest(data: bytes, *salt: str) -> str:
    h = hashlib.blake2b(data, digest_size=16)
    for part in salt:
        h.update(b"\0" + part.encode("utf-8"))
    return h.hexdigest()


def _version() -> str:
    from glossary import __version__

    return f"{FORMAT}:{__version__}:{sys.version_info[:2]}"


@dataclass
class FileEntry:
    """What one file gave, for one content digest."""

    concepts: tuple[Any, ...]
    diagnostics: tuple[Any, ...]
    suppressions: Mapping[int, frozenset[str] | None] = field(default_factory=dict)
    #: Results of the per-concept rules, for the rule settings with this key.
    rules_key: str | None = None
    rule_diagnostics: tuple[Any, ...] = ()
    #: Whether the file is already in the canonical form (``fmt``), when known.
    canonical: bool | None = None
    #: For a TBX file: the glossary metadata of its header.
    meta: Any = None


class SourceCache:
    """The cache of one glossary folder (or file)."""

    def __init__(self, path: Path, entries: dict[str, tuple[str, FileEntry]] | None = None):
        self.path = path
        self.entries: dict[str, tuple[str, FileEntry]] = entries or {}
        self.used: set[str] = set()
        self.dirty = False

    @classmethod
    def for_source(cls, source: Path) -> SourceCache:
        key = digest(str(source.resolve()).encode("utf-8"))
        path = cache_dir() / "sources" / f"{key}.pickle"
        try:
            with open(path, "rb") as fp:
                version, entries = pickle.load(fp)
            if version != _version() or not isinstance(entries, dict):
                entries = {}
        except Exception:  # missing, damaged or written by another version: start afresh
            entries = {}
        return cls(path, entries)

    def get(self, name: str, file_digest: str) -> FileEntry | None:
        self.used.add(name)
        found = self.entries.get(name)
        if found is None or found[0] != file_digest:
            return None
        return found[1]

    def put(self, name: str, file_digest: str, entry: FileEntry) -> None:
        self.used.add(name)
        self.entries[name] = (file_digest, entry)
        self.dirty = True

    def touch(self) -> None:
        self.dirty = True

    def save(self) -> None:
        """Write the cache if anything changed, dropping files that were not seen."""
        stale = set(self.entries) - self.used
        if stale:
            for name in stale:
                del self.entries[name]
            self.dirty = True
        if not self.dirty:
            return
        try:
            from glossary.util import atomic_write

            data = pickle.dumps((_version(), self.entries), protocol=pickle.HIGHEST_PROTOCOL)
            atomic_write(self.path, data, overwrite=True)
            self.dirty = False
        except OSError:
            pass  # a read-only home: run without a cache
