"""What the relation rules share: the graph of one relation between existing concepts."""

from __future__ import annotations

from collections.abc import Sequence

from glossary.model import Concept

__all__ = ["HIERARCHICAL", "edges", "label"]

#: The relations that order concepts: a concept cannot be above what is above it.
HIERARCHICAL = ("broader", "part_of")

_LABELS = {
    "broader": "broader concept",
    "part_of": "whole (part_of)",
    "related": "related concept",
    "replaced_by": "replacement (replaced_by)",
}


def label(relation: str) -> str:
    """How a message names the target of ``relation``: ``broader concept``."""
    return _LABELS[relation]


def edges(concepts: Sequence[Concept], relation: str) -> dict[str, list[str]]:
    """Concept id -> the existing other concepts it names in ``relation``, in order."""
    ids = {concept.id for concept in concepts}
    graph: dict[str, list[str]] = {}
    for concept in concepts:
        targets = graph.setdefault(concept.id, [])
        for target in getattr(concept, relation):
            if target in ids and target != concept.id and target not in targets:
                targets.append(target)
    return graph
