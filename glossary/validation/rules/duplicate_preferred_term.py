"""The same term is preferred in two concepts of one language.

Two concepts with the same preferred term are either one concept written twice, or
homonyms that need telling apart (a qualifier, a different preferred term). Compared
without regard to letter case. A warning: the terminologist decides.

**Fails**

```yaml
- id: network
  languages: {en: {terms: [network]}}
- id: computer-network
  languages: {en: {terms: [Network]}}
```

**Passes**

```yaml
- id: network
  languages: {en: {terms: [network]}}
- id: computer-network
  languages: {en: {terms: [computer network]}}
```
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence

from glossary.model import Concept, Term, TermStatus
from glossary.validation.diagnostics import Diagnostic, Severity
from glossary.validation.rules.base import Context, Scope

CODE = "K501"
NAME = "duplicate-preferred-term"
SCOPE = Scope.GLOSSARY
SEVERITY = Severity.WARNING


def _key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def check(concepts: Sequence[Concept], ctx: Context) -> Iterator[Diagnostic]:
    seen: dict[tuple[str, str], tuple[Concept, Term]] = {}
    for concept in concepts:
        for lang, section in concept.languages.items():
            for term in section.terms:
                if term.status is not TermStatus.PREFERRED:
                    continue
                key = (lang, _key(term.term))
                first = seen.setdefault(key, (concept, term))
                if first[0].id != concept.id:
                    yield ctx.report(
                        term.where("term"),
                        f"'{term.term}' ({lang}) is also the preferred term of "
                        f"'{first[0].id}' at {first[1].where('term')}",
                        concept.id,
                    )
