"""A cross-reference to a concept that does not exist, or to the concept itself.

``related`` lists ids of other concepts. An id that no concept has is usually a typo or a
concept that was renamed; the message suggests the closest existing id.

**Fails**

```yaml
- id: e-learning
  related: [distance-lerning]
  languages: {fi: {terms: [verkko-oppiminen]}}
- id: distance-learning
  languages: {fi: {terms: [etäopiskelu]}}
```

**Passes**

```yaml
- id: e-learning
  related: [distance-learning]
  languages: {fi: {terms: [verkko-oppiminen]}}
- id: distance-learning
  languages: {fi: {terms: [etäopiskelu]}}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from glossary.model import Concept
from glossary.util import did_you_mean
from glossary.validation.diagnostics import Diagnostic
from glossary.validation.rules.base import Context, Scope

CODE = "R202"
NAME = "unknown-related"
SCOPE = Scope.GLOSSARY


def check(concepts: Sequence[Concept], ctx: Context) -> Iterator[Diagnostic]:
    ids = {concept.id for concept in concepts}
    for concept in concepts:
        for index, target in enumerate(concept.related):
            where = concept.where(f"related.{index}")
            if target == concept.id:
                yield ctx.report(where, f"'{target}' is related to itself", concept.id)
            elif target not in ids:
                hint = did_you_mean(target, ids)
                yield ctx.report(
                    where, f"related concept '{target}' does not exist{hint}", concept.id
                )
