"""A language that glossary.toml lists as ``required`` is missing from a concept.

An error for reviewed and approved concepts; a warning while the concept is a draft.

**Fails**

```yaml
id: webinar
status: approved
languages:
  fi: {definition: Verkossa pidettävä seminaari., terms: [webinaari]}
```

**Passes**

```yaml
id: webinar
status: approved
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
from glossary.validation.rules.undeclared_language import meant

CODE = "C301"
NAME = "missing-language"
SCOPE = Scope.CONCEPT


def check(concept: Concept, ctx: Context) -> Iterator[Diagnostic]:
    draft = concept.status is ConceptStatus.DRAFT
    declared = ctx.meta.languages
    # A section whose tag is a slip for a required language is R209's to report.
    slips = {meant(lang, declared) for lang in concept.languages if lang not in declared}
    for lang in ctx.meta.required:
        if lang in slips:
            continue
        if lang not in concept.languages and not rejected(concept, "languages"):
            yield ctx.report(
                concept.where("languages"),
                f"no '{lang}' section; glossary.toml requires it",
                concept.id,
                Severity.WARNING if draft else None,
            )
