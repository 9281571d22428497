"""The same term in two concepts of one language, whatever its status.

A designation that names two concepts (an admitted synonym here, a deprecated term
there) sends a translator to the wrong entry, and lookup cannot tell the two apart. Either
one of the terms is wrong, or the two are homographs: then give each its number with
``homograph: 1`` and ``homograph: 2``, and they are fine. Compared without regard to
letter case. A warning: the terminologist decides. When the term is preferred in both
concepts, ``K501`` reports it instead, as an error.

**Fails**

```yaml
- id: semester
  languages: {en: {terms: [semester, {term: term, status: admitted}]}}
- id: term
  languages: {en: {terms: [term]}}
```

**Passes**

```yaml
- id: semester
  languages: {en: {terms: [semester, {term: term, status: admitted, homograph: 2}]}}
- id: term
  languages: {en: {terms: [{term: term, homograph: 1}]}}
```
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence

from glossary.model import Concept, Term, TermStatus
from glossary.validation.diagnostics import Diagnostic, Severity
from glossary.validation.rules.base import Context, Scope

CODE = "K507"
NAME = "shared-term"
SCOPE = Scope.GLOSSARY
SEVERITY = Severity.WARNING


def term_key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def homographs(a: Term, b: Term) -> bool:
    """Two uses of one term declared as different homographs."""
    return a.homograph is not None and b.homograph is not None and a.homograph != b.homograph


def check(concepts: Sequence[Concept], ctx: Context) -> Iterator[Diagnostic]:
    # (language, term) -> the first concept and term that has it: one pass, one dict.
    seen: dict[tuple[str, str], list[tuple[Concept, Term]]] = {}
    for concept in concepts:
        for lang, section in concept.languages.items():
            for term in section.terms:
                earlier = seen.setdefault((lang, term_key(term.term)), [])
                for other_concept, other in earlier:
                    if other_concept.id == concept.id or homographs(term, other):
                        continue
                    preferred = TermStatus.PREFERRED
                    both = term.status is preferred and other.status is preferred
                    if not both:  # two preferred terms are K501's
                        yield ctx.report(
                            term.where("term"),
                            f"'{term.term}' ({lang}, {term.status.value}) is also a term of "
                            f"'{other_concept.id}' ({other.status.value}) at {other.where('term')}"
                            "; if they are homographs, number them with 'homograph'",
                            concept.id,
                        )
                    break
                earlier.append((concept, term))
