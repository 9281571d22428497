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
from pathlib import Path

from glossary.cache import cache_dir, digest, enabled
from glossary.config import CONFIG_NAME
from glossary.errors import LoadError, NotFoundError
from glossary.model import Glossary
from glossary.search.index import FORMAT, Index, build
from glossary.sources import YAML_SUFFIXES, fingerprint, read, resolve_path
from glossary.util import atomic_write

__all__ = ["index_for_loaded", "index_for_source", "index_path"]


def index_path(root: Path) -> Path:
    return cache_dir() / "index" / f"{digest(str(root.resolve()).encode('utf-8'))}.sqlite"


def _walk(folder: str, out: list[str]) -> None:
    """File names, sizes and times of the sources, in the order source_files() uses."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=True):
            if not entry.name.startswith("_"):
                _walk(entry.path, out)
        elif entry.name.lower().endswith(YAML_SUFFIXES) or entry.name == CONFIG_NAME:
            info = entry.stat()
            out.append(f"{entry.path}\0{info.st_size}\0{info.st_mtime_ns}")


def stat_signature(root: Path) -> str:
    parts: list[str] = []
    if root.is_dir():
        _walk(str(root), parts)
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


def _write_stamp(path: Path, stat: str, content: str) -> None:
    data = json.dumps({"format": FORMAT, "stat": stat, "fingerprint": content})
    with contextlib.suppress(OSError):
        atomic_write(path.with_suffix(".json"), data.encode("utf-8"), overwrite=True)


def _usable(path: Path, stamp: dict[str, object]) -> bool:
    return path.exists() and stamp.get("format") == FORMAT


def index_for_source(path: str | os.PathLike[str] | None = None) -> Index:
    """The index of the glossary at ``path``, rebuilt only when its sources changed."""
    root = resolve_path(path)
    if not root.exists():
        raise NotFoundError(f"{root}: no such file or folder")
    if not enabled():
        return build(_read(root), None)
    target = index_path(root)
    stamp = _stamp(target)
    signature = stat_signature(root)
    if _usable(target, stamp):
        if stamp.get("stat") == signature:
            return Index.open(target)
        content = fingerprint(root)
        if content is not None and stamp.get("fingerprint") == content:
            _write_stamp(target, signature, content)
            return Index.open(target)
    glossary = _read(root)
    try:
        index = build(glossary, target, glossary.fingerprint)
    except OSError:
        return build(glossary, None)
    _write_stamp(target, signature, glossary.fingerprint)
    return index


def index_for_loaded(glossary: Glossary) -> Index | None:
    """The stored index of a glossary read by :func:`glossary.load`, if it matches the
    content that was read (else a new one is stored); None for glossaries built in code."""
    if not glossary.origin or not glossary.fingerprint or not enabled():
        return None
    target = index_path(Path(glossary.origin))
    stamp = _stamp(target)
    if _usable(target, stamp) and stamp.get("fingerprint") == glossary.fingerprint:
        return Index.open(target)
    try:
        index = build(glossary, target, glossary.fingerprint)
    except OSError:
        return None
    _write_stamp(target, "", glossary.fingerprint)  # times unknown: the content decides
    return index


def _read(root: Path) -> Glossary:
    result = read(root)
    if result.errors:
        count = len(result.errors)
        noun = "error" if count == 1 else "errors"
        raise LoadError(f"the glossary has {count} {noun}; run 'glossary validate'", result.errors)
    return result.glossary
