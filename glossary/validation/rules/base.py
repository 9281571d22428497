"""What a rule is, and what a rule's check is given."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import ModuleType
from typing import Any

from glossary.model import Concept, GlossaryMeta, LangSection, SourceLocation, Term
from glossary.validation.diagnostics import Diagnostic, Severity

__all__ = ["Context", "Rule", "Scope", "option_type_problem", "rejected", "rule_from_module"]


def rejected(item: Concept | LangSection | Term, name: str) -> bool:
    """Whether field ``name`` was written but refused while reading (a misspelt key, a
    wrong type, a value outside its set): that was reported, and a rule that would report
    the field as missing stays silent (one root cause, one diagnostic)."""
    return f"!{name}" in item.spans


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
    #: option name -> its type: ``bool``, ``int``, ``str`` or ``list[str]``
    options: Mapping[str, Any] = field(default_factory=dict)
    defaults: Mapping[str, Any] = field(default_factory=dict)
    #: ``(option, value) -> problem or None``: what the types alone do not say.
    check_option: Callable[[str, Any], str | None] | None = None
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
        check_option=getattr(module, "check_option", None),
        default_enabled=getattr(module, "DEFAULT_ENABLED", True),
    )


_TYPE_NAMES = {str: "text", bool: "true or false", int: "a whole number", float: "a number"}
_TYPE_NAMES_OF = {**_TYPE_NAMES, list: "a list", dict: "a table"}


def _named(value: object) -> str:
    return _TYPE_NAMES_OF.get(type(value), type(value).__name__)


def option_type_problem(expected: Any, value: object) -> str | None:
    """What is wrong with ``value`` as an option of type ``expected`` (``list[str]`` checks
    its items too), or None: ``"must be a list of text, not a table"``."""
    import typing

    origin = typing.get_origin(expected) or expected
    args = typing.get_args(expected)
    if origin is list and args:
        name = f"a list of {_TYPE_NAMES.get(args[0], args[0].__name__)}"
    else:
        name = _TYPE_NAMES_OF.get(origin, origin.__name__)
    # bool is an int in Python, not in a settings file.
    if not isinstance(value, origin) or (origin is int and isinstance(value, bool)):
        return f"must be {name}, not {_named(value)}"
    if origin is list and args:
        for item in typing.cast(list[object], value):
            if not isinstance(item, args[0]) or (args[0] is int and isinstance(item, bool)):
                return f"must be {name}; {item!r} is {_named(item)}"
    return None
