"""The same term is preferred in two concepts of one language.

Two concepts with the same preferred term are either one concept written twice, or
homonyms that need telling apart (a qualifier, a different preferred term). A reader
who looks the term up cannot know which concept is meant, so this is an error unless
both terms are declared homographs with different numbers (``homograph: 1`` and
``homograph: 2``). Compared without regard to letter case. A term shared with any other
status is ``K507``, a warning.

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
from glossary.validation.diagnostics import Diagnostic
from glossary.validation.rules.base import Context, Scope
from glossary.validation.rules.shared_term import homographs

CODE = "K501"
NAME = "duplicate-preferred-term"
SCOPE = Scope.GLOSSARY


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
                if first[0].id != concept.id and not homographs(term, first[1]):
                    yield ctx.report(
                        term.where("term"),
                        f"'{term.term}' ({lang}) is also the preferred term of "
                        f"'{first[0].id}' at {first[1].where('term')}",
                        concept.id,
                    )
