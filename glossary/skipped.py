"""The record of the files left out of a glossary some of whose files have errors.

Kept apart from the reading (glossary.sources.usable) because a lookup of a stored index
reads it from the index's stamp, and that path imports no reader.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["PARTIAL", "Skipped"]

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
