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
from dataclasses import replace

from glossary.config import CONFIG_NAME
from glossary.errors import LoadError
from glossary.model import Glossary
from glossary.skipped import PARTIAL, Skipped
from glossary.sources import display_path, duplicate_ids, read

__all__ = ["PARTIAL", "Skipped", "read_usable"]


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
