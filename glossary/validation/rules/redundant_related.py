"""A ``related`` link between concepts already linked by ``broader`` or ``part_of``.

``related`` is for associated concepts that are neither above nor below each other; a
concept that is the broader concept, a narrower one, the whole or a part is shown as
such, so naming it in ``related`` too says the same thing twice (and the site would
list it twice).

**Fails**

```yaml
- id: e-learning
  languages: {fi: {terms: [verkko-oppiminen]}}
- id: online-learning
  broader: [e-learning]
  related: [e-learning]
  languages: {fi: {terms: [verkkokoulutus]}}
```

**Passes**

```yaml
- id: e-learning
  related: [blended-learning]
  languages: {fi: {terms: [verkko-oppiminen]}}
- id: online-learning
  broader: [e-learning]
  languages: {fi: {terms: [verkkokoulutus]}}
- id: blended-learning
  languages: {fi: {terms: [monimuoto-opetus]}}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from glossary.model import Concept
from glossary.validation.diagnostics import Diagnostic, Severity
from glossary.validation.rules._relations import HIERARCHICAL
from glossary.validation.rules.base import Context, Scope

CODE = "R208"
NAME = "redundant-related"
SEVERITY = Severity.WARNING
SCOPE = Scope.GLOSSARY


def check(concepts: Sequence[Concept], ctx: Context) -> Iterator[Diagnostic]:
    linked: dict[frozenset[str], str] = {}
    for concept in concepts:
        for relation in HIERARCHICAL:
            for target in getattr(concept, relation):
                linked.setdefault(frozenset((concept.id, target)), relation)
    for concept in concepts:
        for index, target in enumerate(concept.related):
            link = linked.get(frozenset((concept.id, target)))
            if link is not None and target != concept.id:
                yield ctx.report(
                    concept.where(f"related.{index}"),
                    f"'{target}' is related to '{concept.id}' and already linked to it by "
                    f"{link}; leave it out of related",
                    concept.id,
                )
