"""Where lookup indexes live, and when they are rebuilt.

The index of a glossary folder (or file) is kept in the cache folder with a stamp that
records the sources it was built from: their file sizes and modification times, for a
quick check, and a digest of their content, which decides. A lookup whose sources have
the same sizes and times opens the index at once; when they differ, the content digest
is compared, and only changed content rebuilds the index.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from glossary.cache import cache_dir, digest, enabled
from glossary.errors import LoadError, NotFoundError, Notice
from glossary.paths import CONFIG_NAME, discover, resolve_path
from glossary.search.index import FORMAT, Index, build
from glossary.skipped import PARTIAL, Skipped

if TYPE_CHECKING:
    # Reading and building, which a lookup of an indexed glossary never does, are
    # imported where they happen.
    from glossary.model import Glossary

__all__ = [
    "StoredIndex",
    "discard",
    "index_for_loaded",
    "index_for_source",
    "index_path",
    "usable_index",
]


def index_path(root: Path) -> Path:
    return cache_dir() / "index" / f"{digest(str(root.resolve()).encode('utf-8'))}.sqlite"


def stat_signature(root: Path) -> str:
    parts: list[str] = []
    if root.is_dir():
        # The files source_files() reads, in its order (symbolic links out of the folder
        # and loops are not followed), and glossary.toml.
        files, skipped = discover(root)
        for file in (root / CONFIG_NAME, *files):
            try:
                info = file.stat()
                parts.append(f"{file}\0{info.st_size}\0{info.st_mtime_ns}")
            except OSError:
                parts.append(f"{file}\0missing")
        parts.extend(f"{link}\0skipped" for link, _ in skipped)
    else:
        for file in (root.parent / CONFIG_NAME, root):
            try:
                info = file.stat()
                parts.append(f"{file}\0{info.st_size}\0{info.st_mtime_ns}")
            except OSError:
                parts.append(f"{file}\0missing")
    return hashlib.blake2b("\n".join(parts).encode("utf-8"), digest_size=16).hexdigest()


def _stamp(path: Path) -> dict[str, object]:
    try:
        data = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _write_stamp(path: Path, stat: str, content: str, skipped: Skipped | None = None) -> None:
    from glossary.util import atomic_write

    record: dict[str, object] = {"format": FORMAT, "stat": stat, "fingerprint": content}
    if skipped:
        # An index of what loaded, not of the whole glossary: only a lookup that may
        # answer from part of a glossary uses it, and it says what was left out.
        record["skipped"] = skipped.as_dict()
    data = json.dumps(record)
    with contextlib.suppress(OSError):
        atomic_write(path.with_suffix(".json"), data.encode("utf-8"), overwrite=True)


def _usable(path: Path, stamp: dict[str, object]) -> bool:
    return path.exists() and stamp.get("format") == FORMAT


def _open(path: Path, stamp: dict[str, object]) -> Index | None:
    """The stored index if it is sound: an SQLite file whose own record names the format
    and the content its stamp says. A damaged or foreign file is removed (with a notice)
    so that it is built again."""
    try:
        index = Index.open(path)
        if index.meta("format") == str(FORMAT) and index.meta("fingerprint") == stamp.get(
            "fingerprint"
        ):
            return index
        index.close()
    except sqlite3.DatabaseError:
        pass
    discard(path)
    return None


def discard(path: Path, reason: str = "damaged") -> None:
    """Remove a stored index that cannot be used, saying so once; it is rebuilt."""
    message = f"the lookup index in the cache was {reason}; building it again"
    warnings.warn(Notice(message), stacklevel=2)
    for stale in (path, path.with_suffix(".json")):
        with contextlib.suppress(OSError):
            stale.unlink()


def index_for_source(path: str | os.PathLike[str] | None = None) -> Index:
    """The index of the glossary at ``path``, rebuilt only when its sources changed;
    raises :class:`LoadError` when they have errors."""
    return _index_for_source(path, partial=False)[0]


def usable_index(path: str | os.PathLike[str] | None = None) -> tuple[Index, Skipped]:
    """The index of what can be used of the glossary at ``path`` (see
    :func:`glossary.sources.usable.read_usable`), and the files left out."""
    return _index_for_source(path, partial=True)


def _index_for_source(
    path: str | os.PathLike[str] | None, *, partial: bool
) -> tuple[Index, Skipped]:
    root = resolve_path(path)
    if not root.exists():
        raise NotFoundError(f"{root}: no such file or folder")
    if not enabled():
        glossary, skipped, _ = _read(root, partial)
        return build(glossary, None), skipped
    target = index_path(root)
    stamp = _stamp(target)
    skipped = Skipped.from_dict(stamp.get("skipped"))
    signature = stat_signature(root)
    # A strict caller never takes an index of part of a glossary: it reads the sources
    # again, which fail as they did when the index was built.
    if _usable(target, stamp) and (partial or "skipped" not in stamp):
        if stamp.get("stat") == signature:
            if (index := _open(target, stamp)) is not None:
                return index, skipped
        else:
            from glossary.sources import fingerprint

            content = fingerprint(root)
            if (
                content is not None
                and stamp.get("fingerprint") == content
                and (index := _open(target, stamp)) is not None
            ):
                _write_stamp(target, signature, content, skipped)
                return index, skipped
    glossary, skipped, content = _read(root, partial)
    try:
        index = build(glossary, target, content)
    except OSError:
        return build(glossary, None), skipped
    _write_stamp(target, signature, content, skipped)
    return index, skipped


def index_for_loaded(glossary: Glossary) -> Index | None:
    """The stored index of a glossary read by :func:`glossary.load`, if it matches the
    content that was read (else a new one is stored); None for glossaries built in code."""
    if not glossary.origin or not glossary.fingerprint or not enabled():
        return None
    target = index_path(Path(glossary.origin))
    stamp = _stamp(target)
    if (
        _usable(target, stamp)
        and "skipped" not in stamp
        and stamp.get("fingerprint") == glossary.fingerprint
        and (index := _open(target, stamp)) is not None
    ):
        return index
    try:
        index = build(glossary, target, glossary.fingerprint)
    except OSError:
        return None
    _write_stamp(target, "", glossary.fingerprint)  # times unknown: the content decides
    return index


def _read(root: Path, partial: bool) -> tuple[Glossary, Skipped, str]:
    """The glossary to index, what was left out of it, and the fingerprint of its
    sources (the content of every file, the ones left out included: fixing one of
    them builds the index again)."""
    from glossary.sources import read
    from glossary.sources.usable import read_usable

    if partial:
        glossary, skipped = read_usable(root)
        return glossary, skipped, glossary.fingerprint.removesuffix(PARTIAL)
    result = read(root)
    if result.errors:
        count = len(result.errors)
        noun = "error" if count == 1 else "errors"
        raise LoadError(f"the glossary has {count} {noun}; run 'glossary validate'", result.errors)
    return result.glossary, Skipped(), result.glossary.fingerprint


_R = TypeVar("_R")


class StoredIndex:
    """The index of the glossary at ``path``, built again once if it turns out damaged
    while it is read (a cache file cut short or overwritten), with a notice."""

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.source = path
        #: The files left out because they have errors (lookup answers from the rest).
        self.index, self.skipped = usable_index(path)
        self._rebuilt = False

    def run(self, function: Callable[..., _R], *args: Any, **kwargs: Any) -> _R:
        """``function(index, *args, **kwargs)``."""
        try:
            return function(self.index, *args, **kwargs)
        except sqlite3.DatabaseError:
            if self._rebuilt or self.index.path is None:
                raise
            self._rebuilt = True
            with contextlib.suppress(sqlite3.Error):
                self.index.close()
            discard(self.index.path)
            self.index, self.skipped = usable_index(self.source)
            return function(self.index, *args, **kwargs)
