"""Two relations that cannot both be true.

- Two concepts each above the other: if A names B as ``broader`` (or as the whole it is
  ``part_of``), B cannot name A as its broader concept or its whole; one of the two
  links is the wrong way round.
- One concept both a kind and a part of another: A names B in ``broader`` and in
  ``part_of``; a relation is generic or partitive, not both.
- Two concepts each replaced by the other (``replaced_by`` both ways): a retired concept
  points to the one to use instead, which cannot point back.

Reported once per pair, at the link written second. (Longer circles are ``R205``; a
``related`` link beside a hierarchical one is ``R208``. ``related`` itself is symmetric:
it is written once, on either concept, and the other shows it by derivation, so a
one-way ``related`` is how it is meant to be written and nothing is reported.)

**Fails**

```yaml
- id: e-learning
  broader: [online-learning]
  languages: {fi: {terms: [verkko-oppiminen]}}
- id: online-learning
  broader: [e-learning]
  languages: {fi: {terms: [verkkokoulutus]}}
```

**Passes**

```yaml
- id: e-learning
  languages: {fi: {terms: [verkko-oppiminen]}}
- id: online-learning
  broader: [e-learning]
  languages: {fi: {terms: [verkkokoulutus]}}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from glossary.model import Concept
from glossary.validation.diagnostics import Diagnostic
from glossary.validation.rules._relations import HIERARCHICAL
from glossary.validation.rules.base import Context, Scope

CODE = "R207"
NAME = "contradictory-relation"
SCOPE = Scope.GLOSSARY


def check(concepts: Sequence[Concept], ctx: Context) -> Iterator[Diagnostic]:
    above: dict[tuple[str, str], str] = {}  # (lower, upper) -> the relation that says so
    replaced: set[tuple[str, str]] = set()
    for concept in concepts:
        generic = set(concept.broader)
        for index, target in enumerate(concept.part_of):
            if target in generic and target != concept.id:
                yield ctx.report(
                    concept.where(f"part_of.{index}"),
                    f"'{concept.id}' names '{target}' both in broader and in part_of: "
                    "a kind of it or a part of it, not both",
                    concept.id,
                )
        for index, target in enumerate(concept.replaced_by):
            if target != concept.id and (target, concept.id) in replaced:
                yield ctx.report(
                    concept.where(f"replaced_by.{index}"),
                    f"'{concept.id}' and '{target}' are each replaced by the other",
                    concept.id,
                )
            replaced.add((concept.id, target))
        for relation in HIERARCHICAL:
            for index, target in enumerate(getattr(concept, relation)):
                if target == concept.id or (concept.id, target) in above:
                    continue  # (the same pair in broader and part_of is reported above)
                other = above.get((target, concept.id))
                above[(concept.id, target)] = relation
                if other is not None:
                    yield ctx.report(
                        concept.where(f"{relation}.{index}"),
                        f"'{concept.id}' names '{target}' in {relation}, and '{target}' "
                        f"names '{concept.id}' in {other}: one of the two is the wrong way round",
                        concept.id,
                    )
