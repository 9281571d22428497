"""What ``glossary import --merge`` may add to a concept, what it must not, and what conflicts.

A merge adds what the concept lacks and nothing else: a value the concept has and the
import says otherwise (a definition, a note, a status, a term's status) is a conflict,
reported and left as it is; a field in a language the glossary does not declare for it
is not added, and said so. A concept that changed goes back for review: ``approved``
becomes ``reviewed`` (unless the status is kept) and ``updated`` becomes today (the date
of ``SOURCE_DATE_EPOCH`` when it is set).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field, replace

from glossary.model import Concept, ConceptStatus, LangSection, TermStatus

__all__ = ["Review", "review"]

_NOT_TO_USE = frozenset({TermStatus.DEPRECATED, TermStatus.SUPERSEDED})


@dataclass
class Review:
    #: The concept with what may be added (and its status and date, if it changed).
    merged: Concept
    #: Values the import brings that differ from the concept's: kept as they were.
    conflicts: list[str] = field(default_factory=list)
    #: What the import brings and the merge does not add, and why.
    refused: list[str] = field(default_factory=list)
    #: "status approved -> reviewed", "updated 2026-12-05".
    marked: list[str] = field(default_factory=list)


def _differs(old: str | None, new: str | None) -> bool:
    return old is not None and new is not None and old.strip() != new.strip()


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:39] + "…"


def _section_conflicts(lang: str, old: LangSection, new: LangSection, out: list[str]) -> None:
    for key in ("definition", "note", "source"):
        before, after = getattr(old, key), getattr(new, key)
        if _differs(before, after):
            out.append(f"{lang} {key} differs ('{_short(after)}' not taken)")
    ours = {term.term: term for term in old.terms}
    for term in new.terms:
        mine = ours.get(term.term)
        # Preferred against admitted is the shape of a sheet (its first term is preferred);
        # a term one side says not to use is a conflict.
        if mine is not None and (term.status in _NOT_TO_USE) != (mine.status in _NOT_TO_USE):
            out.append(
                f"{lang} term '{_short(term.term)}' is {term.status.value} there, "
                f"{mine.status.value} here"
            )


def _allowed(
    existing: Concept,
    incoming: Concept,
    languages: Collection[str],
    notes_in_language: bool,
    refused: list[str],
) -> Concept:
    """``incoming`` without what may not be added to ``existing``."""
    sections = {}
    for lang, section in incoming.languages.items():
        if lang not in existing.languages and languages and lang not in languages:
            refused.append(f"{lang}: not a language of the glossary")
            continue
        sections[lang] = section
    note = incoming.note
    if note is not None and existing.note is None and not notes_in_language:
        refused.append("concept note: not in the language the glossary's notes are in")
        note = None
    return replace(incoming, languages=sections, note=note)


def review(
    existing: Concept,
    incoming: Concept,
    *,
    languages: Collection[str] = (),
    notes_in_language: bool = True,
    keep_status: bool = False,
    today: dt.date | None = None,
) -> Review:
    """What a merge of ``incoming`` into ``existing`` does (see the module's docstring).

    ``languages`` are the glossary's (empty: any); ``notes_in_language`` says whether
    the import's concept notes are in the language the glossary's notes are in.
    """
    from glossary.importer import merge

    result = Review(existing)
    for lang, new in incoming.languages.items():
        old = existing.languages.get(lang)
        if old is not None:
            _section_conflicts(lang, old, new, result.conflicts)
    if _differs(existing.note, incoming.note):
        result.conflicts.append(f"concept note differs ('{_short(incoming.note or '')}' not taken)")
    if incoming.status is not ConceptStatus.DRAFT and incoming.status is not existing.status:
        result.conflicts.append(
            f"status is {incoming.status.value} there, {existing.status.value} here"
        )
    allowed = _allowed(existing, incoming, languages, notes_in_language, result.refused)
    merged = merge(existing, allowed)
    if merged != existing:
        if existing.status is ConceptStatus.APPROVED and not keep_status:
            merged = replace(merged, status=ConceptStatus.REVIEWED)
            result.marked.append("status approved -> reviewed")
        from glossary.templating import build_date

        when = today or build_date()
        if existing.updated != when:
            merged = replace(merged, updated=when)
            result.marked.append(f"updated {when.isoformat()}")
    result.merged = merged
    return result
