"""``glossary new``: a new concept file, valid from the start."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from glossary.errors import GlossaryError, UsageError
from glossary.langtags import normalize_tag
from glossary.model import (
    ID_PATTERN,
    Concept,
    ConceptStatus,
    Gender,
    LangSection,
    PartOfSpeech,
    Term,
)
from glossary.sources import read
from glossary.sources.yaml import dump_yaml
from glossary.util import atomic_write, did_you_mean

__all__ = ["NewConcept", "new_concept"]


@dataclass(frozen=True)
class NewConcept:
    path: Path
    concept: Concept


def new_concept(
    root: Path,
    concept_id: str,
    terms: Mapping[str, str],
    *,
    subjects: Sequence[str] = (),
    definitions: Mapping[str, str] | None = None,
    pos: PartOfSpeech | None = PartOfSpeech.NOUN,
    genders: Mapping[str, Gender] | None = None,
    status: ConceptStatus = ConceptStatus.DRAFT,
    today: dt.date | None = None,
) -> NewConcept:
    """Write ``<root>/<id>.yaml`` with one preferred term per language; refuse an existing id."""
    if not ID_PATTERN.fullmatch(concept_id):
        raise UsageError(
            f"'{concept_id}' is not a valid id: "
            "use lower-case a-z, 0-9 and -, starting with a letter"
        )
    if not terms:
        raise UsageError("give at least one term, such as --fi TERM")
    result = read(root)
    meta = result.glossary.meta
    existing = next((c for c in result.concepts if c.id == concept_id), None)
    if existing is not None:
        raise GlossaryError(f"concept '{concept_id}' already exists at {existing.location}")
    for subject in subjects:
        if meta.subjects and subject not in meta.subjects:
            raise UsageError(
                f"unknown subject '{subject}'{did_you_mean(subject, meta.subjects)}; "
                f"the subjects are: {', '.join(meta.subjects)}"
            )
    sections: dict[str, LangSection] = {}
    order = [lang for lang in meta.languages if lang in terms]
    order += [lang for lang in terms if lang not in meta.languages]
    for raw_lang in order:
        lang = normalize_tag(raw_lang)
        if lang is None:
            raise UsageError(f"'{raw_lang}' is not a language tag")
        text = " ".join(terms[raw_lang].split())
        gender = (genders or {}).get(lang)
        sections[lang] = LangSection(
            lang,
            (Term(text, pos=pos, gender=gender),),
            definition=(definitions or {}).get(lang),
        )
    concept = Concept(
        id=concept_id,
        languages=sections,
        subjects=tuple(subjects),
        status=status,
        updated=today or dt.date.today(),
    )
    path = root / f"{concept_id}.yaml"
    if not atomic_write(path, dump_yaml(concept).encode("utf-8")):
        raise GlossaryError(f"{path} already exists; choose another id")
    return NewConcept(path, concept)
