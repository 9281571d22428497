"""A folder an exporter owns: rebuilt in place, and never touched beyond what it wrote.

Exporters that write a folder (the web site, the JSON API) describe what they produce as
:class:`Output` values and hand them to an :class:`OutputFolder`, which

- refuses a folder that holds other files but no record of an earlier build;
- writes a file only when its content changed, atomically (a reader sees the old file or
  the new one, never half of it);
- removes the files of the earlier build that are no longer produced, and the folders
  they leave empty, never following the record outside the folder;
- records every file it wrote, with the key it was made from and its size, in a small
  JSON file at the top of the folder, so that the next build knows what is its own.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from glossary.errors import ExportError
from glossary.util import atomic_write

__all__ = ["Output", "OutputFolder", "Record", "digest", "inside"]

#: What a folder's record says of each file: path (relative, with "/") -> (key, size).
Record = dict[str, tuple[str, int]]


@dataclass(frozen=True)
class Output:
    """One file of a build."""

    path: str  # relative to the output folder, with "/"
    data: bytes | None  # None: the file there is already this output
    key: str = ""


def digest(*parts: str | bytes) -> str:
    """A short digest of ``parts`` (told apart from each other), for an output's key."""
    total = hashlib.blake2b(digest_size=16)
    for part in parts:
        total.update(part.encode("utf-8") if isinstance(part, str) else part)
        total.update(b"\0")
    return total.hexdigest()


def inside(root: Path, relative: str) -> Path:
    """``root / relative`` for a plain relative path that stays inside ``root``; raise
    :class:`ExportError` otherwise.

    Every file an exporter writes into its folder goes through here: whatever a source
    says (an id, a subject code, a language tag), nothing is written outside the folder,
    through ``..``, an absolute path, a backslash, a control character, a name too long
    for the file system, or a symbolic link inside the folder that points out of it."""
    parts = relative.split("/")
    if (
        not relative
        or any(part in ("", ".", "..") for part in parts)
        or any(ch in relative for ch in "\\\0")
        or any(ord(ch) < 0x20 or ch == "\x7f" for ch in relative)
        or any(len(part.encode("utf-8")) > 255 for part in parts)
    ):
        raise ExportError(f"refusing to write {relative!r}: not a plain path inside {root}")
    target = root / relative
    real_root = root.resolve()
    if not target.parent.resolve().is_relative_to(real_root):
        raise ExportError(f"refusing to write {relative!r}: it leads out of {root}")
    return target


@dataclass(frozen=True)
class OutputFolder:
    """The rules of one exporter's folder.

    ``record`` is the name of the record file (``.glossary-site.json``), ``command`` the
    command that makes the folder (``glossary export site``), ``what`` how messages name
    the output (``the site``), and ``shared`` the names of entries that other exports
    may have put there first (the site's ``downloads``): they do not make the folder
    foreign.
    """

    record: str
    command: str
    what: str
    shared: tuple[str, ...] = ()

    def check(self, out: Path) -> Record:
        """The files of the earlier build in ``out`` with their keys and sizes; refuse
        a folder of other files."""
        if not out.exists():
            return {}
        if not out.is_dir():
            raise ExportError(f"{out} is a file; give a folder for {self.what}")
        manifest = out / self.record
        if manifest.is_file():
            try:
                data = json.loads(manifest.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                return {}
            files = data.get("files") if isinstance(data, dict) else None
            if not isinstance(files, dict):
                return {}
            return {
                path: (entry[0], entry[1])
                for path, entry in files.items()
                if isinstance(entry, list)
                and len(entry) == 2
                and isinstance(entry[0], str)
                and isinstance(entry[1], int)
            }
        if any(entry.name not in self.shared for entry in out.iterdir()):
            raise ExportError(
                f"{out} is not empty and was not made by '{self.command}'; "
                "give an empty or new folder"
            )
        return {}

    def write(
        self, out: Path, outputs: Iterable[Output], previous: Mapping[str, tuple[str, int]]
    ) -> list[Path]:
        """Write ``outputs`` into ``out``, remove what ``previous`` had and they do not,
        update the record; return the files written (unchanged ones are not)."""
        out.mkdir(parents=True, exist_ok=True)
        written = []
        current: Record = {}
        for output in outputs:
            if output.data is None:
                current[output.path] = previous[output.path]
                continue
            current[output.path] = (output.key, len(output.data))
            target = inside(out, output.path)
            try:
                if target.is_file() and target.read_bytes() == output.data:
                    continue
            except OSError:
                pass
            # Atomic (a reader sees the old file or the new one) but not synced to disk one
            # by one: the output is rebuilt from the sources, and 30,000 syncs take minutes.
            atomic_write(target, output.data, overwrite=True, durable=False)
            written.append(target)
        root = out.resolve()
        for stale in sorted(set(previous) - set(current)):
            path = (out / stale).resolve()
            # The record is a file in a folder the user owns: never follow it outside.
            if not path.is_relative_to(root) or path == root:
                continue
            if path.is_file():
                path.unlink()
                prune(path.parent, root)
        manifest = json.dumps({"format": 1, "files": dict(sorted(current.items()))}, indent=1)
        record = out / self.record
        if not record.is_file() or record.read_bytes() != manifest.encode("utf-8"):
            atomic_write(record, manifest.encode("utf-8"), overwrite=True)
        return written


def prune(folder: Path, root: Path) -> None:
    """Remove ``folder`` and its parents up to ``root`` while they are empty."""
    while folder != root and folder.is_relative_to(root):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
