"""What can be used of a glossary some of whose files have errors.

``lookup``, ``show`` and ``stats`` answer from the concept files that read cleanly and
say once how many were left out; ``validate``, ``export`` and ``import --merge`` keep
refusing (:func:`glossary.sources.load`). A file is left out when it has an error that
stops it from being read as written (the loader's L1xx errors) or when it repeats an id
that an earlier file already uses (rule R201): both mean that what it says cannot be
trusted. An error in glossary.toml, or a glossary with nothing left, still refuses.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace

from glossary.config import CONFIG_NAME
from glossary.errors import LoadError
from glossary.model import Glossary
from glossary.sources import display_path, duplicate_ids, read

__all__ = ["PARTIAL", "Skipped", "read_usable"]

#: The end of the fingerprint of a glossary that some files were left out of.
PARTIAL = ":partial"


@dataclass(frozen=True, slots=True)
class Skipped:
    """The files left out of a glossary, and why (empty when nothing was)."""

    #: Their paths as diagnostics name them, sorted.
    files: tuple[str, ...] = ()
    #: How many errors they have.
    errors: int = 0
    #: The ids of the concepts they define that no other file does, with the file of each.
    concepts: dict[str, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.files)

    def as_dict(self) -> dict[str, object]:
        return {"files": list(self.files), "errors": self.errors, "concepts": self.concepts}

    @classmethod
    def from_dict(cls, data: object) -> Skipped:
        """The record :meth:`as_dict` made; an empty one for anything else."""
        if not isinstance(data, dict):
            return cls()
        files, errors, concepts = data.get("files"), data.get("errors"), data.get("concepts")
        if (
            not isinstance(files, list)
            or not all(isinstance(f, str) for f in files)
            or not isinstance(errors, int)
            or not isinstance(concepts, dict)
            or not all(isinstance(k, str) and isinstance(v, str) for k, v in concepts.items())
        ):
            return cls()
        return cls(tuple(files), errors, dict(concepts))


def read_usable(
    path: str | os.PathLike[str] | None = None, *, cache: bool | None = None
) -> tuple[Glossary, Skipped]:
    """The glossary at ``path`` without its files that have errors, and what was left out.

    Raises :class:`LoadError` (with every error) when glossary.toml has an error, or
    when no concept is left. When files were left out, the glossary's fingerprint ends
    in ``PARTIAL``, so that it is never indexed as if it were whole.
    """
    result = read(path, cache=cache)
    errors = [*result.errors, *duplicate_ids(result.concepts)]
    if not errors:
        return result.glossary, Skipped()
    sources = {display_path(file) for file in result.files if file.name != CONFIG_NAME}
    bad = {d.path for d in errors}
    kept = [c for c in result.concepts if c.location.path not in bad]
    if not bad <= sources or not kept:
        count = len(errors)
        noun = "error" if count == 1 else "errors"
        raise LoadError(f"the glossary has {count} {noun}; run 'glossary validate'", sorted(errors))
    concepts = {c.id: c for c in kept}
    left_out = {
        c.id: c.location.path
        for c in result.concepts
        if c.location.path in bad and c.id not in concepts
    }
    skipped = Skipped(tuple(sorted(bad)), len(errors), left_out)
    fingerprint = result.glossary.fingerprint + PARTIAL
    return replace(result.glossary, concepts=concepts, fingerprint=fingerprint), skipped
