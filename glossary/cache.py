"""A cache of what was read from each source file, keyed by the file's content.

An unchanged file is not parsed again: its concepts, its load diagnostics and the
results of the per-concept rules are taken from the cache; and when no file changed at
all, the last report is used as it is. The cache lives in the user's cache folder
(``$GLOSSARY_CACHE_DIR``, else ``$XDG_CACHE_HOME/glossary``, else ``~/.cache/glossary``),
in shards so that a change to one file rewrites a small part of it. ``GLOSSARY_NO_CACHE=1``
turns it off. A damaged or foreign cache file is ignored and rebuilt, and a cache that
cannot be written is simply not kept: the cache never changes a result, only its speed.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["FileEntry", "SourceCache", "cache_dir", "digest", "enabled"]

#: Bump when the cached objects change shape.
FORMAT = 4
SHARDS = 64


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


_CODE: list[str] = []


def _code() -> str:
    """A fingerprint of the program's own modules (their names, sizes and times): a
    pickle made by other code (an upgrade that kept the version number, another
    checkout of the project) is never read back into this one's classes."""
    if not _CODE:
        package = Path(__file__).resolve().parent
        h = hashlib.blake2b(digest_size=8)
        for path in sorted(package.rglob("*.py")):
            st = path.stat()
            h.update(f"{path.relative_to(package)}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
        _CODE.append(h.hexdigest())
    return _CODE[0]


def _version() -> str:
    from glossary import __version__

    return f"{FORMAT}:{__version__}:{sys.version_info[:2]}:{_code()}"


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


def _shard(name: str) -> int:
    return int(hashlib.blake2b(name.encode("utf-8"), digest_size=2).hexdigest(), 16) % SHARDS


def _load(path: Path) -> Any:
    import pickle  # the source cache only: a lookup of an indexed glossary never reads it

    try:
        with open(path, "rb") as fp:
            version, payload = pickle.load(fp)
        return payload if version == _version() else None
    except Exception:  # missing, damaged or written by another version: start afresh
        return None


def _save(path: Path, payload: Any) -> None:
    import pickle

    from glossary.util import atomic_write

    try:
        data = pickle.dumps((_version(), payload), protocol=pickle.HIGHEST_PROTOCOL)
        atomic_write(path, data, overwrite=True)
    except OSError:
        pass  # a read-only home: run without a cache


class SourceCache:
    """The cache of one glossary folder (or file), loaded shard by shard when needed."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._shards: dict[int, dict[str, tuple[str, FileEntry]]] = {}
        self._dirty: set[int] = set()
        self.used: set[str] = set()

    @classmethod
    def for_source(cls, source: Path) -> SourceCache:
        key = digest(str(source.resolve()).encode("utf-8"))
        return cls(cache_dir() / "sources" / key)

    def _entries(self, name: str) -> tuple[int, dict[str, tuple[str, FileEntry]]]:
        number = _shard(name)
        if number not in self._shards:
            loaded = _load(self.folder / f"{number:02d}.pickle")
            self._shards[number] = loaded if isinstance(loaded, dict) else {}
        return number, self._shards[number]

    def get(self, name: str, file_digest: str) -> FileEntry | None:
        self.used.add(name)
        _, entries = self._entries(name)
        found = entries.get(name)
        if found is None or found[0] != file_digest:
            return None
        return found[1]

    def entry(self, name: str) -> FileEntry | None:
        """The entry stored for ``name``, whatever its digest."""
        _, entries = self._entries(name)
        found = entries.get(name)
        return found[1] if found else None

    def put(self, name: str, file_digest: str, entry: FileEntry) -> None:
        self.used.add(name)
        number, entries = self._entries(name)
        entries[name] = (file_digest, entry)
        self._dirty.add(number)

    def touch(self, name: str) -> None:
        """The entry of ``name`` was changed in place."""
        self._dirty.add(_shard(name))

    def summary(self) -> Any:
        return _load(self.folder / "summary.pickle")

    def set_summary(self, payload: Any) -> None:
        _save(self.folder / "summary.pickle", payload)

    def save(self, *, prune: bool = True) -> None:
        """Write the shards that changed, dropping files that were not seen this time."""
        if prune:
            for number, entries in self._shards.items():
                stale = [name for name in entries if name not in self.used]
                for name in stale:
                    del entries[name]
                if stale:
                    self._dirty.add(number)
        for number in sorted(self._dirty):
            _save(self.folder / f"{number:02d}.pickle", self._shards.get(number, {}))
        self._dirty.clear()
