"""Validation: every problem in a glossary's sources, as diagnostics.

``validate(path)`` never raises for bad content; it returns a :class:`Report`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from glossary.validation.diagnostics import LOAD_CODES, Diagnostic, Severity

__all__ = ["Diagnostic", "Report", "Severity", "rule_name", "validate"]


@dataclass(frozen=True, slots=True)
class Report:
    """The outcome of validating a glossary."""

    diagnostics: tuple[Diagnostic, ...]
    files: tuple[Path, ...] = ()
    concepts: int = 0
    extra: dict[str, object] = field(default_factory=dict, hash=False)

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity is Severity.WARNING)

    def ok(self, strict: bool = False) -> bool:
        return not self.errors and not (strict and self.warnings)


def rule_name(code: str) -> str:
    if code in LOAD_CODES:
        return LOAD_CODES[code][0]
    return code


def validate(path: str | os.PathLike[str] | None = None) -> Report:
    """Read the glossary at ``path`` and report every problem found."""
    from glossary.sources import read

    result = read(path)
    return Report(result.diagnostics, result.files, len(result.concepts))
