"""A concept with ``replaced_by`` whose status is not ``retired``.

``replaced_by`` says what to use instead of a concept that is no longer in use; the
concept itself must then say so with ``status: retired`` (the site, the API and SKOS
mark it as retired, and lookups point to the replacement). A retired concept may
also have no replacement.

**Fails**

```yaml
- id: e-learning-2000
  status: approved
  replaced_by: [e-learning]
  languages: {fi: {terms: [verkko-opetus]}}
- id: e-learning
  languages: {fi: {terms: [verkko-oppiminen]}}
```

**Passes**

```yaml
- id: e-learning-2000
  status: retired
  replaced_by: [e-learning]
  languages: {fi: {terms: [verkko-opetus]}}
- id: e-learning
  languages: {fi: {terms: [verkko-oppiminen]}}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from glossary.model import Concept, ConceptStatus
from glossary.validation.diagnostics import Diagnostic
from glossary.validation.rules.base import Context, Scope

CODE = "R206"
NAME = "replaced-not-retired"
SCOPE = Scope.CONCEPT


def check(concept: Concept, ctx: Context) -> Iterator[Diagnostic]:
    if concept.replaced_by and concept.status is not ConceptStatus.RETIRED:
        yield ctx.report(
            concept.where("replaced_by"),
            f"'{concept.id}' has replaced_by but its status is '{concept.status.value}'; "
            "a replaced concept has status: retired",
            concept.id,
        )
