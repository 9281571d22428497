"""Header rows of partners' spreadsheets: which column holds what, in which language.

A header names a field (term, definition, note …) in one of several languages, a
language (by its code, or its name in English, Finnish, Russian, Swedish, German, French
or Estonian, from Babel's CLDR data), or both: ``Термин (рус.)``, ``Määritelmä (suomi)``,
``definition_en``, ``prefLabel_fi``. A header that names neither is never taken for a
language (``№``, ``See Also``, ``POS/Type``): a bare code counts only when it is a
language code CLDR knows with two letters (or three that stand for one: ``fin``), and
every further subtag a known region or script.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from glossary.langtags import canonical_tag
from glossary.util import did_you_mean

__all__ = ["Column", "Skipped", "header_columns", "positional_header", "words"]

#: Locales whose language names are recognised in headers.
NAME_LOCALES = ("en", "fi", "ru", "sv", "de", "fr", "et")


def words(header: str, *, fold: bool = True) -> tuple[str, ...]:
    """The words of a header, case-folded; ``fold`` also applies NFKC (``ﬁ`` -> ``fi``)."""
    text = unicodedata.normalize("NFKC", header) if fold else header
    text = text.casefold().replace("_", " ")
    return tuple(w for w in re.split(r"[^\w]+", text) if w)


@lru_cache(maxsize=1)
def _cldr() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Language, region and script codes CLDR names (lower case)."""
    from babel import Locale

    english = Locale.parse("en")
    return (
        frozenset(str(code).lower() for code in english.languages if "_" not in str(code)),
        frozenset(str(code).lower() for code in english.territories),
        frozenset(str(code).lower() for code in english.scripts),
    )


@lru_cache(maxsize=1)
def language_names() -> dict[str, str]:
    """Language names, adverbs and abbreviations -> tag ("suomi" -> "fi")."""
    from babel import Locale

    languages, _, _ = _cldr()
    names: dict[str, str] = {}
    for locale_code in NAME_LOCALES:
        locale = Locale.parse(locale_code)
        for code, name in locale.languages.items():
            tag = canonical_tag(code)
            if tag is None or code.lower() not in languages:
                continue
            key = " ".join(words(name))
            # The first locale's meaning wins (CLDR names are unique within a locale).
            names.setdefault(key, tag)
    # Finnish headers often say "in Finnish" (suomeksi); Russian ones use the adjective
    # or its abbreviation (рус.).
    names.update(
        {
            "suomeksi": "fi",
            "venäjäksi": "ru",
            "englanniksi": "en",
            "ruotsiksi": "sv",
            "suom": "fi",
            "ven": "ru",
            "engl": "en",
            "финский": "fi",
            "финский язык": "fi",
            "по фински": "fi",
            "фин": "fi",
            "русский": "ru",
            "русский язык": "ru",
            "по русски": "ru",
            "рус": "ru",
            "русск": "ru",
            "английский": "en",
            "английский язык": "en",
            "по английски": "en",
            "англ": "en",
            "шведский": "sv",
            "швед": "sv",
        }
    )
    return names


#: Field columns: field -> header words in several languages. A field word plus a
#: language in the same header gives a field per language. ``alt`` and ``deprecated``
#: hold further terms with that status (sanastot.suomi.fi's ``altLabel_fi``,
#: ``notRecommendedSynonym_fi``).
FIELD_WORDS: dict[str, tuple[str, ...]] = {
    "id": ("id", "concept id", "identifier", "tunniste", "tunnus", "идентификатор"),
    "subject": (
        "subject",
        "subjects",
        "subject area",
        "subjectarea",
        "domain",
        "field",
        "subject field",
        "aihe",
        "aihealue",
        "ala",
        "тема",
        "область",
        "предметная область",
        "раздел",
    ),
    "status": ("status", "concept status", "tila", "статус"),
    "note": (
        "note",
        "notes",
        "comment",
        "comments",
        "huomautus",
        "huom",
        "kommentti",
        "примечание",
        "примечания",
        "комментарий",
    ),
    "definition": ("definition", "määritelmä", "määrittely", "определение"),
    "context": ("context", "example", "esimerkki", "konteksti", "пример", "контекст"),
    "source": ("source", "lähde", "источник"),
    "pos": ("part of speech", "pos", "word class", "wordclass", "sanaluokka", "часть речи"),
    "gender": ("gender", "grammatical gender", "suku", "род"),
    "alt": ("altlabel", "synonym", "synonyms", "synonyymi", "synonyymit", "синоним", "синонимы"),
    "deprecated": (
        "notrecommendedsynonym",
        "deprecated term",
        "forbidden term",
        "hylättävä termi",
        "ei suositeltava",
        "нерекомендуемый термин",
    ),
    "term": ("term", "termi", "термин", "terms", "termit", "термины", "preflabel"),
}

#: Headers of a column that numbers the rows ("No" is not Norwegian there; "NO" and
#: "no" still are).
_NUMBER_HEADERS = frozenset({"No", "No.", "Nr", "Nr.", "Nro", "#", "№", "N°", "Nº", "п/п", "№ п/п"})

#: Fields of the concept as a whole; the others belong to a language.
CONCEPT_FIELDS = ("id", "subject", "status")


@dataclass(frozen=True)
class Column:
    index: int
    #: "term", "alt", "deprecated", "definition", "note", "context", "source", "pos",
    #: "gender", "id", "subject" or "status".
    field: str
    lang: str | None = None


@dataclass(frozen=True)
class Skipped:
    """A column that is not imported, and why."""

    index: int
    header: str
    code: str
    reason: str


#: Finnish field words; Cyrillic ones are Russian, the others English.
_FINNISH = frozenset(
    {
        *("määritelmä", "määrittely", "huomautus", "huom", "kommentti", "esimerkki"),
        *("konteksti", "lähde", "sanaluokka", "suku", "synonyymi", "synonyymit", "termi"),
        *("termit", "aihe", "aihealue", "ala", "tila", "tunniste", "tunnus"),
        *("hylättävä termi", "ei suositeltava"),
    }
)


def _spelling_language(spelling: str) -> str:
    if re.search("[\u0400-\u04ff]", spelling):
        return "ru"
    return "fi" if spelling in _FINNISH else "en"


def _field_of(found: tuple[str, ...]) -> tuple[str | None, tuple[str, ...], str]:
    """The field named in a header, the words left over, and the language of its word."""
    text = " ".join(found)
    for name, spellings in FIELD_WORDS.items():
        for spelling in sorted(spellings, key=len, reverse=True):
            pattern = rf"(^| ){re.escape(spelling)}( |$)"
            if re.search(pattern, text):
                rest = re.sub(pattern, " ", text, count=1).split()
                return name, tuple(rest), _spelling_language(spelling)
    return None, found, ""


def code_of(parts: Sequence[str]) -> str | None:
    """A language tag written as a code (``fi``, ``FI-fi``, ``fin``, ``zh_Hans``), else None."""
    if not parts or len(parts) > 3:
        return None
    tag = canonical_tag("-".join(parts))
    if tag is None:
        return None
    languages, regions, scripts = _cldr()
    primary, *subtags = tag.lower().split("-")
    if len(primary) != 2 or primary not in languages:
        return None
    for subtag in subtags:
        if subtag not in regions and subtag not in scripts:
            return None
    return tag


def language_of(found: tuple[str, ...], raw_words: tuple[str, ...]) -> str | None:
    """The language a header names: by name (``found``) or by code (``raw_words``)."""
    if not found:
        return None
    text = " ".join(found)
    names = language_names()
    if text in names:
        return names[text]
    return code_of(raw_words)


def _known_words() -> list[str]:
    return sorted(
        {
            *(w for ws in FIELD_WORDS.values() for w in ws),
            *("fi", "ru", "en", "suomi", "venäjä", "englanti", "finnish", "russian", "english"),
        }
    )


def header_columns(header: Sequence[str]) -> tuple[list[Column], list[Skipped]]:
    """What each column of a header row holds, and the columns left out with a reason.

    A field of a language named without one (``Определение``, ``Määritelmä``) belongs to
    the language its header is written in, when the sheet has terms in that language; a
    note without a language (``Примечание``) is the concept's.
    """
    term_languages = {
        lang.split("-")[0]: lang
        for lang in (language_of(words(raw), words(raw, fold=False)) for raw in header)
        if lang
    }
    for raw in header:
        field_name, rest, _ = _field_of(words(raw))
        if field_name == "term" and (
            lang := language_of(rest, _field_of(words(raw, fold=False))[1])
        ):
            term_languages.setdefault(lang.split("-")[0], lang)
    columns: list[Column] = []
    skipped: list[Skipped] = []
    for index, raw in enumerate(header):
        if not raw.strip():
            continue
        if raw.strip() in _NUMBER_HEADERS:
            reason = f"column '{raw}' numbers the rows"
            skipped.append(Skipped(index, raw, "L106", reason))
            continue
        found = words(raw)
        raw_words = words(raw, fold=False)
        field_name, rest, written_in = _field_of(found)
        if field_name is None:
            lang = language_of(found, raw_words)
            if lang is not None:
                columns.append(Column(index, "term", lang))
                continue
            hint = did_you_mean(" ".join(found), _known_words()) if found else ""
            reason = f"column '{raw}' is neither a language nor a field{hint}"
            skipped.append(Skipped(index, raw, "L106", reason))
            continue
        rest_raw = _field_of(raw_words)[1]
        lang = language_of(rest, rest_raw)
        if field_name in CONCEPT_FIELDS or (field_name == "note" and not rest):
            # Fields of the concept as a whole (a note without a language is the concept's).
            columns.append(Column(index, field_name, None))
            continue
        if lang is None and not rest:
            lang = term_languages.get(written_in)
        if lang is None:
            shown = "term" if field_name in ("alt", "deprecated") else field_name
            reason = f"column '{raw}': no language named (write e.g. '{shown} fi')"
            skipped.append(Skipped(index, raw, "L111", reason))
            continue
        columns.append(Column(index, field_name, lang))
    return columns, skipped


#: Header words of a headerless glossary's first row (OmegaT, Microsoft's CSV).
_POSITIONAL = frozenset({"source", "target", "comment", "comments", "note", "term", "translation"})


def positional_header(row: Sequence[str]) -> bool:
    """Whether a row of a headerless glossary is a header naming columns by position."""
    cells = [" ".join(words(cell)) for cell in row if cell.strip()]
    return bool(cells) and all(cell in _POSITIONAL for cell in cells)
