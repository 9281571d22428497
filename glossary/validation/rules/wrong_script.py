"""A term or definition in a script its language is not written in.

A Russian term under ``fi``, or a Finnish definition pasted under ``ru``, is text in the
wrong section. A language's script is the script subtag of its tag (``uz-Latn``), else
the one CLDR gives it (through Babel: ``fi`` Latin, ``ru`` Cyrillic, ``sr`` Cyrillic).

- A term of a language written in Latin letters may not hold a word in another script
  (Cyrillic under ``fi`` or ``en``; a single Cyrillic letter inside a Latin word is a
  keyboard slip, reported by ``H403``). Greek letters are the exception in every language:
  they are the symbols of science (``γ``, ``σ′``, ``β-testaus``).
- A term of a language written in another script must hold a letter of it: a term of
  Latin letters only under ``ru`` is reported, except abbreviations and proper names,
  which Russian writes in Latin letters (``ECVET``, ``Erasmus+``). A term is taken as
  an abbreviation or a name when it is typed ``abbreviation`` or ``acronym``, has the
  part of speech ``properNoun``, or every word of it starts with a capital letter or
  holds one inside (``Diploma Supplement``, ``HyFlex``, ``LMS``). A foreign term used
  as such (``soft skills`` in Russian texts) is exempted on its line with
  ``# noqa: H406`` and the reason.
- A definition or an example sentence is reported when most of its letters are of
  another script than its language's (a quoted word or name in another script is fine).

**Fails**

```yaml
id: a
languages:
  fi:
    definition: Обучение, при котором обучающийся и преподаватель находятся в разных местах.
    terms: [дистанционное обучение]
  ru:
    terms: [distance learning]
```

**Passes**

```yaml
id: a
languages:
  fi:
    definition: Opiskelu, jossa opiskelija ja opettaja ovat eri paikoissa.
    terms: [etäopiskelu]
  ru:
    terms:
      - дистанционное обучение
      - term: LMS
        type: abbreviation
        status: admitted
      - term: Erasmus+
        pos: properNoun
        status: admitted
```
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

from glossary.model import Concept, PartOfSpeech, Term, TermType
from glossary.validation.diagnostics import Diagnostic
from glossary.validation.rules._text import script_of
from glossary.validation.rules.base import Context, Scope

CODE = "H406"
NAME = "wrong-script"
SCOPE = Scope.CONCEPT

#: ISO 15924 codes -> the first word of Unicode's names of their letters.
_SCRIPTS = {
    "Latn": "LATIN",
    "Cyrl": "CYRILLIC",
    "Grek": "GREEK",
    "Armn": "ARMENIAN",
    "Geor": "GEORGIAN",
    "Hebr": "HEBREW",
    "Arab": "ARABIC",
}
_SHORT = (TermType.ABBREVIATION, TermType.ACRONYM)
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=256)
def expected_script(lang: str) -> str | None:
    """``'LATIN'`` for ``fi``, ``'CYRILLIC'`` for ``ru`` and ``sr``; None when unknown."""
    parts = lang.replace("_", "-").split("-")
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            return _SCRIPTS.get(part.title())
    from babel.core import get_global

    likely = get_global("likely_subtags").get(parts[0].lower())
    if not likely:
        return None
    for part in str(likely).split("_")[1:]:
        if len(part) == 4:
            return _SCRIPTS.get(part)
    return None


def _letters(text: str, script: str) -> Counter[str]:
    """The letters of ``text`` by script; Greek ones only where Greek is the script."""
    return Counter(s for s in map(script_of, text) if s and (s != "GREEK" or s == script))


def _alien(word: str, script: str) -> bool:
    """A word with letters of another script and none of ``script``."""
    letters = _letters(word, script)
    return bool(letters) and script not in letters


def _name_or_abbreviation(term: Term) -> bool:
    if term.type in _SHORT or term.pos is PartOfSpeech.PROPER_NOUN:
        return True
    words = _WORD.findall(term.term)
    return bool(words) and all(w[0].isupper() or any(c.isupper() for c in w[1:]) for w in words)


def _title(script: str) -> str:
    return script.title()


def check(concept: Concept, ctx: Context) -> Iterator[Diagnostic]:
    for lang, section in concept.languages.items():
        script = expected_script(lang)
        if script is None:
            continue
        for term in section.terms:
            if term.term.isascii() and script == "LATIN":
                continue
            letters = _letters(term.term, script)
            others = sorted(s for s in letters if s != script)
            if not others:
                continue
            if script == "LATIN":
                # A word wholly in another script; a Cyrillic letter inside a Latin word
                # is a keyboard slip, H403's to report.
                foreign = next((w for w in _WORD.findall(term.term) if _alien(w, script)), None)
                if foreign is not None:
                    other = _letters(foreign, script).most_common(1)[0][0]
                    yield ctx.report(
                        term.where("term"),
                        f"the term '{term.term}' ({lang}) has the {_title(other)} word "
                        f"'{foreign}'; {lang} is written in {_title(script)} letters",
                        concept.id,
                    )
            elif script not in letters and not (
                others == ["LATIN"] and _name_or_abbreviation(term)
            ):
                yield ctx.report(
                    term.where("term"),
                    f"the term '{term.term}' ({lang}) has no {_title(script)} letter and is "
                    "not marked as an abbreviation or a proper name",
                    concept.id,
                )
        texts = [("definition", section.definition, section.where("definition"))]
        texts += [(f"example of '{t.term}'", t.context, t.where("context")) for t in section.terms]
        for label, text, where in texts:
            if not text or (text.isascii() and script == "LATIN"):
                continue
            letters = _letters(text, script)
            total = sum(letters.values())
            main, count = letters.most_common(1)[0] if letters else (script, 0)
            if main != script and count * 2 > total:
                yield ctx.report(
                    where,
                    f"the {label} ({lang}) is mostly in {_title(main)} letters; "
                    f"{lang} is written in {_title(script)} letters",
                    concept.id,
                )
