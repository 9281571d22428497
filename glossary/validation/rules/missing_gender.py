"""A noun without grammatical gender in a language that has gender (off unless selected).

Translators need the gender of a Russian noun to make adjectives and verbs agree. The
languages checked are the option ``languages``; a glossary selects the rule in
glossary.toml (``extend-select = ["C306"]``). A warning while the concept is a draft.

**Fails**

```yaml
id: a
languages:
  ru:
    terms:
      - term: дистанционное обучение
        pos: noun
```

**Passes**

```yaml
id: a
languages:
  ru:
    terms:
      - term: дистанционное обучение
        pos: noun
        gender: neuter
```
"""

from __future__ import annotations

from collections.abc import Iterator

from glossary.langtags import primary_language
from glossary.model import Concept, ConceptStatus, PartOfSpeech
from glossary.validation.diagnostics import Diagnostic, Severity
from glossary.validation.rules.base import Context, Scope, rejected

CODE = "C306"
NAME = "missing-gender"
SCOPE = Scope.CONCEPT
DEFAULT_ENABLED = False
OPTIONS = {"languages": list[str]}
DEFAULTS = {
    "languages": [
        "ru",
        "uk",
        "be",
        "bg",
        "cs",
        "sk",
        "pl",
        "sl",
        "hr",
        "sr",
        "bs",
        "mk",
        "lt",
        "lv",
        "de",
        "fr",
        "es",
        "it",
        "pt",
        "ro",
        "ca",
        "el",
        "he",
        "ar",
    ]
}

_NOUNS = (PartOfSpeech.NOUN, PartOfSpeech.PROPER_NOUN)


def check(concept: Concept, ctx: Context) -> Iterator[Diagnostic]:
    languages = set(ctx.options["languages"])
    for lang, section in concept.languages.items():
        if primary_language(lang) not in languages:
            continue
        for term in section.terms:
            if term.pos in _NOUNS and term.gender is None and not rejected(term, "gender"):
                yield ctx.report(
                    term.where("term"),
                    f"the noun '{term.term}' ({lang}) has no gender",
                    concept.id,
                    Severity.WARNING if concept.status is ConceptStatus.DRAFT else None,
                )
