"""Validation: every problem in a glossary's sources, as diagnostics.

``validate(path)`` never raises for bad content; it returns a :class:`Report`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
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
    """The name of a rule code (``K504`` -> ``capitalised-term``)."""
    from glossary.validation.rules import RULES

    rule = RULES.get(code)
    if rule is not None:
        return rule.name
    return LOAD_CODES[code][0] if code in LOAD_CODES else code


def validate(
    path: str | os.PathLike[str] | None = None,
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    cache: bool | None = None,
) -> Report:
    """Read the glossary at ``path`` and run every enabled rule over it.

    ``select`` and ``ignore`` (codes or prefixes) replace those of glossary.toml when
    given. Never raises for bad content: problems are diagnostics in the report.
    """
    from glossary.cache import SourceCache, enabled
    from glossary.sources import fingerprint, read, resolve_path
    from glossary.validation.engine import run, settings_from

    root = resolve_path(path)
    store = None
    print_key = None
    if (enabled() if cache is None else cache) and root.exists():
        store = SourceCache.for_source(root)
        # Nothing changed since the last run with the same settings: its report stands.
        print_key = (fingerprint(root), tuple(select or ()), tuple(ignore or ()), select is None)
        last = store.summary()
        if print_key[0] is not None and isinstance(last, tuple) and last[0] == print_key:
            return last[1]  # type: ignore[no-any-return]
    result = read(root, cache=store if store is not None else False, schema=True)
    settings, problems = settings_from(result.validate, select, ignore)
    diagnostics = run(result, settings, store) + problems
    report = Report(tuple(sorted(diagnostics)), result.files, len(result.concepts))
    if store is not None:
        store.save()
        store.set_summary((print_key, report))
    return report
