"""Run the rules over what the sources gave, with the user's selection and settings.

Selection works like flake8's: ``select``, ``extend-select`` and ``ignore`` hold codes or
code prefixes (``H4``, ``K504``, ``X``); for each rule the longest matching prefix
decides, and an ignore wins a tie. Rules that are off by default run only when selected.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from glossary.config import ValidateConfig
from glossary.errors import UsageError
from glossary.model import Concept, GlossaryMeta
from glossary.sources import LoadResult
from glossary.util import did_you_mean
from glossary.validation.diagnostics import Diagnostic, Severity, load_diagnostic
from glossary.validation.rules import RULES, Context, Rule, Scope
from glossary.validation.rules.base import option_type_problem

__all__ = ["Settings", "run", "settings_from"]


def _longest(code: str, prefixes: Iterable[str]) -> int:
    return max((len(p) for p in prefixes if code.startswith(p)), default=-1)


@dataclass(frozen=True)
class Settings:
    """The effective rule settings: selection, severities and options."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def enabled(self, code: str) -> bool:
        rule = RULES.get(code)
        chosen = max(_longest(code, self.select), _longest(code, self.extend_select))
        if chosen < 0 and not self.select and (rule is None or rule.default_enabled):
            chosen = 0
        return chosen >= 0 and _longest(code, self.ignore) < chosen

    def options_of(self, rule: Rule) -> dict[str, Any]:
        return {**rule.defaults, **self.options.get(rule.code, {})}

    def key(self) -> str:
        """A digest of everything that changes per-concept results (for the cache)."""
        data = json.dumps(
            [
                self.select,
                self.ignore,
                self.extend_select,
                dict(self.severity),
                {k: dict(v) for k, v in self.options.items()},
            ],
            sort_keys=True,
            default=str,
        )
        return hashlib.blake2b(data.encode(), digest_size=12).hexdigest()


def _codes(values: Iterable[str]) -> tuple[str, ...]:
    out: list[str] = []
    for value in values:
        out.extend(part.strip() for part in value.replace(",", " ").split() if part.strip())
    return tuple(out)


def settings_from(
    config: ValidateConfig,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
) -> tuple[Settings, list[Diagnostic]]:
    """Settings from glossary.toml, overridden by the command line; and the problems found
    in them (unknown codes and options, wrong types), as diagnostics on glossary.toml."""
    problems: list[Diagnostic] = []

    def report(code: str, message: str, key: str) -> None:
        line, col = config.positions.get(key, (0, 0))
        problems.append(load_diagnostic(code, message, config.path or "glossary.toml", line, col))

    def known(values: tuple[str, ...], key: str) -> tuple[str, ...]:
        for value in values:
            if not any(code.startswith(value) for code in RULES):
                report(
                    "L108", f"'{value}' in {key} matches no rule{did_you_mean(value, RULES)}", key
                )
        return values

    def given(values: Sequence[str], option: str) -> tuple[str, ...]:
        codes = _codes(values)
        for value in codes:
            if not any(code.startswith(value) for code in RULES):
                hint = did_you_mean(value, RULES)
                raise UsageError(f"{option} '{value}' matches no rule{hint}")
        return codes

    chosen_select = (
        given(select, "--select") if select is not None else known(config.select, "select")
    )
    chosen_ignore = (
        given(ignore, "--ignore") if ignore is not None else known(config.ignore, "ignore")
    )
    # A selection on the command line is the whole selection.
    extend = () if select is not None else known(config.extend_select, "extend-select")

    severity: dict[str, Severity] = {}
    for code, level in config.severity.items():
        if code not in RULES:
            report("L108", f"no rule '{code}'{did_you_mean(code, RULES)}", f"severity.{code}")
        elif level not in (Severity.ERROR.value, Severity.WARNING.value):
            report(
                "L108",
                f"severity of {code} must be 'error' or 'warning', not '{level}'",
                f"severity.{code}",
            )
        else:
            severity[code] = Severity(level)

    options: dict[str, dict[str, Any]] = {}
    for code, values in config.options.items():
        rule = RULES.get(code)
        if rule is None:
            report("L108", f"no rule '{code}'{did_you_mean(code, RULES)}", f"options.{code}")
            continue
        for name, value in values.items():
            key = f"options.{code}.{name}"
            expected = rule.options.get(name)
            if expected is None:
                hint = did_you_mean(name, rule.options)
                choices = ", ".join(rule.options) or "none"
                report(
                    "L106", f"rule {code} has no option '{name}'{hint} (options: {choices})", key
                )
            elif problem := option_type_problem(expected, value):
                report("L107", f"option '{name}' of rule {code} {problem}", key)
            elif rule.check_option and (problem := rule.check_option(name, value)):
                report("L108", f"option '{name}' of rule {code}: {problem}", key)
            else:
                options.setdefault(code, {})[name] = value
    return Settings(chosen_select, chosen_ignore, extend, severity, options), problems


def _concept_rules(
    concepts: Sequence[Concept], meta: GlossaryMeta, rules: Sequence[Rule], settings: Settings
) -> Iterator[Diagnostic]:
    checks = [(rule.check, Context(meta, rule, settings.options_of(rule))) for rule in rules]
    for concept in concepts:  # all rules on one concept, so that they share its text fields
        for check, ctx in checks:
            assert check is not None
            yield from check(concept, ctx)


def run(
    result: LoadResult,
    settings: Settings,
    cache: Any | None = None,
    only: frozenset[str] | None = None,
) -> list[Diagnostic]:
    """Every diagnostic of the enabled rules, load problems included, sorted by position.

    With ``only`` (display paths), the per-concept rules run on the concepts of those
    files alone, and only their diagnostics are returned; the glossary-wide rules still
    see every concept."""
    meta = result.glossary.meta
    enabled = [rule for rule in RULES.values() if settings.enabled(rule.code)]
    concept_rules = [r for r in enabled if r.scope is Scope.CONCEPT]
    glossary_rules = [r for r in enabled if r.scope is Scope.GLOSSARY]

    found = [
        d
        for d in result.diagnostics
        if settings.enabled(d.code) and (only is None or d.path in only)
    ]
    by_file: dict[str, list[Concept]] = defaultdict(list)
    for concept in result.concepts:
        if only is None or concept.location.path in only:
            by_file[concept.location.path].append(concept)
    key = settings.key() + ":" + _meta_key(meta)
    for path, concepts in by_file.items():
        entry = cache.entry(path) if cache is not None else None
        if entry is not None and entry.rules_key == key:
            found.extend(entry.rule_diagnostics)
            continue
        diagnostics = list(_concept_rules(concepts, meta, concept_rules, settings))
        found.extend(diagnostics)
        if entry is not None and cache is not None:
            entry.rules_key = key
            entry.rule_diagnostics = tuple(diagnostics)
            cache.touch(path)
    for rule in glossary_rules:
        assert rule.check is not None
        checked = rule.check(result.concepts, Context(meta, rule, settings.options_of(rule)))
        found.extend(d for d in checked if only is None or d.path in only)

    out = []
    for diagnostic in found:
        level = settings.severity.get(diagnostic.code)
        if level is not None and level is not diagnostic.severity:
            diagnostic = Diagnostic(
                diagnostic.path,
                diagnostic.line,
                diagnostic.col,
                diagnostic.code,
                diagnostic.message,
                level,
                diagnostic.concept_id,
            )
        if not _suppressed(diagnostic, result.suppressions):
            out.append(diagnostic)
    return sorted(set(out))


def _meta_key(meta: GlossaryMeta) -> str:
    data = json.dumps([meta.required, sorted(meta.subjects), meta.languages], default=str)
    return hashlib.blake2b(data.encode(), digest_size=8).hexdigest()


def _suppressed(
    diagnostic: Diagnostic, suppressions: Mapping[str, Mapping[int, frozenset[str] | None]]
) -> bool:
    lines = suppressions.get(diagnostic.path)
    if not lines or diagnostic.line not in lines:
        return False
    codes = lines[diagnostic.line]
    return codes is None or any(diagnostic.code.startswith(code) for code in codes)
