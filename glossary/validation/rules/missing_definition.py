"""A required language has no definition.

Translators choose between near-synonyms by the definition; every language that
glossary.toml lists as ``required`` needs one. An error for reviewed and approved
concepts, a warning for drafts.

**Fails**

```yaml
id: webinar
status: reviewed
languages:
  fi: {terms: [webinaari]}
  ru: {definition: Семинар, который проводится в сети., terms: [вебинар]}
```

**Passes**

```yaml
id: webinar
status: reviewed
languages:
  fi: {definition: Verkossa pidettävä seminaari., terms: [webinaari]}
  ru: {definition: Семинар, который проводится в сети., terms: [вебинар]}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from glossary.model import Concept, ConceptStatus
from glossary.validation.diagnostics import Diagnostic, Severity
from glossary.validation.rules.base import Context, Scope, rejected

CODE = "C302"
NAME = "missing-definition"
SCOPE = Scope.CONCEPT


def check(concept: Concept, ctx: Context) -> Iterator[Diagnostic]:
    draft = concept.status is ConceptStatus.DRAFT
    for lang in ctx.meta.required:
        section = concept.languages.get(lang)
        if section is None or rejected(section, "definition"):
            continue
        if not (section.definition or "").strip():
            yield ctx.report(
                section.where("definition"),
                f"no definition in '{lang}'",
                concept.id,
                Severity.WARNING if draft else None,
            )
