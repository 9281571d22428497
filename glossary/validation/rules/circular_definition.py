"""A definition that only repeats the term.

"Etäopiskelu: etäopiskelu." tells the reader nothing, and neither does "Дистанционное
обучение — это дистанционное обучение" or "Дистанционным обучением называется
дистанционное обучение". Reported when every word of the definition is a form of a word
of one of the terms of the same language (compared by the language's stems, so any
inflected form counts), a function word of the language, or a word that only links a
term to its definition (``это``, ``является``, ``называется``, ``on``, ``tarkoittaa``,
``is``, ``means``, ``a``, ``the`` …), letter case and punctuation aside.

**Fails**

```yaml
id: a
languages:
  en:
    definition: Distance learning.
    terms: [distance learning]
```

```yaml
id: b
languages:
  ru:
    definition: Дистанционное обучение — это дистанционное обучение.
    terms: [дистанционное обучение]
```

**Passes**

```yaml
id: a
languages:
  en:
    definition: Learning in which the learner and the teacher are in different places.
    terms: [distance learning]
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from glossary.model import Concept
from glossary.validation.diagnostics import Diagnostic, Severity
from glossary.validation.rules.base import Context, Scope

CODE = "K503"
NAME = "circular-definition"
SCOPE = Scope.CONCEPT
SEVERITY = Severity.WARNING

_WORD = re.compile(r"\w+")


#: Words that only link a term to its definition, by primary language.
_LINKS = {
    "ru": {
        "это",
        "есть",
        "является",
        "являются",
        "называется",
        "называют",
        "означает",
        "так",
        "такое",
        "то",
        "вид",
        "форма",
        "же",
    },
    "fi": {"on", "ovat", "tarkoittaa", "tarkoitetaan", "eli", "sama", "kuin", "toisin", "sanoen"},
    "en": {
        "is",
        "are",
        "a",
        "an",
        "the",
        "means",
        "meaning",
        "called",
        "refers",
        "to",
        "of",
        "same",
        "as",
        "that",
        "which",
    },
}


def _words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text)}


def _only_the_term(definition: set[str], term: set[str], lang: str) -> bool:
    if definition <= term:
        return True
    from glossary.langtags import primary_language
    from glossary.languages import get

    code = primary_language(lang)
    plugin = get(code)
    skip = _LINKS.get(code, set()) | plugin.function_words
    rest = {w for w in definition - term if w not in skip}
    if not rest:
        return bool(definition & term) or not definition
    stems = {plugin.stem(w) for w in term}
    return all(plugin.stem(w) in stems for w in rest) and bool(definition - skip)


def check(concept: Concept, ctx: Context) -> Iterator[Diagnostic]:
    for lang, section in concept.languages.items():
        if not section.definition:
            continue
        words = _words(section.definition)
        if not words:
            continue
        for term in section.terms:
            if _only_the_term(words, _words(term.term), lang):
                yield ctx.report(
                    section.where("definition"),
                    f"the definition ({lang}) only repeats the term '{term.term}'",
                    concept.id,
                )
                break
