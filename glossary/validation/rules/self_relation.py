"""A concept that names itself in one of its relations.

A concept cannot be broader than itself, a part of itself, related to itself or
replaced by itself; such a link is usually a copy-and-paste slip from another file.

**Fails**

```yaml
id: e-learning
broader: [e-learning]
languages: {fi: {terms: [verkko-oppiminen]}}
```

**Passes**

```yaml
- id: e-learning
  broader: [learning]
  languages: {fi: {terms: [verkko-oppiminen]}}
- id: learning
  languages: {fi: {terms: [oppiminen]}}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from glossary.model import Concept
from glossary.validation.diagnostics import Diagnostic
from glossary.validation.rules._relations import label
from glossary.validation.rules.base import Context, Scope

CODE = "R204"
NAME = "self-relation"
SCOPE = Scope.CONCEPT


def check(concept: Concept, ctx: Context) -> Iterator[Diagnostic]:
    for relation, index, target in concept.relations():
        if target == concept.id:
            yield ctx.report(
                concept.where(f"{relation}.{index}"),
                f"'{target}' names itself as its own {label(relation)}",
                concept.id,
            )
