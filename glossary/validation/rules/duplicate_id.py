"""Two concepts have the same id.

Ids identify concepts in URLs, file names, cross-references and TBX; each must be unique
in the glossary. The first definition wins; every later one is reported, with the place
of the first. A TBX file read as a source has its repeated ids renamed instead (``L116``).

**Fails**

```yaml
- id: e-learning
  languages: {fi: {terms: [verkko-oppiminen]}}
- id: e-learning
  languages: {fi: {terms: [e-oppiminen]}}
```

**Passes**

```yaml
- id: e-learning
  languages: {fi: {terms: [verkko-oppiminen]}}
- id: e-learning-material
  languages: {fi: {terms: [verkko-oppimateriaali]}}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from glossary.model import Concept
from glossary.validation.diagnostics import Diagnostic
from glossary.validation.rules.base import Context, Scope

CODE = "R201"
NAME = "duplicate-id"
SCOPE = Scope.GLOSSARY


def check(concepts: Sequence[Concept], ctx: Context) -> Iterator[Diagnostic]:
    first: dict[str, Concept] = {}
    for concept in concepts:
        earlier = first.setdefault(concept.id, concept)
        if earlier is not concept:
            yield ctx.report(
                concept.where("id"),
                f"id '{concept.id}' is already used by the concept at {earlier.where('id')}",
                concept.id,
            )
