"""A term with a capital first letter that is neither a proper noun nor an abbreviation.

Glossaries write common nouns in lower case (``distance learning``, not ``Distance
learning``), so that a translator copies the term as it appears in running text. Names
(``pos: properNoun``), abbreviations and acronyms, and terms that start with one
(``VET teacher``, ``MOOC-kurssi``) are fine, as are languages that capitalise nouns
(option ``languages``, default German and Luxembourgish). A warning.

**Fails**

```yaml
id: a
languages:
  en:
    terms: [Distance learning]
```

**Passes**

```yaml
id: a
languages:
  en:
    terms:
      - distance learning
      - term: European Qualifications Framework
        pos: properNoun
      - term: VET teacher
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from glossary.langtags import primary_language
from glossary.model import Concept, PartOfSpeech, TermType
from glossary.validation.diagnostics import Diagnostic, Severity
from glossary.validation.rules.base import Context, Scope, rejected

CODE = "K504"
NAME = "capitalised-term"
SCOPE = Scope.CONCEPT
SEVERITY = Severity.WARNING
OPTIONS = {"languages": list[str]}
DEFAULTS = {"languages": ["de", "lb"]}

_FIRST_WORD = re.compile(r"[^\W\d_]+")
_SHORT = (TermType.ABBREVIATION, TermType.ACRONYM)


def _capitalised(term: str) -> bool:
    match = _FIRST_WORD.match(term)
    if not match:
        return False
    word = match.group()
    return word[0].isupper() and not any(c.isupper() for c in word[1:]) and len(word) > 1


def check(concept: Concept, ctx: Context) -> Iterator[Diagnostic]:
    exempt = set(ctx.options["languages"])
    for lang, section in concept.languages.items():
        if primary_language(lang) in exempt:
            continue
        for term in section.terms:
            if term.pos is PartOfSpeech.PROPER_NOUN or term.type in _SHORT:
                continue
            if rejected(term, "pos") or rejected(term, "type"):
                continue  # what it was meant to be is not known
            if _capitalised(term.term):
                yield ctx.report(
                    term.where("term"),
                    f"'{term.term}' ({lang}) starts with a capital letter but is not marked "
                    "as a proper noun or an abbreviation",
                    concept.id,
                )
