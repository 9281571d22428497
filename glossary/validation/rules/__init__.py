"""The rules, by code. The list is explicit: a new rule is added here, nowhere else."""

from __future__ import annotations

from glossary.errors import UsageError
from glossary.util import did_you_mean
from glossary.validation.rules import (
    capitalised_term,
    circular_definition,
    contradictory_relation,
    deprecated_without_preferred,
    duplicate_id,
    duplicate_preferred_term,
    duplicate_term,
    invalid_language_tag,
    invisible_character,
    missing_definition,
    missing_gender,
    missing_language,
    missing_part_of_speech,
    mixed_script,
    no_preferred_term,
    not_nfc,
    not_tbx_basic,
    redundant_related,
    relation_cycle,
    replaced_not_retired,
    self_relation,
    several_preferred_terms,
    shared_term,
    stress_mark,
    tbx_basic,
    two_terms,
    unbalanced_brackets,
    undeclared_language,
    unknown_related,
    unknown_subject,
    whitespace,
    wrong_script,
)
from glossary.validation.rules.base import Context, Rule, Scope, rule_from_module
from glossary.validation.rules.loading import LOAD_RULES

__all__ = ["RULES", "Context", "Rule", "Scope", "get"]

_MODULES = (
    invalid_language_tag,
    duplicate_id,
    unknown_related,
    self_relation,
    relation_cycle,
    replaced_not_retired,
    contradictory_relation,
    redundant_related,
    undeclared_language,
    unknown_subject,
    missing_language,
    missing_definition,
    no_preferred_term,
    several_preferred_terms,
    missing_part_of_speech,
    missing_gender,
    whitespace,
    not_nfc,
    mixed_script,
    invisible_character,
    unbalanced_brackets,
    wrong_script,
    stress_mark,
    duplicate_preferred_term,
    deprecated_without_preferred,
    circular_definition,
    capitalised_term,
    duplicate_term,
    two_terms,
    shared_term,
    tbx_basic,
    not_tbx_basic,
)

RULES: dict[str, Rule] = dict(
    sorted(
        {**LOAD_RULES, **{m.CODE: rule_from_module(m) for m in _MODULES}}.items(),
        key=lambda item: item[0],
    )
)


def get(code: str) -> Rule:
    """The rule with ``code``; a clear :class:`UsageError` when there is none."""
    rule = RULES.get(code)
    if rule is None:
        raise UsageError(f"no rule '{code}'{did_you_mean(code, RULES)}")
    return rule
