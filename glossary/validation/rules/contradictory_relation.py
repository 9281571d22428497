"""Two concepts each above the other.

If A names B as ``broader`` (or as the whole it is ``part_of``), B cannot name A as its
broader concept or its whole: one of the two links is the wrong way round. Reported
once per pair, at the link written second.

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
    for concept in concepts:
        for relation in HIERARCHICAL:
            for index, target in enumerate(getattr(concept, relation)):
                if target == concept.id or (concept.id, target) in above:
                    continue
                other = above.get((target, concept.id))
                above[(concept.id, target)] = relation
                if other is not None:
                    yield ctx.report(
                        concept.where(f"{relation}.{index}"),
                        f"'{concept.id}' names '{target}' in {relation}, and '{target}' "
                        f"names '{concept.id}' in {other}: one of the two is the wrong way round",
                        concept.id,
                    )
