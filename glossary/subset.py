"""A part of a glossary: the concepts of some subjects, or those a list names.

``glossary export pdf --subject vet --concepts course.txt`` prints a book of one field or
one course (a teacher's handout). A concept list is a text file with one concept id a
line; blank lines and ``#`` comments are ignored.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path

from glossary.errors import NotFoundError
from glossary.model import Glossary
from glossary.util import did_you_mean

__all__ = ["read_concept_list", "select"]


def read_concept_list(path: Path, glossary: Glossary) -> tuple[str, ...]:
    """The concept ids of a list file, each checked to be in ``glossary``."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise NotFoundError(f"{path}: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise NotFoundError(f"{path}: not UTF-8 text (byte {exc.start + 1})") from None
    ids: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        content = line.split("#", 1)[0]
        concept_id = content.strip()
        if not concept_id:
            continue
        if concept_id not in glossary.concepts:
            column = content.index(concept_id) + 1
            raise NotFoundError(
                f"{path}:{number}:{column}: no concept '{concept_id}' in the glossary"
                + did_you_mean(concept_id, glossary.concepts)
            )
        ids.append(concept_id)
    if not ids:
        raise NotFoundError(f"{path}: names no concept (one concept id a line)")
    return tuple(dict.fromkeys(ids))


def select(
    glossary: Glossary, subjects: Iterable[str] = (), concepts: Iterable[str] = ()
) -> Glossary:
    """The concepts of any of ``subjects`` and those of ``concepts``, in source order.

    The glossary's metadata stays; relations to concepts left out are left out in print.
    """
    wanted_subjects = tuple(dict.fromkeys(subjects))
    known = set(glossary.meta.subjects) | {
        code for concept in glossary.concepts.values() for code in concept.subjects
    }
    for code in wanted_subjects:
        if code not in known:
            listed = ", ".join(sorted(known)) or "none"
            raise NotFoundError(
                f"no subject '{code}' in the glossary{did_you_mean(code, known)}; "
                f"its subjects: {listed}"
            )
    wanted = set(concepts)
    chosen = {
        concept_id: concept
        for concept_id, concept in glossary.concepts.items()
        if concept_id in wanted or any(code in concept.subjects for code in wanted_subjects)
    }
    if not chosen:
        raise NotFoundError(f"no concept has the subject {', '.join(wanted_subjects)}")
    return dataclasses.replace(glossary, concepts=chosen)
