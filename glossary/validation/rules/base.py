"""What a rule is, and what a rule's check is given."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import ModuleType
from typing import Any

from glossary.model import GlossaryMeta, SourceLocation
from glossary.validation.diagnostics import Diagnostic, Severity

__all__ = ["Context", "Rule", "Scope", "rule_from_module"]


class Scope(StrEnum):
    """When a rule runs and what it sees."""

    #: Reported by the loaders while reading sources.
    LOAD = "load"
    #: One concept at a time; results are cached with the file the concept is in.
    CONCEPT = "concept"
    #: All concepts at once, after every source is read (cross-references, duplicates).
    GLOSSARY = "glossary"
    #: A TBX source's XML tree, against the TBX-Basic schema.
    TBX = "tbx"


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    severity: Severity
    scope: Scope
    doc: str
    check: Callable[..., Iterator[Diagnostic]] | None = None
    options: Mapping[str, type] = field(default_factory=dict)
    defaults: Mapping[str, Any] = field(default_factory=dict)
    #: Rules that are off unless selected (``extend-select`` in glossary.toml).
    default_enabled: bool = True

    @property
    def summary(self) -> str:
        """The first paragraph of the documentation, on one line."""
        paragraph = self.doc.strip().split("\n\n", 1)[0]
        return " ".join(paragraph.split()).rstrip(".") or self.name


@dataclass(frozen=True, slots=True)
class Context:
    """What a check is given besides the data: the glossary's metadata and its options."""

    meta: GlossaryMeta
    rule: Rule
    options: Mapping[str, Any]

    def report(
        self,
        where: SourceLocation,
        message: str,
        concept_id: str | None = None,
        severity: Severity | None = None,
        col_offset: int = 0,
    ) -> Diagnostic:
        """A diagnostic of this rule at ``where`` (moved right by ``col_offset`` characters)."""
        col = where.col + col_offset if where.col else 0
        return Diagnostic(
            where.path,
            where.line,
            col,
            self.rule.code,
            message,
            severity or self.rule.severity,
            concept_id,
        )


def rule_from_module(module: ModuleType) -> Rule:
    """A rule module defines CODE, NAME, SEVERITY, SCOPE, check() and documents itself."""
    doc = inspect.getdoc(module) or ""
    return Rule(
        code=module.CODE,
        name=module.NAME,
        severity=getattr(module, "SEVERITY", Severity.ERROR),
        scope=module.SCOPE,
        doc=doc,
        check=getattr(module, "check", None),
        options=getattr(module, "OPTIONS", {}),
        defaults=getattr(module, "DEFAULTS", {}),
        default_enabled=getattr(module, "DEFAULT_ENABLED", True),
    )
