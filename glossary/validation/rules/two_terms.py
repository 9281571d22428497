"""Two terms written as one: joined by ``;``, by `` / `` or by a comma.

Pasted from a spreadsheet cell or a partner's list, ``etäopiskelu, etäopetus`` becomes
one term that matches nothing; each term needs its own entry under ``terms`` (with its
status). A term is reported when it holds

- a semicolon (not in a formula, which has ``=``);
- a slash with a space on both sides (``opettaja / ohjaaja``; ``pass/fail test``,
  ``мастер п/о`` and ``2005/36/EC`` have none and are fine);
- a comma between two full terms. Real terms hold commas too, and those are told apart:
  a comma inside an enumeration closed by a conjunction (``Skills, Competences,
  Qualifications and Occupations``, ``психолого-педагогическая, медицинская и
  социальная помощь``); a comma before a participle or a relative clause (``подход,
  ориентированный на обучающегося``, ``молодёжь, которая не учится``, ``koulutus,
  joka …``, ``training, leading to …``), found for Russian with the project's
  morphology (pymorphy3) and for Finnish and English from their relative words and a
  few participles (an English word in -ed or -ing may as well start a second term:
  ``distance learning, blended learning``); a comma before a word that starts an
  explanation or a qualifier (``e.g.``, ``formerly``, ``the``; ``esim.``;
  ``например``); and, in Russian, a comma after a word that cannot be in the
  nominative: the comma then lists dependents of one head (``свидетельство о профессии
  рабочего, должности служащего``), while a full term starts in the nominative. Commas
  are judged in Finnish, Russian and English only; in other languages only ``;`` and
  `` / `` are.

**Fails**

```yaml
id: a
languages:
  fi:
    terms: ["etäopiskelu, etäopetus"]
  ru:
    terms: [дистанционное обучение; ДО]
```

**Passes**

```yaml
id: a
languages:
  fi:
    terms: [etäopiskelu, {term: etäopetus, status: admitted}]
  ru:
    terms: [дистанционное обучение, "подход, ориентированный на обучающегося"]
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from glossary.langtags import primary_language
from glossary.model import Concept
from glossary.validation.diagnostics import Diagnostic
from glossary.validation.rules.base import Context, Scope

CODE = "K506"
NAME = "two-terms-in-one"
SCOPE = Scope.CONCEPT

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_CONJUNCTIONS = {
    "ru": {"и", "или", "либо"},
    "fi": {"ja", "tai", "sekä", "eli", "jne", "ym", "yms"},
    "en": {"and", "or", "nor", "etc"},
}
#: Words after a comma that start an explanation or a qualifier, not another term.
_QUALIFIERS = {
    "ru": {"например", "особенно", "кроме", "ранее", "бывший", "бывшая", "бывшее", "то", "т"},
    "fi": {"esim", "esimerkiksi", "erityisesti", "yleensä", "lähinnä", "ent", "aiemmin"},
    "en": {
        "e",
        "eg",
        "i",
        "ie",
        "formerly",
        "especially",
        "including",
        "excluding",
        "except",
        "usually",
        "mainly",
        "the",
        "a",
        "an",
    },
}
_RELATIVE = {
    "fi": re.compile(
        r"(jo(ka|nka|ta|ssa|sta|hon|lla|lta|lle|ksi|tka|iden|ita|issa|ista|ihin)"
        r"|mi(kä|nkä|tä|ssä|stä|hin|llä|ltä|lle))\Z"
    ),
    "en": re.compile(r"(which|who|whom|whose|that|where|when|based|used|leading)\Z"),
}


def _separator(term: str, lang: str) -> str | None:
    """The separator that joins two terms in ``term``, or None."""
    if "=" in term:
        return None  # a formula
    if ";" in term:
        return ";"
    if re.search(r"\s/\s", term):
        return " / "
    if "," not in term:
        return None
    code = primary_language(lang)
    if code not in _CONJUNCTIONS:
        return None  # where a comma may stand in a term of this language is not known
    parts = term.split(",")
    for index in range(1, len(parts)):
        before = _WORD.findall(parts[index - 1])
        after = _WORD.findall(parts[index])
        if not before or not after:
            continue
        rest = {w.casefold() for w in _WORD.findall(",".join(parts[index:]))}
        if rest & _CONJUNCTIONS.get(code, set()):
            continue  # an enumeration inside one term
        if after[0].casefold() in _QUALIFIERS.get(code, set()):
            return None  # an explanation or a qualifier, to the end of the term
        if code == "ru":
            if _russian_clause(before[-1], after[0]):
                continue
        elif code in _RELATIVE and _RELATIVE[code].match(after[0].casefold()):
            continue
        return ","
    return None


def _russian_clause(before: str, after: str) -> bool:
    """Whether a comma between ``before`` and ``after`` stays inside one Russian term: a
    participle or ``который`` follows, or the word before cannot be nominative."""
    from glossary.languages.ru import _analyzer

    morph = _analyzer()
    for parse in morph.parse(after.casefold()):
        if parse.score >= 0.05 and ("PRTF" in parse.tag or parse.normal_form == "который"):
            return True
    return not any(
        "nomn" in parse.tag for parse in morph.parse(before.casefold()) if parse.score >= 0.01
    )


def check(concept: Concept, ctx: Context) -> Iterator[Diagnostic]:
    for lang, section in concept.languages.items():
        for term in section.terms:
            if not any(ch in term.term for ch in ",;/"):
                continue
            separator = _separator(term.term, lang)
            if separator is not None:
                yield ctx.report(
                    term.where("term"),
                    f"'{term.term}' ({lang}) looks like two terms joined by '{separator}'; "
                    "give each its own entry under terms",
                    concept.id,
                )
